import SQLKit

/// SQLite's search index in order of publication. A common word matches a third of the archive; ranking every
/// match cost 100–300 ms at 100,000 articles. Search now ranks the newest matches only (`SearchQueries`), and
/// FTS5 reads matches newest first only if its rowids run in publication order: so each article's index row
/// gets a rowid made from its publication time (`SearchIndex.rowKey`), and `article_search_rows` says whose
/// row it is. A fourth column holds what searches are narrowed by (`SearchIndex.Facet`). The index is emptied
/// and filled again in the background, as after migration 009.
///
/// PostgreSQL keeps its rows and gains the article's edition and publication time beside each document, so that
/// the newest matches are sorted from the index table alone: probing the articles newest first and reading each
/// one's document cost 50–90 ms for a common word at 100,000 articles.
enum Migration010SearchInPublicationOrder {
    static let migration = Migration(number: 10, name: "search in publication order") { db in
        guard DatabaseEngine(db) == .sqlite else {
            try await db.raw("ALTER TABLE article_search ADD COLUMN edition TEXT, ADD COLUMN published_at BIGINT").run()
            try await db.raw(
                """
                UPDATE article_search s SET edition = a.edition, published_at = a.published_at
                FROM articles a WHERE a.id = s.article_id
                """
            ).run()
            return
        }
        try await db.raw("DROP TABLE article_search").run()
        try await db.raw(
            """
            CREATE VIRTUAL TABLE article_search USING fts5(
                headline, lead, body, facets, content='', contentless_delete=1,
                tokenize='unicode61 remove_diacritics 0')
            """
        ).run()
        // No foreign key: the index row must be found and deleted after its article is gone.
        try await db.raw(
            "CREATE TABLE article_search_rows (row INTEGER PRIMARY KEY, article_id INTEGER NOT NULL UNIQUE)"
        ).run()
        // Whether a match is live, read from an index instead of the article's row: rows with their bodies fill a
        // page or more each, and a search checks a thousand of them (8 ms against 3 at 100,000 articles).
        try await db.raw("CREATE INDEX articles_search_live ON articles (id, edition, status, published_at)").run()
    }
}
