import BroadsheetDomain
import SQLKit

/// The full-text index of articles: each article's headline, lead and body as search terms (`SearchText`,
/// folded and stemmed in the article's language), one row per article, kept by the same transactions that
/// write the articles. Every article is indexed, drafts too: whether one may be found is the live condition,
/// decided when searching, so unpublishing need not touch the index (publishing re-dates the article, and so
/// rewrites its row, which is kept in order of publication).
///
/// SQLite: an FTS5 table (contentless: the original text is in `articles`, and snippets are cut from it) whose
/// rowids run in order of publication (`rowKey`), so that search can read the newest matches first and stop;
/// `article_search_rows` says which article each row is. PostgreSQL: a `tsvector` per article, with a GIN index,
/// weighted A for the headline, B for the lead and D for the body, beside the article's edition and publication
/// time (so the newest matches are found without reading the articles). Both hold our terms only, so the engines'
/// own folding and stemming never come into it. (Migrations 009 and 010.)
public enum SearchIndex {
    /// Rewrites the index rows of `ids` from the articles as they are now; ids of articles that are gone lose
    /// their rows. Call it inside the transaction that changed them.
    public static func refresh(_ ids: [Int], in db: any SQLDatabase) async throws {
        guard !ids.isEmpty else { return }
        let engine = DatabaseEngine(db)
        switch engine {
        case .sqlite:
            try await db.raw(
                """
                DELETE FROM article_search WHERE rowid IN
                    (SELECT row FROM article_search_rows WHERE article_id IN \(SQLBind.group(ids)))
                """
            ).run()
            try await db.raw("DELETE FROM article_search_rows WHERE article_id IN \(SQLBind.group(ids))").run()
        case .postgresql:
            try await db.raw("DELETE FROM article_search WHERE article_id IN \(SQLBind.group(ids))").run()
        }
        let rows = try await db.raw(
            """
            SELECT a.id, a.headline, a.lead, a.body, a.published_at, a.edition, a.kind, a.section_id, e.locale
            FROM articles a JOIN editions e ON e.code = a.edition WHERE a.id IN \(SQLBind.group(ids))
            """
        ).all()
        var tags: [Int: [Int]] = [:]
        if engine == .sqlite {
            for link in try await db.raw(
                "SELECT article_id, tag_id FROM article_tags WHERE article_id IN \(SQLBind.group(ids))"
            ).all() {
                tags[try link.decode(column: "article_id", as: Int.self), default: []].append(
                    try link.decode(column: "tag_id", as: Int.self))
            }
        }
        for row in rows {
            let language = Edition.language(ofLocale: try row.decode(column: "locale", as: String.self))
            func terms(_ text: String) -> String { SearchText.terms(text, language: language).joined(separator: " ") }
            let id = try row.decode(column: "id", as: Int.self)
            let headline = terms(try row.decode(column: "headline", as: String.self))
            let lead = terms(try row.decode(column: "lead", as: String.self))
            let body = terms(ArticleBody(parsing: try row.decode(column: "body", as: String.self)).plainText)
            switch engine {
            case .sqlite:
                var key = rowKey(id: id, publishedAt: try row.decode(column: "published_at", as: Int?.self))
                // Two articles published in the same second whose ids differ by a multiple of 2^24 would share a
                // key: the later one takes the next free number (the order within a second does not matter).
                while try await db.raw("SELECT 1 AS taken FROM article_search_rows WHERE row = \(bind: key)").first()
                    != nil
                {
                    key += 1
                }
                try await db.raw("INSERT INTO article_search_rows (row, article_id) VALUES (\(bind: key), \(bind: id))")
                    .run()
                let facets = Facet.tokens(
                    edition: try row.decode(column: "edition", as: String.self),
                    kind: try row.decode(column: "kind", as: String.self),
                    sectionID: try row.decode(column: "section_id", as: Int?.self), tagIDs: tags[id] ?? [])
                try await db.raw(
                    """
                    INSERT INTO article_search (rowid, headline, lead, body, facets)
                    VALUES (\(bind: key), \(bind: headline), \(bind: lead), \(bind: body), \(bind: facets))
                    """
                ).run()
            case .postgresql:
                try await db.raw(
                    """
                    INSERT INTO article_search (article_id, edition, published_at, document) VALUES (\(bind: id),
                        \(bind: try row.decode(column: "edition", as: String.self)),
                        \(bind: try row.decode(column: "published_at", as: Int?.self)),
                        setweight(to_tsvector('simple', \(bind: headline)), 'A')
                        || setweight(to_tsvector('simple', \(bind: lead)), 'B')
                        || setweight(to_tsvector('simple', \(bind: body)), 'D'))
                    """
                ).run()
            }
        }
    }

    /// What a search may be narrowed by, as words in SQLite's index row (its `facets` column, which only the
    /// filters ever match and which counts nothing towards relevance): FTS5 then narrows a search inside the
    /// index, where a filter on the joined articles had to read and drop every match of a common word.
    enum Facet {
        static func section(_ id: Int) -> String { "fs\(id)" }
        static func tag(_ id: Int) -> String { "ft\(id)" }
        /// Per edition, so that a kind's word is no commoner than the edition's articles of that kind.
        static func kind(_ kind: String, edition: String) -> String { "fk\(edition)\(kind)" }

        static func tokens(edition: String, kind: String, sectionID: Int?, tagIDs: [Int]) -> String {
            ([self.kind(kind, edition: edition)] + (sectionID.map { [section($0)] } ?? []) + tagIDs.map(tag))
                .joined(separator: " ")
        }
    }

    /// An index row's rowid on SQLite: the publication time in seconds, then the article's id in 24 bits, so that
    /// rowids run in order of publication (articles never published come first, as time 0).
    static func rowKey(id: Int, publishedAt: Int?) -> Int {
        max(publishedAt ?? 0, 0) << 24 | (id & 0xFF_FFFF)
    }

    /// Indexes the articles that have no index row yet, newest first, `batch` at a time, each batch in its
    /// own transaction; returns how many it indexed. For a database migrated to the index with articles in
    /// it, or one whose indexing was interrupted: safe while the newsroom works, since saves index too.
    @discardableResult
    public static func catchUp(
        in database: NewsDatabase, batch: Int = 200, progress: @Sendable (Int) -> Void = { _ in }
    ) async throws -> Int {
        let missing: SQLQueryString =
            switch database.engine {
            case .sqlite: "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM article_search_rows)"
            case .postgresql:
                "SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_search s WHERE s.article_id = a.id)"
            }
        var count = 0
        while !Task.isCancelled {
            let ids = try await database.sql.raw("\(missing) ORDER BY id DESC LIMIT \(bind: batch)")
                .all(decodingColumn: "id", as: Int.self)
            guard !ids.isEmpty else { break }
            try await database.transaction { db in try await refresh(ids, in: db) }
            count += ids.count
            progress(count)
        }
        return count
    }

    /// Whether every article has its index row (the index is rebuilt when not).
    public static func isComplete(in database: NewsDatabase) async throws -> Bool {
        let row = try await database.sql.raw(
            """
            SELECT (SELECT count(*) FROM articles) AS articles, \
            (SELECT count(*) FROM \(unsafeRaw: database.engine == .sqlite ? "article_search_rows" : "article_search")) AS indexed
            """
        ).first()
        guard let row else { return false }
        return try row.decode(column: "articles", as: Int.self) == row.decode(column: "indexed", as: Int.self)
    }

    /// Builds the whole index again from the articles, `batch` at a time; returns how many were indexed.
    @discardableResult
    public static func rebuild(in database: NewsDatabase, batch: Int = 500, progress: @Sendable (Int) -> Void = { _ in })
        async throws -> Int
    {
        try await database.transaction { db in
            try await db.raw("DELETE FROM article_search").run()
            if database.engine == .sqlite { try await db.raw("DELETE FROM article_search_rows").run() }
        }
        return try await catchUp(in: database, batch: batch, progress: progress)
    }
}
