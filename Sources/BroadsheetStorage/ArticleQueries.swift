import BroadsheetDomain
import Foundation
import SQLKit

extension PublicQueries {
    /// Finds what an article URL leads to: the article, its new URL, gone, or nothing.
    public func article(edition: String, day: LocalDay, slug: String, now: Date) async throws -> ArticleLookup {
        // The section comes in the same row; tags, authors and sources in one more statement (`links`).
        let row = try await db.raw(
            """
            SELECT \(unsafeRaw: SummaryRow.columns), a.status, a.translation_group, a.body, a.updated_at, \
            s.id AS section_id, s.slug AS section_slug, s.name AS section_name, s.position AS section_position \
            FROM \(unsafeRaw: SummaryRow.from) LEFT JOIN sections AS s ON s.id = a.section_id \
            WHERE a.edition = \(bind: edition) AND a.url_day = \(bind: day.isoString) AND a.slug = \(bind: slug)
            """
        ).first()
        guard let row else { return try await movedArticle(edition: edition, day: day, slug: slug, now: now) }
        let summary = try SummaryRow(row: row)
        let status = ArticleStatus(rawValue: try row.decode(column: "status", as: String.self))
        switch status {
        case .published where (summary.published_at ?? .max) <= now.epochSeconds:
            break
        case .unpublished:
            return .gone
        default:
            return .notFound
        }
        let section: Section? = try row.decode(column: "section_id", as: Int?.self).map { id in
            Section(
                id: id, edition: edition, slug: try row.decode(column: "section_slug", as: String.self),
                name: try row.decode(column: "section_name", as: String.self),
                position: try row.decode(column: "section_position", as: Int.self))
        }
        let updatedAt = try row.decode(column: "updated_at", as: Int?.self)
        let links = try await links(ofArticle: summary.id)
        let article = Article(
            summary: summary.summary, status: .published,
            translationGroup: try row.decode(column: "translation_group", as: Int.self),
            body: try row.decode(column: "body", as: String.self),
            updatedAt: updatedAt.map { Date(timeIntervalSince1970: TimeInterval($0)) },
            section: section, tags: links.tags, authors: links.authors, sources: links.sources,
            corrections: links.corrections)
        return .found(article)
    }

    private func movedArticle(edition: String, day: LocalDay, slug: String, now: Date) async throws -> ArticleLookup {
        let articleID = try await db.select().column("article_id").from("article_old_urls")
            .where("edition", .equal, SQLBind(edition))
            .where("url_day", .equal, SQLBind(day.isoString))
            .where("slug", .equal, SQLBind(slug))
            .first(decodingColumn: "article_id", as: Int.self)
        guard let articleID else {
            return try await isDeleted(edition: edition, day: day, slug: slug) ? .gone : .notFound
        }
        let current = try await SummaryRow.select(db).column(SQLRaw("a.status"))
            .where(SQLRaw("a.id"), .equal, SQLBind(articleID))
            .first()
        guard let current else { return .notFound }
        let summary = try SummaryRow(row: current)
        switch ArticleStatus(rawValue: try current.decode(column: "status", as: String.self)) {
        case .published where (summary.published_at ?? .max) <= now.epochSeconds: return .moved(summary.summary)
        case .unpublished: return .gone
        default: return .notFound
        }
    }

    public func section(id: Int) async throws -> Section? {
        try await db.select().columns("id", "edition", "slug", "name", "position").from("sections")
            .where("id", .equal, SQLBind(id))
            .first(decoding: SectionRow.self)?.section
    }

    /// An article's tags, authors, sources and corrections, each in its order, in one statement.
    public func links(ofArticle id: Int) async throws -> ArticleLinks {
        struct Row: Decodable {
            let kind: String
            let position: Int
            let id: Int?
            let edition: String?
            let slug: String?
            let name: String
            let bio: String?
            let what: String?
            let url: String?
        }
        let rows = try await db.raw(
            """
            SELECT 't' AS kind, at.position AS position, t.id AS id, t.edition AS edition, t.slug AS slug, t.name AS name,
                NULL AS bio, NULL AS what, NULL AS url
            FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = \(bind: id)
            UNION ALL
            SELECT 'a', aa.position, au.id, au.edition, au.slug, au.name, au.bio, NULL, NULL
            FROM article_authors aa JOIN authors au ON au.id = aa.author_id WHERE aa.article_id = \(bind: id)
            UNION ALL
            SELECT 's', position, NULL, NULL, NULL, name, NULL, what, url FROM article_sources WHERE article_id = \(bind: id)
            UNION ALL
            SELECT 'c', at, id, NULL, NULL, text, NULL, NULL, NULL FROM article_corrections WHERE article_id = \(bind: id)
            ORDER BY kind, position, id
            """
        ).all(decoding: Row.self)
        var links = ArticleLinks()
        for row in rows {
            switch row.kind {
            case "t":
                if let id = row.id, let edition = row.edition, let slug = row.slug {
                    links.tags.append(Tag(id: id, edition: edition, slug: slug, name: row.name))
                }
            case "a":
                if let id = row.id, let edition = row.edition, let slug = row.slug {
                    links.authors.append(Author(id: id, edition: edition, slug: slug, name: row.name, bio: row.bio ?? ""))
                }
            case "c":
                // A correction's position is its time.
                links.corrections.append(Correction(at: Date(timeIntervalSince1970: TimeInterval(row.position)), text: row.name))
            default:
                links.sources.append(ArticleSource(name: row.name, what: row.what ?? "", url: row.url))
            }
        }
        return links
    }
}

/// What an article links to, besides its section: read together by `links(ofArticle:)`.
public struct ArticleLinks: Sendable {
    public var tags: [Tag] = []
    public var authors: [Author] = []
    public var sources: [ArticleSource] = []
    /// Oldest first.
    public var corrections: [Correction] = []
}
