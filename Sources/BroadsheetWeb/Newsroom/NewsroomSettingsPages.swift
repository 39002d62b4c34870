import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird

/// Settings (admins), sections (admins) and tags (editors): what shapes the paper rather than one article.
struct NewsroomSettingsPages: Sendable {
    let gate: NewsroomSite
    let setup: NewsroomSetup
    let settings: SettingsStore
    let queries: PublicQueries
    let views: SettingsViews

    func addRoutes(to router: Router<BroadsheetRequestContext>) {
        router.get("admin/settings") { request, context in
            try await gate.signedIn(request, context, may: .manageSettings) { member, session, _ in
                try await views.settings(member: member, csrf: session.csrfToken, saved: request.uri.queryParameters["saved"] != nil)
            }
        }
        router.post("admin/settings/ads") { request, context in
            try await gate.signedIn(request, context, may: .manageSettings, form: true) { member, _, form in
                var slots: [ManagedAdSlot] = []
                for number in 1...20 {
                    let name = form["slot_name_\(number)"].trimmed
                    let html = form["slot_html_\(number)"].trimmed
                    guard !name.isEmpty || !html.isEmpty else { continue }
                    slots.append(ManagedAdSlot(name: name.isEmpty ? "slot \(number)" : name, html: html,
                                               enabled: form["slot_on_\(number)"] == "1"))
                }
                let every = min(max(Int(form["every"]) ?? 0, 0), 100)
                try await setup.saveAds(every: every, slots: slots)
                try await gate.audit.record("changed advertisement slots", by: member, detail: "\(slots.count) slots, every \(every)", now: gate.clock())
                return gate.security.seeOther("/admin/settings?saved=1")
            }
        }
        router.post("admin/settings/support") { request, context in
            try await gate.signedIn(request, context, may: .manageSettings, form: true) { member, session, form in
                for edition in gate.site.configuration.editions.all {
                    let url = form["url_\(edition.code)"].trimmed
                    guard url.isEmpty || LinkPolicy.isAllowed(url) else {
                        return try await views.settings(member: member, csrf: session.csrfToken, saved: false,
                                                        problem: url, status: .badRequest)
                    }
                    try await setup.saveSupportCall(
                        edition: edition.code, SupportCall(text: form["text_\(edition.code)"].trimmed, url: url))
                }
                try await gate.audit.record("changed support calls", by: member, now: gate.clock())
                return gate.security.seeOther("/admin/settings?saved=1")
            }
        }
        router.post("admin/settings/footers") { request, context in
            try await gate.signedIn(request, context, may: .manageSettings, form: true) { member, session, form in
                var typed: [String: FooterForm] = [:]
                for edition in gate.site.configuration.editions.all {
                    typed[edition.code] = FooterForm(fields: form, edition: edition.code)
                }
                do {
                    try await setup.saveFooters(typed.mapValues(\.footer))
                } catch let rejected as NewsroomSetup.FooterRejected {
                    return try await views.settings(member: member, csrf: session.csrfToken, saved: false,
                                                    footers: typed, rejected: rejected, status: .badRequest)
                }
                try await gate.audit.record("changed footers", by: member, now: gate.clock())
                return gate.security.seeOther("/admin/settings?saved=1")
            }
        }
        router.post("admin/settings/banners") { request, context in
            try await gate.signedIn(request, context, may: .manageSettings, form: true) { member, session, form in
                for edition in gate.site.configuration.editions.all {
                    let text = form["banner_text_\(edition.code)"].trimmed
                    let url = form["banner_url_\(edition.code)"].trimmed
                    let until = (try? EditorForm.time(form["banner_until_\(edition.code)"], timeZone: gate.site.configuration.timeZone)) ?? nil
                    if text.isEmpty {
                        try await setup.saveBanner(edition: edition.code, nil)
                        continue
                    }
                    guard let until, url.isEmpty || LinkPolicy.isAllowed(url) else {
                        return try await views.settings(member: member, csrf: session.csrfToken, saved: false,
                                                        problem: "\(edition.code): \(text)", status: .badRequest)
                    }
                    try await setup.saveBanner(edition: edition.code, BreakingBanner(text: text, url: url, until: until))
                }
                try await gate.audit.record("changed breaking-news banners", by: member, now: gate.clock())
                return gate.security.seeOther("/admin/settings?saved=1")
            }
        }
        router.get("admin/sections") { request, context in
            try await gate.signedIn(request, context, may: .manageSections) { member, session, _ in
                try await views.sections(member: member, csrf: session.csrfToken, message: nil)
            }
        }
        router.post("admin/sections") { request, context in
            try await gate.signedIn(request, context, may: .manageSections, form: true) { member, session, form in
                try await savingNames(.section, entry: nil, form: form, member: member, session: session)
            }
        }
        router.post("admin/sections/:entry") { request, context in
            try await gate.signedIn(request, context, may: .manageSections, form: true) { member, session, form in
                guard let entry = context.parameters.get("entry", as: Int.self) else {
                    return gate.security.seeOther("/admin/sections")
                }
                switch form["do"] {
                case "up", "down":
                    try await setup.moveSectionEntry(entry, by: form["do"] == "up" ? -1 : 1, editions: editionCodes)
                    return gate.security.seeOther("/admin/sections")
                default:
                    return try await savingNames(.section, entry: entry, form: form, member: member, session: session)
                }
            }
        }
        router.post("admin/tags/names") { request, context in
            try await gate.signedIn(request, context, may: .manageTags, form: true) { member, session, form in
                try await savingNames(.tag, entry: nil, form: form, member: member, session: session)
            }
        }
        router.post("admin/tags/names/:entry") { request, context in
            try await gate.signedIn(request, context, may: .manageTags, form: true) { member, session, form in
                try await savingNames(
                    .tag, entry: context.parameters.get("entry", as: Int.self), form: form, member: member,
                    session: session)
            }
        }
        router.get("admin/tags") { request, context in
            try await gate.signedIn(request, context, may: .manageTags) { member, session, _ in
                try await views.tags(
                    edition: tagEdition(request), words: request.uri.queryParameters["q"].map(String.init) ?? "",
                    member: member, csrf: session.csrfToken, message: nil)
            }
        }
        router.post("admin/tags/:id") { request, context in
            try await gate.signedIn(request, context, may: .manageTags, form: true) { member, session, form in
                guard let id = context.parameters.get("id", as: Int.self) else { return gate.security.seeOther("/admin/tags") }
                do {
                    try await setup.renameTag(id: id, name: form["name"], slug: form["slug"].trimmed.lowercased())
                } catch let error as NewsroomSetup.SetupError {
                    return try await views.tags(edition: tagEdition(request), member: member, csrf: session.csrfToken,
                                                message: error.description, status: .badRequest)
                }
                try await gate.audit.record("renamed a tag", by: member, subject: "tag \(id)", detail: form["name"].trimmed, now: gate.clock())
                return gate.security.seeOther("/admin/tags")
            }
        }
        router.post("admin/tags/:id/merge") { request, context in
            try await gate.signedIn(request, context, may: .manageTags, form: true) { member, session, form in
                guard let id = context.parameters.get("id", as: Int.self), let into = Int(form["into"]) else {
                    return gate.security.seeOther("/admin/tags")
                }
                do {
                    try await setup.mergeTag(id, into: into)
                } catch let error as NewsroomSetup.SetupError {
                    return try await views.tags(edition: tagEdition(request), member: member, csrf: session.csrfToken,
                                                message: error.description, status: .badRequest)
                }
                try await gate.audit.record("merged tags", by: member, subject: "tag \(id)", detail: "into tag \(into)", now: gate.clock())
                return gate.security.seeOther("/admin/tags")
            }
        }
    }

    private var editionCodes: [String] { gate.site.configuration.editions.all.map(\.code) }

    /// A section's or tag's names, one field per edition ("name_en"...): saved, or the page again with why not.
    private func savingNames(
        _ kind: EntryKind, entry: Int?, form: FormFields, member: StaffMember, session: StaffSession
    ) async throws -> Response {
        let names = Dictionary(uniqueKeysWithValues: editionCodes.map { ($0, form["name_\($0)"]) })
        let page = kind == .section ? "/admin/sections" : "/admin/tags"
        do {
            try await setup.saveNames(kind, entry: entry, names: names, by: member, now: gate.clock())
        } catch let error as NewsroomSetup.SetupError {
            let message = error.description
            return kind == .section
                ? try await views.sections(
                    member: member, csrf: session.csrfToken, message: message, typed: names, status: .badRequest)
                : try await views.tags(
                    edition: editionCodes[0], member: member, csrf: session.csrfToken, message: message,
                    status: .badRequest)
        }
        return gate.security.seeOther(page)
    }

    private func tagEdition(_ request: Request) -> String {
        request.uri.queryParameters["edition"].map(String.init).flatMap { gate.site.edition(code: $0)?.code }
            ?? gate.site.configuration.editions.primary.code
    }
}
