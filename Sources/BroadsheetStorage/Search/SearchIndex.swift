import BroadsheetDomain
import SQLKit

/// The full-text index of articles: each article's headline, lead and body as search terms (`SearchText`,
/// folded and stemmed in the article's language), one row per article, kept by the same transactions that
/// write the articles. Every article is indexed, drafts too: whether one may be found is the live condition,
/// decided when searching, so publishing and unpublishing need not touch the index.
///
/// SQLite: an FTS5 table whose rowid is the article's id (contentless: the original text is in `articles`,
/// and snippets are cut from it). PostgreSQL: a `tsvector` per article, with a GIN index, weighted A for the
/// headline, B for the lead and D for the body. Both hold our terms only, so the engines' own folding and
/// stemming never come into it.
public enum SearchIndex {
    /// The statements that create the index (migration 009).
    static func create(in db: any SQLDatabase) async throws {
        switch DatabaseEngine(db) {
        case .sqlite:
            // remove_diacritics 0: the default would fold й into и; our terms are folded already.
            try await db.raw(
                """
                CREATE VIRTUAL TABLE article_search USING fts5(
                    headline, lead, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')
                """
            ).run()
        case .postgresql:
            try await db.raw(
                """
                CREATE TABLE article_search (
                    article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                    document TSVECTOR NOT NULL)
                """
            ).run()
            try await db.raw("CREATE INDEX article_search_document ON article_search USING GIN (document)").run()
        }
    }

    /// Rewrites the index rows of `ids` from the articles as they are now; ids of articles that are gone lose
    /// their rows. Call it inside the transaction that changed them.
    public static func refresh(_ ids: [Int], in db: any SQLDatabase) async throws {
        guard !ids.isEmpty else { return }
        let engine = DatabaseEngine(db)
        let key = engine == .sqlite ? "rowid" : "article_id"
        try await db.raw("DELETE FROM article_search WHERE \(unsafeRaw: key) IN \(SQLBind.group(ids))").run()
        let rows = try await db.raw(
            """
            SELECT a.id, a.headline, a.lead, a.body, e.locale FROM articles a JOIN editions e ON e.code = a.edition
            WHERE a.id IN \(SQLBind.group(ids))
            """
        ).all()
        for row in rows {
            let language = Edition.language(ofLocale: try row.decode(column: "locale", as: String.self))
            func terms(_ text: String) -> String { SearchText.terms(text, language: language).joined(separator: " ") }
            let id = try row.decode(column: "id", as: Int.self)
            let headline = terms(try row.decode(column: "headline", as: String.self))
            let lead = terms(try row.decode(column: "lead", as: String.self))
            let body = terms(ArticleBody(parsing: try row.decode(column: "body", as: String.self)).plainText)
            switch engine {
            case .sqlite:
                try await db.raw(
                    """
                    INSERT INTO article_search (rowid, headline, lead, body)
                    VALUES (\(bind: id), \(bind: headline), \(bind: lead), \(bind: body))
                    """
                ).run()
            case .postgresql:
                try await db.raw(
                    """
                    INSERT INTO article_search (article_id, document) VALUES (\(bind: id),
                        setweight(to_tsvector('simple', \(bind: headline)), 'A')
                        || setweight(to_tsvector('simple', \(bind: lead)), 'B')
                        || setweight(to_tsvector('simple', \(bind: body)), 'D'))
                    """
                ).run()
            }
        }
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
            case .sqlite: "SELECT id FROM articles WHERE id NOT IN (SELECT rowid FROM article_search)"
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
            "SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM article_search) AS indexed"
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
        }
        return try await catchUp(in: database, batch: batch, progress: progress)
    }
}
