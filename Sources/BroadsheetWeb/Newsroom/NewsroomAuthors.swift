import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird

/// Editors' pages of authors (the bylines): list, add, edit, retire and merge. `People` holds the rules and
/// writes the audit lines; these handlers parse, call it once, and redirect or render.
struct NewsroomAuthors: Sendable {
    let gate: NewsroomSite
    let people: People
    let views: AuthorViews

    func addRoutes(to router: Router<BroadsheetRequestContext>) {
        let authors = router.group("admin/authors")
        authors.get("/") { request, context in
            try await gate.signedIn(request, context, may: .manageAuthors) { member, session, _ in
                let page = request.uri.queryParameters["page"].flatMap { Int($0) }.map { max($0, 1) } ?? 1
                return try await views.list(page: page, member: member, csrf: session.csrfToken)
            }
        }
        authors.get("new") { request, context in
            try await gate.signedIn(request, context, may: .manageAuthors) { member, session, _ in
                try await views.form(person: nil, typed: AuthorForm(nil), member: member, csrf: session.csrfToken)
            }
        }
        authors.post("new") { request, context in
            try await gate.signedIn(request, context, may: .manageAuthors, form: true) { member, session, form in
                let typed = AuthorForm(fields: form, editions: gate.site.configuration.editions.all)
                return try await answering(person: nil, typed: typed, member: member, csrf: session.csrfToken) {
                    let person = try await people.add(typed.draft, by: member, now: gate.clock())
                    return gate.security.seeOther("/admin/authors/\(person.id)?saved=1")
                }
            }
        }
        authors.get(":id") { request, context in
            try await gate.signedIn(request, context, may: .manageAuthors) { member, session, _ in
                guard let id = context.parameters.get("id", as: Int.self), let person = try await people.load(id: id) else {
                    return try views.editor.message(member: member, csrf: session.csrfToken, key: "refusedNoSuchAuthor", status: .notFound)
                }
                let saved = request.uri.queryParameters["saved"] != nil
                return try await views.form(
                    person: person, typed: AuthorForm(person), member: member, csrf: session.csrfToken,
                    message: saved ? views.base.strings(member.language)["authorSaved"] : nil)
            }
        }
        authors.post(":id") { request, context in
            try await gate.signedIn(request, context, may: .manageAuthors, form: true) { member, session, form in
                let typed = AuthorForm(fields: form, editions: gate.site.configuration.editions.all)
                guard let id = context.parameters.get("id", as: Int.self) else { return gate.security.seeOther("/admin/authors") }
                let person = try await people.load(id: id)
                return try await answering(person: person, typed: typed, member: member, csrf: session.csrfToken) {
                    try await people.edit(id: id, typed.draft, remakeSlugs: typed.remakeSlugs, by: member, now: gate.clock())
                    return gate.security.seeOther("/admin/authors/\(id)?saved=1")
                }
            }
        }
        authors.post(":id/merge") { request, context in
            try await gate.signedIn(request, context, may: .manageAuthors, form: true) { member, session, form in
                guard let id = context.parameters.get("id", as: Int.self) else { return gate.security.seeOther("/admin/authors") }
                let person = try await people.load(id: id)
                return try await answering(person: person, typed: AuthorForm(person), member: member, csrf: session.csrfToken) {
                    guard let target = Int(form["into"]) else { throw PeopleError.noSuchPerson(0) }
                    try await people.merge(id, into: target, by: member, now: gate.clock())
                    return gate.security.seeOther("/admin/authors/\(target)?saved=1")
                }
            }
        }
    }

    /// Runs the change; a refusal shows the form again with what was typed and why.
    private func answering(
        person: Person?, typed: AuthorForm, member: StaffMember, csrf: String, _ change: () async throws -> Response
    ) async throws -> Response {
        do {
            return try await change()
        } catch let error as PeopleError {
            let refusal = error.refusal(strings: views.base.strings(member.language)) {
                gate.site.edition(code: $0)?.name ?? $0
            }
            if case .noSuchPerson = error, person == nil {
                return try views.editor.message(member: member, csrf: csrf, key: "refusedNoSuchAuthor", status: .notFound)
            }
            return try await views.form(
                person: person, typed: typed, member: member, csrf: csrf, message: refusal.message, status: refusal.status)
        }
    }
}
