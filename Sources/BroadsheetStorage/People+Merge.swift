import BroadsheetDomain
import Foundation
import SQLKit

extension People {
    /// Merges `source` into `target`: in each edition the source's articles take the target's byline (or, where
    /// the target has none, the source's byline becomes the target's), the source's old addresses answer 301 to
    /// the target's page, and the source person is gone.
    public func merge(_ source: Int, into target: Int, by staff: StaffMember?, now: Date = Date()) async throws {
        guard source != target else { throw PeopleError.mergeIntoSelf }
        let touched = try await database.transaction { db in
            let people = try await Self.load(ids: [source, target], in: db)
            guard let from = people.first(where: { $0.id == source }) else { throw PeopleError.noSuchPerson(source) }
            guard let to = people.first(where: { $0.id == target }) else { throw PeopleError.noSuchPerson(target) }
            var touched = Set<Int>()
            for byline in from.bylines {
                touched.insert(byline.authorID)
                guard let kept = to.byline(byline.edition) else {
                    try await db.update("authors").set("person_id", to: SQLBind(target))
                        .where("id", .equal, SQLBind(byline.authorID)).run()
                    continue
                }
                touched.insert(kept.authorID)
                // An article that carried both keeps the target once, at its own place.
                try await db.raw(
                    """
                    INSERT INTO article_authors (article_id, author_id, position)
                    SELECT article_id, \(bind: kept.authorID), position FROM article_authors
                    WHERE author_id = \(bind: byline.authorID) ON CONFLICT DO NOTHING
                    """
                ).run()
                try await db.delete(from: "article_authors").where("author_id", .equal, SQLBind(byline.authorID)).run()
                try await db.update("author_redirects").set("author_id", to: SQLBind(kept.authorID))
                    .where("author_id", .equal, SQLBind(byline.authorID)).run()
                try await Self.redirect(edition: byline.edition, from: byline.slug, to: kept.authorID, in: db)
                try await db.delete(from: "authors").where("id", .equal, SQLBind(byline.authorID)).run()
            }
            try await db.delete(from: "people").where("id", .equal, SQLBind(source)).run()
            try await AuditLog.record(
                "merged authors", by: staff, subject: "author \(source)", detail: "into author \(target): \(from.names)",
                now: now, in: db)
            return touched
        }
        // Their articles' pages name the author, and both authors' lists change.
        let keys = touched.flatMap { [SurrogateKey.author($0), .byAuthor($0)] }
        database.changes.announce(Set(keys).union([.taxonomy]))
    }
}
