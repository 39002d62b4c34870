import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird
import HummingbirdCore
import Logging

/// The newsroom's article pages: the list with filters, the editor, saving, and moves through the workflow.
struct NewsroomArticles: Sendable {
    let gate: NewsroomSite
    let desk: ArticleDesk
    let queries: DeskQueries
    let library: PhotoLibrary
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
                let edition = request.uri.queryParameters["edition"].map(String.init)
                    .flatMap { gate.site.edition(code: $0)?.code } ?? gate.site.configuration.editions.primary.code
                return try await views.editor(
                    article: nil, draft: ArticleDraft(edition: edition), member: member, csrf: session.csrfToken)
            }
        }
        articles.post("new") { request, context in
            try await gate.signedIn(request, context, may: .createDraft, form: true) { member, session, form in
                let edition = gate.site.edition(code: form["edition"])?.code ?? gate.site.configuration.editions.primary.code
                let draft = EditorForm.draft(
                    from: form, edition: edition, keeping: nil,
                    mayArrange: Permissions.allows(member.role, .arrangeHomePage))
                guard form["do"] == "save", draft.problems.isEmpty else {
                    return try await views.editor(
                        article: nil, draft: draft, member: member, csrf: session.csrfToken, showPreview: true,
                        status: draft.problems.isEmpty ? .ok : .badRequest)
                }
                let id = try await desk.create(draft, by: member, now: gate.clock())
                try await gate.audit.record("created article", by: member, subject: "article \(id)", now: gate.clock())
                return gate.security.seeOther("/admin/articles/\(id)?saved=1")
            }
        }
        articles.get(":id") { request, context in
            try await editable(request, context, form: false, ownerMayView: true) { member, session, article, _ in
                let mayEdit = Permissions.mayEdit(
                    role: member.role, actorID: member.id, ownerID: article.createdBy, status: article.status)
                return try await views.editor(
                    article: article, draft: article.draft, member: member, csrf: session.csrfToken,
                    message: Self.notice(request.uri).map { views.strings(member)[$0] }, readOnly: !mayEdit)
            }
        }
        articles.post(":id") { request, context in
            try await editable(request, context, form: true) { member, session, article, form in
                let draft = EditorForm.draft(
                    from: form, edition: article.draft.edition, keeping: article.draft,
                    mayArrange: Permissions.allows(member.role, .arrangeHomePage))
                guard form["do"] == "save", draft.problems.isEmpty else {
                    return try await views.editor(
                        article: article, draft: draft, member: member, csrf: session.csrfToken, showPreview: true,
                        status: draft.problems.isEmpty ? .ok : .badRequest)
                }
                try await desk.save(id: article.id, draft, by: member, now: gate.clock())
                return gate.security.seeOther("/admin/articles/\(article.id)?saved=1")
            }
        }
        articles.post(":id/move") { request, context in
            try await move(request, context)
        }
        addToolRoutes(to: router)
    }

    /// Loads the article named in the path and checks the member may edit it.
    /// With `ownerMayView`, the writer of an article they may no longer edit (it went for review) still sees
    /// it, read-only, with the moves their role allows (withdrawing it, say).
    private func editable(
        _ request: Request, _ context: BroadsheetRequestContext, form: Bool, ownerMayView: Bool = false,
        page: @escaping (StaffMember, StaffSession, EditableArticle, FormFields) async throws -> Response
    ) async throws -> Response {
        try await gate.signedIn(request, context, may: .viewNewsroom, form: form) { member, session, fields in
            guard let id = context.parameters.get("id", as: Int.self), let article = try await desk.load(id: id) else {
                return try views.message(member: member, csrf: session.csrfToken, key: "notFound", status: .notFound)
            }
            let mayEdit = Permissions.mayEdit(
                role: member.role, actorID: member.id, ownerID: article.createdBy, status: article.status)
            guard mayEdit || (ownerMayView && article.createdBy == member.id) else {
                return try gate.views.forbidden(member: member, csrf: session.csrfToken)
            }
            return try await page(member, session, article, fields)
        }
    }

    private func move(_ request: Request, _ context: BroadsheetRequestContext) async throws -> Response {
        try await gate.signedIn(request, context, may: .viewNewsroom, form: true) { member, session, form in
            guard let id = context.parameters.get("id", as: Int.self), let article = try await desk.load(id: id) else {
                return try views.message(member: member, csrf: session.csrfToken, key: "notFound", status: .notFound)
            }
            guard let target = ArticleStatus(rawValue: form["to"]),
                Permissions.mayMove(
                    role: member.role, actorID: member.id, ownerID: article.createdBy, from: article.status, to: target)
            else {
                context.logger.notice("refused move of article \(id) to \(form["to"]) by \(member.email)")
                return try views.message(member: member, csrf: session.csrfToken, key: "forbiddenMove", status: .forbidden)
            }
            let now = gate.clock()
            if target == .published || target == .scheduled {
                // A photo goes out with its caption, credit and alt text, or the article waits.
                let incomplete = try await library.incomplete(in: article.draft)
                if !incomplete.isEmpty {
                    let strings = views.strings(member)
                    let list = incomplete.map { item in
                        "\(strings["photoLabel"]) \(item.photo.id): "
                            + item.missing.map { strings["missing_\($0)"] }.joined(separator: ", ")
                    }.joined(separator: "; ")
                    return try await views.editor(
                        article: article, draft: article.draft, member: member, csrf: session.csrfToken,
                        message: "\(strings["photoIncomplete"]) \(list).", status: .badRequest)
                }
            }
            var at: Date?
            if target == .scheduled {
                guard let time = EditorForm.localTime(form["at"], timeZone: gate.site.configuration.timeZone) else {
                    return try await views.editor(
                        article: article, draft: article.draft, member: member, csrf: session.csrfToken,
                        message: views.strings(member)["missingScheduleTime"], status: .badRequest)
                }
                guard time > now else {
                    return try await views.editor(
                        article: article, draft: article.draft, member: member, csrf: session.csrfToken,
                        message: views.strings(member)["scheduleInThePast"], status: .badRequest)
                }
                at = time
            }
            try await desk.move(id: id, to: target, at: at, by: member, now: now)
            try await gate.audit.record(
                Self.auditAction(target), by: member, subject: "article \(id)",
                detail: at.map { "for \(ISO8601.string($0))" } ?? "", now: now)
            return gate.security.seeOther("/admin/articles/\(id)?moved=1")
        }
    }

    static func auditAction(_ status: ArticleStatus) -> String {
        switch status {
        case .draft: "returned to draft"
        case .inReview: "sent for review"
        case .scheduled: "scheduled"
        case .published: "published"
        case .unpublished: "unpublished"
        }
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
