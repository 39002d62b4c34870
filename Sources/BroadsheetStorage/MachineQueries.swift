import BroadsheetDomain
import Foundation
import SQLKit

/// An article as feeds show it: the summary and what a feed entry adds.
public struct FeedArticle: Sendable, Hashable {
    public var summary: ArticleSummary
    public var body: String
    public var updatedAt: Date?
    public var sectionName: String?
    public var authorNames: [String]
    public var tagNames: [String]
}

/// An article as sitemaps list it, with its live translations.
public struct SitemapArticle: Sendable, Hashable {
    public var edition: String
    public var day: LocalDay
    public var slug: String
    public var modifiedAt: Date
    public var translations: [(edition: String, day: LocalDay, slug: String)]

    public static func == (a: SitemapArticle, b: SitemapArticle) -> Bool {
        a.edition == b.edition && a.day == b.day && a.slug == b.slug
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(edition)
        hasher.combine(day)
        hasher.combine(slug)
    }
}

/// The queries behind feeds and sitemaps: a fixed number per request, whatever the number of entries.
extension PublicQueries {
    /// Fills feed entries for summaries in one query each for bodies, sections, authors and tags.
    public func feedArticles(_ summaries: [ArticleSummary]) async throws -> [FeedArticle] {
        guard !summaries.isEmpty else { return [] }
        let ids = summaries.map(\.id)
        struct Body: Decodable {
            let id: Int
            let body: String
            let updated_at: Int?
            let section_name: String?
        }
        let bodies = try await db.select()
            .columns(SQLRaw("a.id"), SQLRaw("a.body"), SQLRaw("a.updated_at"), SQLRaw("s.name AS section_name"))
            .from(SQLAlias(SQLIdentifier("articles"), as: SQLIdentifier("a")))
            .join(SQLRaw("sections AS s"), method: SQLJoinMethod.left,
                  on: SQLRaw("s.id = a.section_id"))
            .where(SQLRaw("a.id"), .in, SQLBind.group(ids))
            .all(decoding: Body.self)
        let byID = Dictionary(uniqueKeysWithValues: bodies.map { ($0.id, $0) })
        let authors = try await names(through: "article_authors", key: "author_id", table: "authors", ids: ids)
        let tags = try await names(through: "article_tags", key: "tag_id", table: "tags", ids: ids)
        return summaries.map { summary in
            let row = byID[summary.id]
            return FeedArticle(
                summary: summary, body: row?.body ?? "",
                updatedAt: row?.updated_at.map { Date(timeIntervalSince1970: TimeInterval($0)) },
                sectionName: row?.section_name, authorNames: authors[summary.id] ?? [], tagNames: tags[summary.id] ?? [])
        }
    }

    private func names(through link: String, key: String, table: String, ids: [Int]) async throws -> [Int: [String]] {
        struct Row: Decodable {
            let article_id: Int
            let name: String
        }
        let rows = try await db.select().columns(SQLRaw("l.article_id"), SQLRaw("n.name"))
            .from(SQLAlias(SQLIdentifier(link), as: SQLIdentifier("l")))
            .join(SQLAlias(SQLIdentifier(table), as: SQLIdentifier("n")), on: SQLRaw("n.id = l.\(key)"))
            .where(SQLRaw("l.article_id"), .in, SQLBind.group(ids))
            .orderBy(SQLRaw("l.position"))
            .all(decoding: Row.self)
        return Dictionary(grouping: rows, by: \.article_id).mapValues { $0.map(\.name) }
    }

    /// How many live articles the edition has (to page its sitemaps).
    public func liveCount(edition: String, now: Date) async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(SQLAlias(SQLIdentifier("articles"), as: SQLIdentifier("a")))
            .where(SQLRaw("a.edition"), .equal, SQLBind(edition))
            .live(at: now)
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// One page of the edition's live articles for its sitemap, oldest first (pages stay stable as news comes),
    /// each with its live translations.
    public func sitemapArticles(edition: String, limit: Int, offset: Int, now: Date) async throws -> [SitemapArticle] {
        struct Row: Decodable {
            let edition: String
            let url_day: String
            let slug: String
            let published_at: Int
            let updated_at: Int?
            let translation_group: Int
        }
        let rows = try await db.select()
            .columns(SQLRaw("a.edition"), SQLRaw("a.url_day"), SQLRaw("a.slug"), SQLRaw("a.published_at"),
                     SQLRaw("a.updated_at"), SQLRaw("a.translation_group"))
            .from(SQLAlias(SQLIdentifier("articles"), as: SQLIdentifier("a")))
            .where(SQLRaw("a.edition"), .equal, SQLBind(edition))
            .live(at: now)
            .orderBy(SQLRaw("a.published_at")).orderBy(SQLRaw("a.id"))
            .limit(limit).offset(offset)
            .all(decoding: Row.self)
        guard !rows.isEmpty else { return [] }
        let versions = try await db.select()
            .columns(SQLRaw("a.edition"), SQLRaw("a.url_day"), SQLRaw("a.slug"), SQLRaw("a.published_at"),
                     SQLRaw("a.updated_at"), SQLRaw("a.translation_group"))
            .from(SQLAlias(SQLIdentifier("articles"), as: SQLIdentifier("a")))
            .where(SQLRaw("a.translation_group"), .in, SQLBind.group(Array(Set(rows.map(\.translation_group)))))
            .where(SQLRaw("a.edition"), .notEqual, SQLBind(edition))
            .live(at: now)
            .all(decoding: Row.self)
        let byGroup = Dictionary(grouping: versions, by: \.translation_group)
        return rows.compactMap { row in
            guard let day = LocalDay(isoString: row.url_day) else { return nil }
            return SitemapArticle(
                edition: row.edition, day: day, slug: row.slug,
                modifiedAt: Date(timeIntervalSince1970: TimeInterval(row.updated_at ?? row.published_at)),
                translations: (byGroup[row.translation_group] ?? []).compactMap { version in
                    LocalDay(isoString: version.url_day).map { (version.edition, $0, version.slug) }
                })
        }
    }

    /// Live articles published since `since`, newest first (the news sitemap's 48 hours).
    public func published(edition: String, since: Date, now: Date, limit: Int = 1000) async throws -> [ArticleSummary] {
        try await SummaryRow.select(db)
            .where(SQLRaw("a.edition"), .equal, SQLBind(edition))
            .where(SQLRaw("a.published_at"), .greaterThanOrEqual, SQLBind(since.epochSeconds))
            .live(at: now)
            .orderBy(SQLRaw("a.published_at"), SQLDirection.descending)
            .limit(limit)
            .summaries()
    }

    /// All sections, tags and authors of an edition, for the sitemap of pages.
    public func taxonomy(edition: String) async throws -> (sections: [Section], tags: [Tag], authors: [Author]) {
        let tags = try await db.select().columns("id", "edition", "slug", "name").from("tags")
            .where("edition", .equal, SQLBind(edition)).orderBy("slug").all(decoding: TagRow.self).map(\.tag)
        let authors = try await db.select().columns("id", "edition", "slug", "name", "bio").from("authors")
            .where("edition", .equal, SQLBind(edition)).orderBy("slug").all(decoding: AuthorRow.self).map(\.author)
        return (try await sections(edition: edition), tags, authors)
    }
}
