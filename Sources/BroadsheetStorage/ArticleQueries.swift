import BroadsheetDomain
import Foundation
import SQLKit

extension PublicQueries {
    /// Finds what an article URL leads to: the article, its new URL, gone, or nothing.
    public func article(edition: String, day: LocalDay, slug: String, now: Date) async throws -> ArticleLookup {
        let row = try await SummaryRow.select(db)
            .column(SQLRaw("a.status")).column(SQLRaw("a.translation_group")).column(SQLRaw("a.body"))
            .column(SQLRaw("a.updated_at")).column(SQLRaw("a.section_id"))
            .where(SQLColumn("edition", table: "a"), .equal, SQLBind(edition))
            .where(SQLColumn("url_day", table: "a"), .equal, SQLBind(day.isoString))
            .where(SQLColumn("slug", table: "a"), .equal, SQLBind(slug))
            .first()
        guard let row else { return try await movedArticle(edition: edition, day: day, slug: slug, now: now) }
        let summary = try row.decode(model: SummaryRow.self)
        let status = ArticleStatus(rawValue: try row.decode(column: "status", as: String.self))
        switch status {
        case .published where (summary.published_at ?? .max) <= now.epochSeconds:
            break
        case .unpublished:
            return .gone
        default:
            return .notFound
        }
        let sectionID = try row.decode(column: "section_id", as: Int?.self)
        let updatedAt = try row.decode(column: "updated_at", as: Int?.self)
        let article = Article(
            summary: summary.summary, status: .published,
            translationGroup: try row.decode(column: "translation_group", as: Int.self),
            body: try row.decode(column: "body", as: String.self),
            updatedAt: updatedAt.map { Date(timeIntervalSince1970: TimeInterval($0)) },
            section: try await sectionID.asyncFlatMap { try await section(id: $0) },
            tags: try await tags(ofArticle: summary.id),
            authors: try await authors(ofArticle: summary.id),
            sources: try await sources(ofArticle: summary.id))
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
            .where(SQLColumn("id", table: "a"), .equal, SQLBind(articleID))
            .first()
        guard let current else { return .notFound }
        let summary = try current.decode(model: SummaryRow.self)
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

    public func tags(ofArticle id: Int) async throws -> [Tag] {
        try await db.select().columns(SQLRaw("t.id"), SQLRaw("t.edition"), SQLRaw("t.slug"), SQLRaw("t.name"))
            .from(SQLAlias(SQLIdentifier("article_tags"), as: SQLIdentifier("at")))
            .join(SQLAlias(SQLIdentifier("tags"), as: SQLIdentifier("t")), on: SQLRaw("t.id = at.tag_id"))
            .where(SQLColumn("article_id", table: "at"), .equal, SQLBind(id))
            .orderBy(SQLColumn("position", table: "at"))
            .all(decoding: TagRow.self).map(\.tag)
    }

    public func authors(ofArticle id: Int) async throws -> [Author] {
        try await db.select()
            .columns(SQLRaw("au.id"), SQLRaw("au.edition"), SQLRaw("au.slug"), SQLRaw("au.name"), SQLRaw("au.bio"))
            .from(SQLAlias(SQLIdentifier("article_authors"), as: SQLIdentifier("aa")))
            .join(SQLAlias(SQLIdentifier("authors"), as: SQLIdentifier("au")), on: SQLRaw("au.id = aa.author_id"))
            .where(SQLColumn("article_id", table: "aa"), .equal, SQLBind(id))
            .orderBy(SQLColumn("position", table: "aa"))
            .all(decoding: AuthorRow.self).map(\.author)
    }

    func sources(ofArticle id: Int) async throws -> [ArticleSource] {
        struct Row: Decodable {
            let name: String
            let what: String
            let url: String?
        }
        return try await db.select().columns("name", "what", "url").from("article_sources")
            .where("article_id", .equal, SQLBind(id)).orderBy("position")
            .all(decoding: Row.self).map { ArticleSource(name: $0.name, what: $0.what, url: $0.url) }
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
