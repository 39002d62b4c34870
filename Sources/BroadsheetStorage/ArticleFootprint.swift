import BroadsheetDomain
import Foundation
import SQLKit

/// Which public pages an article shows on: its own and every list it is in. Read before and after a change,
/// the two together name every page the change touches (a tag taken off leaves that tag's list too).
enum ArticleFootprint {
    /// Empty for an article readers have never seen (a draft, a scheduled article).
    static func keys(of id: Int, in db: any SQLDatabase) async throws -> Set<SurrogateKey> {
        struct Row: Decodable {
            let edition: String
            let status: String
            let section_id: Int?
            let translation_group: Int
        }
        guard
            let row = try await db.select().columns("edition", "status", "section_id", "translation_group")
                .from("articles").where("id", .equal, SQLBind(id)).first(decoding: Row.self),
            row.status == ArticleStatus.published.rawValue || row.status == ArticleStatus.unpublished.rawValue
        else { return [] }
        var keys: Set<SurrogateKey> = [.article(id), .translationGroup(row.translation_group), .latest(row.edition)]
        if let section = row.section_id { keys.insert(.inSection(section)) }
        for tag in try await db.select().column("tag_id").from("article_tags").where("article_id", .equal, SQLBind(id))
            .all(decodingColumn: "tag_id", as: Int.self)
        {
            keys.insert(.tagged(tag))
        }
        for author in try await db.select().column("author_id").from("article_authors")
            .where("article_id", .equal, SQLBind(id)).all(decodingColumn: "author_id", as: Int.self)
        {
            keys.insert(.byAuthor(author))
        }
        return keys
    }
}

extension ArticleDesk {
    /// Runs a change to one article and announces the pages it touched, as they were before and are after.
    func announcing<T: Sendable>(article id: Int, _ change: () async throws -> T) async throws -> T {
        let before = try await ArticleFootprint.keys(of: id, in: database.sql)
        let result = try await change()
        let after = try await ArticleFootprint.keys(of: id, in: database.sql)
        database.changes.announce(before.union(after))
        return result
    }

    /// Announces articles that went live by the clock alone: published with a time that has now come.
    /// The scheduler calls it every tick with the interval since the last.
    public func announceWentLive(after start: Date, upTo end: Date) async throws {
        let ids = try await database.sql.select().column("id").from("articles")
            .where("status", .equal, SQLBind(ArticleStatus.published.rawValue))
            .where("published_at", .greaterThan, SQLBind(start.epochSeconds))
            .where("published_at", .lessThanOrEqual, SQLBind(end.epochSeconds))
            .all(decodingColumn: "id", as: Int.self)
        var keys = Set<SurrogateKey>()
        for id in ids { keys.formUnion(try await ArticleFootprint.keys(of: id, in: database.sql)) }
        database.changes.announce(keys)
    }
}
