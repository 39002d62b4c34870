import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird

/// What the editor offers besides saving: translations, revisions, corrections, deletion; and the audit log.
extension NewsroomArticles {
    func addToolRoutes(to router: Router<BroadsheetRequestContext>) {
        let articles = router.group("admin/articles")
        articles.post(":id/translate") { request, context in
            try await acting(request, context, may: .translate) { member, _, article, form in
                guard let edition = gate.site.edition(code: form["edition"]) else {
                    return try views.message(member: member, csrf: "", key: "notFound", status: .badRequest)
                }
                let id = try await desk.translate(id: article.id, into: edition.code, by: member, now: gate.clock())
                try await gate.audit.record(
                    "started a translation", by: member, subject: "article \(id)",
                    detail: "from article \(article.id) into \(edition.code)", now: gate.clock())
                return gate.security.seeOther("/admin/articles/\(id)")
            }
        }
        articles.get(":id/revisions") { request, context in
            try await gate.signedIn(request, context, may: .viewNewsroom) { member, session, _ in
                guard let id = context.parameters.get("id", as: Int.self), let article = try await desk.load(id: id) else {
                    return try views.message(member: member, csrf: session.csrfToken, key: "notFound", status: .notFound)
                }
                let revisions = try await desk.revisions(of: id)
                let number = { (name: String) in request.uri.queryParameters[Substring(name)].flatMap { Int($0) } }
                guard let from = revisions.first(where: { $0.number == number("from") }),
                    let to = revisions.first(where: { $0.number == number("to") })
                else {
                    return try views.message(member: member, csrf: session.csrfToken, key: "notFound", status: .notFound)
                }
                let mayRestore = Permissions.mayEdit(
                    role: member.role, actorID: member.id, ownerID: article.createdBy, status: article.status)
                return try views.tools.comparison(
                    article: article, from: from, to: to, mayRestore: mayRestore, member: member, csrf: session.csrfToken)
            }
        }
        articles.post(":id/restore") { request, context in
            try await acting(request, context, may: nil) { member, _, article, form in
                guard let number = Int(form["revision"]) else {
                    return try views.message(member: member, csrf: "", key: "notFound", status: .badRequest)
                }
                try await desk.restore(id: article.id, revision: number, by: member, now: gate.clock())
                return gate.security.seeOther("/admin/articles/\(article.id)?saved=1")
            }
        }
        articles.post(":id/correction") { request, context in
            try await acting(request, context, may: .addCorrection) { member, session, article, form in
                let text = form["text"].trimmingCharacters(in: .whitespacesAndNewlines)
                guard article.status == .published, !text.isEmpty, text.count <= 2_000 else {
                    return try await views.editor(
                        article: article, draft: article.draft, member: member, csrf: session.csrfToken,
                        message: views.strings(member)["correctionEmpty"], status: .badRequest)
                }
                try await desk.addCorrection(id: article.id, text: text, now: gate.clock())
                try await gate.audit.record("added a correction", by: member, subject: "article \(article.id)", now: gate.clock())
                return gate.security.seeOther("/admin/articles/\(article.id)?saved=1")
            }
        }
        articles.post(":id/delete") { request, context in
            try await acting(request, context, may: .deleteArticle) { member, _, article, _ in
                try await desk.delete(id: article.id, by: member, now: gate.clock())
                try await gate.audit.record(
                    "deleted article", by: member, subject: "article \(article.id)", detail: article.draft.headline,
                    now: gate.clock())
                return gate.security.seeOther("/admin/articles")
            }
        }
        router.get("admin/audit") { request, context in
            try await gate.signedIn(request, context, may: .readAuditLog) { member, session, _ in
                let page = max(request.uri.queryParameters["page"].flatMap { Int($0) } ?? 1, 1)
                return try await views.tools.audit(page: page, member: member, csrf: session.csrfToken)
            }
        }
    }

    /// A form on one article: a session, the CSRF token, the action's permission (or, with nil, the right to
    /// edit this article), and the article itself.
    private func acting(
        _ request: Request, _ context: BroadsheetRequestContext, may action: NewsroomAction?,
        page: @escaping (StaffMember, StaffSession, EditableArticle, FormFields) async throws -> Response
    ) async throws -> Response {
        try await gate.signedIn(request, context, may: action ?? .viewNewsroom, form: true) { member, session, form in
            guard let id = context.parameters.get("id", as: Int.self), let article = try await desk.load(id: id) else {
                return try views.message(member: member, csrf: session.csrfToken, key: "notFound", status: .notFound)
            }
            if action == nil,
                !Permissions.mayEdit(role: member.role, actorID: member.id, ownerID: article.createdBy, status: article.status)
            {
                return try gate.views.forbidden(member: member, csrf: session.csrfToken)
            }
            return try await page(member, session, article, form)
        }
    }
}
