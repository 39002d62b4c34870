import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird

/// What the editor offers besides saving: translations, revisions, corrections, deletion; and the audit log.
/// Each form goes to the desk, which decides what the member may do.
extension NewsroomArticles {
    func addToolRoutes(to router: Router<BroadsheetRequestContext>) {
        let articles = router.group("admin/articles")
        articles.post(":id/translate") { request, context in
            try await acting(request, context) { member, session, article, form in
                try await answering(article: article, typed: article.draft, member: member, session: session) {
                    let id = try await desk.translate(id: article.id, into: form["edition"], by: member, now: gate.clock())
                    return gate.security.seeOther("/admin/articles/\(id)")
                }
            }
        }
        articles.post(":id/names") { request, context in
            try await acting(request, context) { member, session, article, form in
                try await answering(article: article, typed: article.draft, member: member, session: session) {
                    // "kind:entry" and the name typed for it, field by field in the same order.
                    let names = zip(form.all("entry"), form.all("name")).compactMap { field, name -> EntryName? in
                        let parts = field.split(separator: ":")
                        guard parts.count == 2, let kind = EntryKind(rawValue: String(parts[0])), let entry = Int(parts[1])
                        else { return nil }
                        return EntryName(kind: kind, entry: entry, name: name)
                    }
                    try await desk.name(names, onArticle: article.id, by: member, now: gate.clock())
                    return gate.security.seeOther("/admin/articles/\(article.id)?saved=1")
                }
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
            try await acting(request, context) { member, session, article, form in
                try await answering(article: article, typed: article.draft, member: member, session: session) {
                    guard let number = Int(form["revision"]) else { throw DeskError.noSuchRevision(0) }
                    try await desk.restore(id: article.id, revision: number, by: member, now: gate.clock())
                    return gate.security.seeOther("/admin/articles/\(article.id)?saved=1")
                }
            }
        }
        articles.post(":id/correction") { request, context in
            try await acting(request, context) { member, session, article, form in
                try await answering(article: article, typed: article.draft, member: member, session: session) {
                    try await desk.addCorrection(id: article.id, text: form["text"], by: member, now: gate.clock())
                    return gate.security.seeOther("/admin/articles/\(article.id)?saved=1")
                }
            }
        }
        articles.post(":id/delete") { request, context in
            try await acting(request, context) { member, session, article, _ in
                try await answering(article: article, typed: article.draft, member: member, session: session) {
                    try await desk.delete(id: article.id, by: member, now: gate.clock())
                    return gate.security.seeOther("/admin/articles")
                }
            }
        }
        router.get("admin/audit") { request, context in
            try await gate.signedIn(request, context, may: .readAuditLog) { member, session, _ in
                let page = max(request.uri.queryParameters["page"].flatMap { Int($0) } ?? 1, 1)
                return try await views.tools.audit(page: page, member: member, csrf: session.csrfToken)
            }
        }
    }
}
