import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird

/// The settings, sections and tags pages.
struct SettingsViews: Sendable {
    let base: NewsroomViews
    let setup: NewsroomSetup
    let settings: SettingsStore
    let queries: PublicQueries
    let desk: DeskQueries

    var site: SiteContext { base.site }

    struct Slot {
        let number: Int
        let name: String
        let html: String
        let enabled: Bool
    }

    struct EditionSettings {
        let code: String
        let name: String
        let supportText: String
        let supportURL: String
        let footerText: String
        let footerLinks: String
        let bannerText: String
        let bannerURL: String
        let bannerUntil: String
    }

    struct SettingsPage {
        let title: String
        let csrf: String
        let message: String?
        let adEvery: Int
        let slots: [Slot]
        let editions: [EditionSettings]
        let timeZone: String
    }

    /// - Parameters:
    ///   - footers: the footers as typed (by edition code), shown instead of the saved ones after `rejected`.
    func settings(
        member: StaffMember, csrf: String, saved: Bool, problem: String? = nil,
        footers typed: [String: FooterForm]? = nil, rejected: NewsroomSetup.FooterRejected? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let strings = base.strings(member.language)
        let layout = base.layout(title: strings["settings"], language: member.language, member: member, csrf: csrf)
        let current = try await settings.load()
        var slots = try await setup.adSlots().enumerated().map {
            Slot(number: $0.offset + 1, name: $0.element.name, html: $0.element.html, enabled: $0.element.enabled)
        }
        slots.append(Slot(number: slots.count + 1, name: "", html: "", enabled: true))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = site.configuration.timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        var editions: [EditionSettings] = []
        for edition in site.configuration.editions.all {
            let banner = try await setup.banner(edition: edition.code)
            let footer = typed?[edition.code] ?? FooterForm(current.footers[edition.code])
            editions.append(
                EditionSettings(
                    code: edition.code, name: edition.name,
                    supportText: current.supportCalls[edition.code]?.text ?? "",
                    supportURL: current.supportCalls[edition.code]?.url ?? "", footerText: footer.text,
                    footerLinks: footer.links, bannerText: banner?.text ?? "",
                    bannerURL: banner?.url ?? "", bannerUntil: banner.map { formatter.string(from: $0.until) } ?? ""))
        }
        let problem = problem ?? rejected.map { footerProblems($0, strings: strings) }
        let message = problem.map { "\(strings["invalidValue"]) \($0)" } ?? (saved ? strings["settingsSaved"] : nil)
        let model = SettingsPage(
            title: layout.title, csrf: csrf, message: message, adEvery: current.adEvery, slots: slots,
            editions: editions, timeZone: site.configuration.timeZone.identifier)
        return try base.page(model, template: "newsroom/settings", layout: layout, status: status)
    }

    /// "English (Footers): <what is wrong> <what was typed>; ...", in the staff member's language.
    private func footerProblems(_ rejected: NewsroomSetup.FooterRejected, strings: UIStrings) -> String {
        let edition = site.configuration.editions.all.first { $0.code == rejected.edition }?.name ?? rejected.edition
        let problems = rejected.problems.map { problem in
            switch problem {
            case .linkIncomplete(let line): "\(strings["footerLinkIncomplete"]) \(line)"
            case .linkNotAllowed(let url): "\(strings["footerLinkNotAllowed"]) \(url)"
            case .tooManyLinks: strings["footerTooManyLinks"]
            case .textTooLong: strings["footerTextTooLong"]
            }
        }
        return "\(edition) (\(strings["footers"])): \(problems.joined(separator: "; "))"
    }

    /// One edition's name of a section or tag, as a field.
    struct NameField {
        let code: String
        let editionName: String
        let inputID: String
        let name: String
        let slug: String?
    }

    /// A section or tag with a name field per edition.
    struct EntryLine {
        let action: String
        let csrf: String
        let label: String
        let fields: [NameField]
        let movable: Bool
    }

    struct SectionsPage {
        let title: String
        let message: String?
        let csrf: String
        let entries: [EntryLine]
        let newAction: String
        let newFields: [NameField]
    }

    /// Lines for entries, and the fields for a new one (holding what was typed when it was refused).
    private func entryLines(
        _ kind: EntryKind, words: String = "", limit: Int = 1_000, csrf: String, typed: [String: String]
    ) async throws -> (lines: [EntryLine], new: [NameField]) {
        let editions = site.configuration.editions.all
        let prefix = kind == .section ? "/admin/sections" : "/admin/tags/names"
        let entries = try await setup.entries(kind, editions: editions.map(\.code), words: words, limit: limit)
        let lines = entries.map { entry in
            EntryLine(
                action: "\(prefix)/\(entry.entry)", csrf: csrf,
                label: editions.lazy.compactMap { entry.names[$0.code]?.name }.first ?? "",
                fields: editions.map { edition in
                    NameField(
                        code: edition.code, editionName: edition.name, inputID: "\(kind.rawValue)-\(entry.entry)-\(edition.code)",
                        name: entry.names[edition.code]?.name ?? "", slug: entry.names[edition.code]?.slug)
                },
                movable: kind == .section)
        }
        let new = editions.map {
            NameField(
                code: $0.code, editionName: $0.name, inputID: "\(kind.rawValue)-new-\($0.code)", name: typed[$0.code] ?? "",
                slug: nil)
        }
        return (lines, new)
    }

    func sections(
        member: StaffMember, csrf: String, message: String?, typed: [String: String] = [:],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let strings = base.strings(member.language)
        let layout = base.layout(title: strings["sectionsTitle"], language: member.language, member: member, csrf: csrf)
        let (lines, new) = try await entryLines(.section, csrf: csrf, typed: typed)
        let model = SectionsPage(
            title: layout.title, message: message, csrf: csrf, entries: lines, newAction: "/admin/sections",
            newFields: new)
        return try base.page(model, template: "newsroom/sections", layout: layout, status: status)
    }

    struct TagLine {
        let id: Int
        let name: String
        let slug: String
        let csrf: String
        let targets: [NewsroomViews.Option]
    }

    struct TagsPage {
        let title: String
        let message: String?
        let csrf: String
        let words: String
        let entries: [EntryLine]
        let newAction: String
        let newFields: [NameField]
        let editionOptions: [NewsroomViews.Option]
        let tags: [TagLine]
    }

    func tags(
        edition: String, words: String = "", member: StaffMember, csrf: String, message: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (lines, new) = try await entryLines(.tag, words: words, limit: 200, csrf: csrf, typed: [:])
        let strings = base.strings(member.language)
        let layout = base.layout(title: strings["tagsTitle"], language: member.language, member: member, csrf: csrf)
        let choices = try await desk.tagChoices(edition: edition)
        var tags: [TagLine] = []
        for choice in choices {
            guard let tag = try await queries.tag(id: choice.id) else { continue }
            tags.append(
                TagLine(
                    id: tag.id, name: tag.name, slug: tag.slug, csrf: csrf,
                    targets: choices.filter { $0.id != tag.id }.map { NewsroomViews.Option(value: String($0.id), label: $0.label, selected: false) }))
        }
        let model = TagsPage(
            title: layout.title, message: message, csrf: csrf, words: words, entries: lines,
            newAction: "/admin/tags/names", newFields: new,
            editionOptions: site.configuration.editions.all.map {
                NewsroomViews.Option(value: $0.code, label: $0.name, selected: $0.code == edition)
            },
            tags: tags)
        return try base.page(model, template: "newsroom/tags", layout: layout, status: status)
    }
}
