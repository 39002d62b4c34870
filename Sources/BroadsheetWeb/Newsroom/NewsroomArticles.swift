import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird
import HummingbirdCore
import Logging

/// The newsroom's article pages: the list with filters, the editor, saving, moves through the workflow and the
/// publication time. Each form is read here and handed to the desk, which holds the rules.
struct NewsroomArticles: Sendable {
    let gate: NewsroomSite
    let desk: ArticleDesk
    let queries: DeskQueries
    let views: EditorViews

    func addRoutes(to router: Router<BroadsheetRequestContext>) {
        let articles = router.group("admin/articles")
        articles.get("/") { request, context in
            try await gate.signedIn(request, context, may: .viewNewsroom) { member, session, _ in
                try await views.list(filter: Self.filter(request.uri), member: member, csrf: session.csrfToken)
            }
        }
        articles.get("new") { request, context in
            try await gate.signedIn(request, context, may: .createDraft) { member, session, _ in
                // An article belongs to one edition from its first moment: the editor opens only once it is chosen.
                guard let edition = request.uri.queryParameters["edition"].flatMap({ gate.site.edition(code: String($0)) })
                else {
                    let last = try await queries.lastEdition(of: member.id)
                    return try views.chooseEdition(
                        selected: last ?? gate.site.configuration.editions.primary.code, member: member,
                        csrf: session.csrfToken)
                }
                return try await views.editor(
                    article: nil, draft: ArticleDraft(edition: edition.code), member: member, csrf: session.csrfToken)
            }
        }
        articles.post("new") { request, context in
            try await gate.signedIn(request, context, may: .createDraft, form: true) { member, session, form in
                guard let edition = gate.site.edition(code: form["edition"])?.code else {
                    return try views.message(
                        member: member, csrf: session.csrfToken, key: "refusedNoSuchEdition", status: .badRequest)
                }
                let draft = EditorForm.draft(from: form, edition: edition)
                guard form["do"] == "save" else {
                    return try await views.editor(
                        article: nil, draft: draft, member: member, csrf: session.csrfToken, showPreview: true)
                }
                return try await answering(article: nil, typed: draft, member: member, session: session) {
                    let id = try await desk.create(draft, by: member, now: gate.clock())
                    return gate.security.seeOther("/admin/articles/\(id)?saved=1")
                }
            }
        }
        articles.get(":id") { request, context in
            try await editable(request, context) { member, session, article, _ in
                let mayEdit = Permissions.mayEdit(
                    role: member.role, actorID: member.id, ownerID: article.createdBy, status: article.status)
                return try await views.editor(
                    article: article, draft: article.draft, member: member, csrf: session.csrfToken,
                    message: Self.notice(request.uri).map { views.strings(member)[$0] }, readOnly: !mayEdit)
            }
        }
        articles.post(":id") { request, context in
            try await acting(request, context) { member, session, article, form in
                let draft = EditorForm.draft(from: form, edition: article.draft.edition)
                guard form["do"] == "save" else {
                    return try await views.editor(
                        article: article, draft: draft, member: member, csrf: session.csrfToken, showPreview: true)
                }
                return try await answering(article: article, typed: draft, member: member, session: session) {
                    try await desk.save(id: article.id, draft, by: member, now: gate.clock())
                    return gate.security.seeOther("/admin/articles/\(article.id)?saved=1")
                }
            }
        }
        articles.post(":id/move") { request, context in
            try await acting(request, context) { member, session, article, form in
                let timeZone = gate.site.configuration.timeZone
                return try await answering(article: article, typed: article.draft, member: member, session: session) {
                    guard let target = ArticleStatus(rawValue: form["to"]) else {
                        throw DeskError.moveNotAllowed(from: article.status, to: article.status)
                    }
                    try await desk.move(
                        id: article.id, to: target, at: try EditorForm.time(form["at"], timeZone: timeZone), by: member,
                        now: gate.clock())
                    return gate.security.seeOther("/admin/articles/\(article.id)?moved=1")
                }
            }
        }
        articles.post(":id/time") { request, context in
            try await acting(request, context) { member, session, article, form in
                let timeZone = gate.site.configuration.timeZone
                return try await answering(article: article, typed: article.draft, member: member, session: session) {
                    guard let time = try EditorForm.time(form["at"], timeZone: timeZone) else {
                        throw DeskError.missingScheduleTime
                    }
                    try await desk.retime(
                        id: article.id, to: time, movingAddress: form["moveAddress"] == "1", by: member,
                        now: gate.clock())
                    return gate.security.seeOther("/admin/articles/\(article.id)?moved=1")
                }
            }
        }
        addToolRoutes(to: router)
    }

    /// Loads the article named in the path and checks the member may open it (`Permissions.mayOpen`).
    private func editable(
        _ request: Request, _ context: BroadsheetRequestContext,
        page: @escaping (StaffMember, StaffSession, EditableArticle, FormFields) async throws -> Response
    ) async throws -> Response {
        try await gate.signedIn(request, context, may: .viewNewsroom) { member, session, fields in
            guard let id = context.parameters.get("id", as: Int.self), let article = try await desk.load(id: id) else {
                return try views.message(member: member, csrf: session.csrfToken, key: "notFound", status: .notFound)
            }
            guard Self.mayOpen(member, article) else {
                return try gate.views.forbidden(member: member, csrf: session.csrfToken)
            }
            return try await page(member, session, article, fields)
        }
    }

    /// A form posted about one article: a session, the CSRF token, and the article itself. What the member may
    /// do with it is the desk's to decide.
    func acting(
        _ request: Request, _ context: BroadsheetRequestContext,
        page: @escaping (StaffMember, StaffSession, EditableArticle, FormFields) async throws -> Response
    ) async throws -> Response {
        try await gate.signedIn(request, context, may: .viewNewsroom, form: true) { member, session, form in
            guard let id = context.parameters.get("id", as: Int.self), let article = try await desk.load(id: id) else {
                return try views.message(member: member, csrf: session.csrfToken, key: "notFound", status: .notFound)
            }
            return try await page(member, session, article, form)
        }
    }

    /// Runs a call to the desk. A refusal answers with the editor again, holding what was typed and saying, in
    /// the member's language, why nothing was saved; an article that is gone answers 404.
    func answering(
        article: EditableArticle?, typed draft: ArticleDraft, member: StaffMember, session: StaffSession,
        _ work: () async throws -> Response
    ) async throws -> Response {
        do {
            return try await work()
        } catch let error as EditorForm.UnreadableTime {
            let message = "\(views.strings(member)["refusedUnreadableTime"]) “\(error.text)”"
            return try await views.editor(
                article: article, draft: draft, member: member, csrf: session.csrfToken, message: message,
                showPreview: true, status: .badRequest)
        } catch let error as DeskError {
            let refusal = DeskRefusal(error, strings: views.strings(member)) { code in
                gate.site.edition(code: code)?.name ?? code
            }
            if case .noSuchArticle = error {
                return try views.message(member: member, csrf: session.csrfToken, key: "notFound", status: .notFound)
            }
            // The editor shows the article: only to those who may see it.
            let mayView = article.map { Self.mayOpen(member, $0) } ?? true
            if refusal.status == .forbidden || !mayView {
                return try gate.views.forbidden(member: member, csrf: session.csrfToken, message: refusal.message)
            }
            return try await views.editor(
                article: article, draft: draft, member: member, csrf: session.csrfToken, message: refusal.message,
                showPreview: true, status: refusal.status)
        }
    }

    static func mayOpen(_ member: StaffMember, _ article: EditableArticle) -> Bool {
        Permissions.mayOpen(role: member.role, actorID: member.id, ownerID: article.createdBy, status: article.status)
    }

    static func notice(_ uri: URI) -> String? {
        if uri.queryParameters["saved"] != nil { return "saved" }
        if uri.queryParameters["moved"] != nil { return "moved" }
        return nil
    }

    static func filter(_ uri: URI) -> ArticleFilter {
        let query = uri.queryParameters
        func text(_ name: String) -> String? {
            query[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        }
        return ArticleFilter(
            edition: text("edition"), status: text("status").flatMap(ArticleStatus.init(rawValue:)),
            authorID: text("author").flatMap(Int.init), sectionID: text("section").flatMap(Int.init),
            tagID: text("tag").flatMap(Int.init), words: text("q") ?? "",
            page: max(text("page").flatMap(Int.init) ?? 1, 1))
    }
}
