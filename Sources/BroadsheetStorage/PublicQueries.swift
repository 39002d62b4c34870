import BroadsheetDomain
import Foundation
import SQLKit

/// What an article URL leads to.
public enum ArticleLookup: Sendable {
    case found(Article)
    /// An old URL of an article whose slug changed: it now lives at the summary's URL.
    case moved(ArticleSummary)
    /// Unpublished: the URL answers 410 Gone.
    case gone
    case notFound
}

/// The queries of the public site. Every list filters to live articles and is served by an index.
public struct PublicQueries: Sendable {
    let db: any SQLDatabase

    public init(database: NewsDatabase) {
        self.db = database.reads
    }

    init(sql: any SQLDatabase) {
        self.db = sql
    }

    // MARK: Lists of headlines

    /// The edition's latest articles, newest first.
    public func latest(edition: String, limit: Int, offset: Int = 0, now: Date) async throws -> [ArticleSummary] {
        try await db.raw(
            """
            SELECT \(unsafeRaw: SummaryRow.columns) FROM \(unsafeRaw: SummaryRow.from) \
            WHERE a.edition = \(bind: edition) AND \(SummaryRow.live(at: now)) \
            ORDER BY a.published_at DESC LIMIT \(literal: limit) OFFSET \(literal: offset)
            """
        ).summaries()
    }

    /// The newest article marked as a top story; nil when the newsroom has marked none.
    public func topStory(edition: String, now: Date) async throws -> ArticleSummary? {
        try await SummaryRow.select(db)
            .where(SQLRaw("a.edition"), .equal, SQLBind(edition))
            .where(SQLRaw("a.is_top"), .equal, SQLBind(true))
            .live(at: now)
            .orderBy(SQLRaw("a.published_at"), SQLDirection.descending)
            .limit(1)
            .firstSummary()
    }

    public func inSection(_ sectionID: Int, limit: Int, offset: Int = 0, now: Date) async throws -> [ArticleSummary] {
        try await SummaryRow.select(db)
            .where(SQLRaw("a.section_id"), .equal, SQLBind(sectionID))
            .live(at: now)
            .orderBy(SQLRaw("a.published_at"), SQLDirection.descending)
            .limit(limit).offset(offset)
            .summaries()
    }

    /// The newest `perSection` live articles of each section, in one statement (the home page's section blocks):
    /// each section's are read newest first from its index and cut, so the cost does not grow with the archive.
    public func newestBySection(_ sectionIDs: [Int], perSection: Int, now: Date) async throws -> [Int: [ArticleSummary]] {
        guard !sectionIDs.isEmpty else { return [:] }
        let newest = sectionIDs.map { id -> any SQLExpression in
            SQLQueryString(
                """
                SELECT id FROM (SELECT id FROM articles WHERE section_id = \(bind: id) \
                AND status = \(bind: ArticleStatus.published.rawValue) AND published_at <= \(bind: now.epochSeconds) \
                ORDER BY published_at DESC LIMIT \(bind: perSection)) AS newest
                """)
        }
        let rows = try await SummaryRow.select(db)
            .column(SQLRaw("a.section_id"), as: "section_of")
            .where(SQLRaw("a.id"), .in, SQLGroupExpression(SQLList(newest, separator: SQLRaw(" UNION ALL "))))
            .orderBy(SQLRaw("a.published_at"), SQLDirection.descending)
            .all()
        var bySection: [Int: [ArticleSummary]] = [:]
        for row in rows {
            let section = try row.decode(column: "section_of", as: Int.self)
            bySection[section, default: []].append(try SummaryRow(row: row).summary)
        }
        return bySection
    }

    public func withTag(_ tagID: Int, limit: Int, offset: Int = 0, excluding: Int? = nil, now: Date) async throws
        -> [ArticleSummary]
    {
        try await linked(through: "article_tags", key: "tag_id", ids: [tagID], limit: limit, offset: offset,
                         excluding: excluding, now: now)
    }

    public func byAuthor(_ authorID: Int, limit: Int, offset: Int = 0, now: Date) async throws -> [ArticleSummary] {
        try await linked(through: "article_authors", key: "author_id", ids: [authorID], limit: limit, offset: offset,
                         excluding: nil, now: now)
    }

    /// Other articles sharing any of the tags, newest first.
    public func related(toTags tagIDs: [Int], excluding articleID: Int, limit: Int, now: Date) async throws
        -> [ArticleSummary]
    {
        guard !tagIDs.isEmpty else { return [] }
        return try await linked(through: "article_tags", key: "tag_id", ids: tagIDs, limit: limit, offset: 0,
                                excluding: articleID, now: now)
    }

    /// The newest live articles linked to any of `ids` (through article_tags or article_authors), newest first.
    /// Each id's links are read newest first from the (id, live_at) index and cut at the page's end, so the cost
    /// is the page's, not the tag's or the author's whole archive (migration 008).
    private func linked(
        through table: String, key: String, ids: [Int], limit: Int, offset: Int, excluding: Int?, now: Date
    ) async throws -> [ArticleSummary] {
        let window = limit + offset
        let newest = ids.map { id -> any SQLExpression in
            let exclusion: SQLQueryString = excluding.map { "AND article_id <> \(bind: $0) " } ?? ""
            let links: SQLQueryString = """
                SELECT article_id FROM \(ident: table) WHERE \(ident: key) = \(bind: id) \
                AND live_at <= \(bind: now.epochSeconds) \(exclusion)ORDER BY live_at DESC LIMIT \(bind: window)
                """
            // A compound SELECT's parts cannot have their own ORDER BY and LIMIT; a subquery each can. The alias
            // is for PostgreSQL before 16, which refuses a subquery in FROM without one.
            return SQLQueryString("SELECT article_id FROM (\(links)) AS linked")
        }
        return try await db.raw(
            """
            SELECT \(unsafeRaw: SummaryRow.columns) FROM \(unsafeRaw: SummaryRow.from) \
            WHERE a.id IN (\(SQLList(newest, separator: SQLRaw(" UNION ALL ")))) AND \(SummaryRow.live(at: now)) \
            ORDER BY a.published_at DESC LIMIT \(literal: limit) OFFSET \(literal: offset)
            """
        ).summaries()
    }

    /// Everything the edition published on one local day, newest first.
    public func onDay(edition: String, day: LocalDay, now: Date) async throws -> [ArticleSummary] {
        try await SummaryRow.select(db)
            .where(SQLRaw("a.edition"), .equal, SQLBind(edition))
            .where(SQLRaw("a.url_day"), .equal, SQLBind(day.isoString))
            .live(at: now)
            .orderBy(SQLRaw("a.published_at"), SQLDirection.descending)
            .limit(1000)
            .summaries()
    }

    /// The live versions of a translation group, except the one being read.
    public func translations(group: Int, excluding articleID: Int, now: Date) async throws -> [ArticleSummary] {
        try await db.raw(
            """
            SELECT \(unsafeRaw: SummaryRow.columns) FROM \(unsafeRaw: SummaryRow.from) \
            WHERE a.translation_group = \(bind: group) AND a.id <> \(bind: articleID) AND \(SummaryRow.live(at: now))
            """
        ).summaries()
    }

    // MARK: Sections, tags, authors

    public func sections(edition: String) async throws -> [Section] {
        try await db.select().columns("id", "edition", "slug", "name", "position").from("sections")
            .where("edition", .equal, SQLBind(edition))
            .orderBy("position").orderBy("id")
            .all(decoding: SectionRow.self).map(\.section)
    }

    public func section(edition: String, slug: String) async throws -> Section? {
        try await db.select().columns("id", "edition", "slug", "name", "position").from("sections")
            .where("edition", .equal, SQLBind(edition)).where("slug", .equal, SQLBind(slug))
            .first(decoding: SectionRow.self)?.section
    }

    public func tag(edition: String, slug: String) async throws -> Tag? {
        try await db.select().columns("id", "edition", "slug", "name").from("tags")
            .where("edition", .equal, SQLBind(edition)).where("slug", .equal, SQLBind(slug))
            .first(decoding: TagRow.self)?.tag
    }

    public func author(edition: String, slug: String) async throws -> Author? {
        try await db.select().columns("id", "edition", "slug", "name", "bio").from("authors")
            .where("edition", .equal, SQLBind(edition)).where("slug", .equal, SQLBind(slug))
            .first(decoding: AuthorRow.self)?.author
    }

    /// Where an author address that moved (a renamed or merged author) leads now.
    public func movedAuthor(edition: String, slug: String) async throws -> Author? {
        try await db.select()
            .columns(SQLRaw("a.id"), SQLRaw("a.edition"), SQLRaw("a.slug"), SQLRaw("a.name"), SQLRaw("a.bio"))
            .from(SQLAlias(SQLIdentifier("author_redirects"), as: SQLIdentifier("r")))
            .join(SQLAlias(SQLIdentifier("authors"), as: SQLIdentifier("a")), on: SQLRaw("a.id = r.author_id"))
            .where(SQLColumn("edition", table: "r"), .equal, SQLBind(edition))
            .where(SQLColumn("slug", table: "r"), .equal, SQLBind(slug))
            .first(decoding: AuthorRow.self)?.author
    }

    // MARK: Photos

    /// The photos as pages of `edition` show them: that edition's caption and alt text (empty if it has none).
    public func photos(ids: [Int], edition: String) async throws -> [Photo] {
        guard !ids.isEmpty else { return [] }
        return try await db.raw(
            """
            SELECT p.id, p.file, p.width, p.height, COALESCE(t.caption, '') AS caption, p.credit, \
            COALESCE(t.alt_text, '') AS alt_text \
            FROM photos p LEFT JOIN photo_texts t ON t.photo_id = p.id AND t.edition = \(bind: edition) \
            WHERE p.id IN (\(binds: ids))
            """
        ).all(decoding: PhotoRow.self).map(\.photo)
    }

    /// Whether a file in the photo store belongs to a photo the database knows.
    public func photoExists(file: String) async throws -> Bool {
        try await db.select().column("id").from("photos").where("file", .equal, SQLBind(file)).limit(1).first() != nil
    }
}
