import BroadsheetDomain
import Foundation
import SQLKit

extension ArticleDesk {
    /// Brings back an earlier revision's fields as a new revision.
    public func restore(id: Int, revision number: Int, by staff: StaffMember?, now: Date = Date()) async throws {
        guard let revision = try await revisions(of: id).first(where: { $0.number == number }) else {
            throw try await load(id: id) == nil ? DeskError.noSuchArticle(id) : DeskError.noSuchRevision(number)
        }
        try await save(id: id, revision.draft, by: staff, note: "restored revision \(number)", now: now)
    }

    /// Adds a dated correction to a published article; readers see it at the article's end.
    public func addCorrection(id: Int, text: String, by staff: StaffMember?, now: Date = Date()) async throws {
        try Self.require(.addCorrection, of: staff)
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw DeskError.correctionEmpty }
        guard text.count <= Self.correctionLimit else { throw DeskError.correctionTooLong }
        guard let article = try await load(id: id) else { throw DeskError.noSuchArticle(id) }
        guard article.status == .published else { throw DeskError.notPublished }
        try await announcing(article: id) { try await database.transaction { db in
            try await db.insert(into: "article_corrections").columns("article_id", "at", "text")
                .values(SQLBind(id), SQLBind(now.epochSeconds), SQLBind(text)).run()
            try await AuditLog.record("added a correction", by: staff, subject: "article \(id)", now: now, in: db)
        } }
    }

    /// Deletes an article for good; its address keeps answering 410 Gone.
    public func delete(id: Int, by staff: StaffMember?, now: Date = Date()) async throws {
        try Self.require(.deleteArticle, of: staff)
        guard let article = try await load(id: id) else { throw DeskError.noSuchArticle(id) }
        let name = staff?.name ?? ""
        try await announcing(article: id) { try await database.transaction { db in
            if let day = article.day {
                try await db.insert(into: "deleted_articles")
                    .columns("edition", "url_day", "slug", "headline", "deleted_at", "deleted_by")
                    .values(
                        SQLBind(article.draft.edition), SQLBind(day.isoString), SQLBind(article.slug),
                        SQLBind(article.draft.headline), SQLBind(now.epochSeconds), SQLBind(name)
                    )
                    .ignoringConflicts().run()
                // Its old addresses (after slug changes) are gone too.
                try await db.raw(
                    """
                    INSERT INTO deleted_articles (edition, url_day, slug, headline, deleted_at, deleted_by)
                    SELECT edition, url_day, slug, \(bind: article.draft.headline), \(bind: now.epochSeconds), \(bind: name)
                    FROM article_old_urls WHERE article_id = \(bind: id)
                    ON CONFLICT DO NOTHING
                    """
                ).run()
            }
            try await db.delete(from: "articles").where("id", .equal, SQLBind(id)).run()
            try await SearchIndex.refresh([id], in: db)
            try await AuditLog.record(
                "deleted article", by: staff, subject: "article \(id)", detail: article.draft.headline, now: now, in: db)
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
