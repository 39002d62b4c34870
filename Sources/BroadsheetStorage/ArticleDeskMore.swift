import BroadsheetDomain
import Foundation
import SQLKit

extension ArticleDesk {
    /// Starts the article's version in another edition: a draft in the same translation group holding the
    /// original's text to translate over, its kind, photo and sources (sections, tags and authors belong to
    /// each edition and are chosen anew). Returns the existing version's id when there already is one.
    public func translate(id: Int, into edition: String, by staff: StaffMember, now: Date = Date()) async throws -> Int {
        guard let original = try await load(id: id) else { throw DeskError.noSuchArticle(id) }
        let existing = try await database.sql.select().column("id").from("articles")
            .where("translation_group", .equal, SQLBind(original.translationGroup))
            .where("edition", .equal, SQLBind(edition)).first(decodingColumn: "id", as: Int.self)
        if let existing { return existing }
        let draft = ArticleDraft(
            edition: edition, kind: original.draft.kind, headline: original.draft.headline, lead: original.draft.lead,
            body: original.draft.body, sources: original.draft.sources, mainPhotoID: original.draft.mainPhotoID)
        return try await create(draft, by: staff, translationGroup: original.translationGroup, now: now)
    }

    /// Brings back an earlier revision's fields as a new revision.
    public func restore(id: Int, revision number: Int, by staff: StaffMember, now: Date = Date()) async throws {
        guard let revision = try await revisions(of: id).first(where: { $0.number == number }) else {
            throw DeskError.noSuchArticle(id)
        }
        try await save(id: id, revision.draft, by: staff, note: "restored revision \(number)", now: now)
    }

    public func addCorrection(id: Int, text: String, now: Date = Date()) async throws {
        try await announcing(article: id) {
            try await database.sql.insert(into: "article_corrections").columns("article_id", "at", "text")
                .values(SQLBind(id), SQLBind(now.epochSeconds), SQLBind(text)).run()
        }
    }

    /// Deletes an article for good; its address keeps answering 410 Gone.
    public func delete(id: Int, by staff: StaffMember, now: Date = Date()) async throws {
        guard let article = try await load(id: id) else { throw DeskError.noSuchArticle(id) }
        try await announcing(article: id) { try await database.transaction { db in
            if let day = article.day {
                try await db.insert(into: "deleted_articles")
                    .columns("edition", "url_day", "slug", "headline", "deleted_at", "deleted_by")
                    .values(
                        SQLBind(article.draft.edition), SQLBind(day.isoString), SQLBind(article.slug),
                        SQLBind(article.draft.headline), SQLBind(now.epochSeconds), SQLBind(staff.name)
                    )
                    .ignoringConflicts().run()
                // Its old addresses (after slug changes) are gone too.
                try await db.raw(
                    """
                    INSERT INTO deleted_articles (edition, url_day, slug, headline, deleted_at, deleted_by)
                    SELECT edition, url_day, slug, \(bind: article.draft.headline), \(bind: now.epochSeconds), \(bind: staff.name)
                    FROM article_old_urls WHERE article_id = \(bind: id)
                    ON CONFLICT DO NOTHING
                    """
                ).run()
            }
            try await db.delete(from: "articles").where("id", .equal, SQLBind(id)).run()
            try await SearchIndex.refresh([id], in: db)
        } }
    }
}

extension PublicQueries {
    /// Whether an article at this address was deleted (it answers 410).
    func isDeleted(edition: String, day: LocalDay, slug: String) async throws -> Bool {
        try await db.select().column("slug").from("deleted_articles")
            .where("edition", .equal, SQLBind(edition)).where("url_day", .equal, SQLBind(day.isoString))
            .where("slug", .equal, SQLBind(slug)).first() != nil
    }
}
