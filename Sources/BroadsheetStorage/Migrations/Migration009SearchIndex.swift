import SQLKit

/// The articles' full-text index (`SearchIndex`). Empty here: filling it for a large archive takes minutes,
/// which a server must not spend before it starts, so the server catches up in the background
/// (`SearchIndex.catchUp`); `broadsheet reindex` does the same at once.
///
/// The statements are written out as they were: migration 010 changed SQLite's table, and a migration must
/// do what it did on the day it shipped.
enum Migration009SearchIndex {
    static let migration = Migration(number: 9, name: "search index") { db in
        switch DatabaseEngine(db) {
        case .sqlite:
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
}
