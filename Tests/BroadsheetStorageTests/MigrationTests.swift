@testable import BroadsheetStorage
import BroadsheetTestSupport
import Logging
import SQLKit
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("an empty database migrates to the newest schema, and a second run applies nothing")
    func migratesFromEmpty() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let migrator = Migrator(database: database, logger: Logger(label: "test"))
            let first = try await migrator.migrate()
            #expect(first == Migrator.latestNumber)
            #expect(try await migrator.appliedNumbers() == Array(1...Migrator.latestNumber))
            #expect(try await migrator.migrate() == 0)
        }
    }

    @Test("a photo's caption and alt text from before migration 12 read the same in every edition after it")
    func photoTextsCopiedToEveryEdition() async throws {
        try await TestDatabase.with(migrated: false) { database in
            try await database.transaction { db in
                for migration in MigrationList.all where migration.number < 12 { try await migration.apply(db) }
                for (position, code) in ["en", "uk", "ru"].enumerated() {
                    try await db.insert(into: "editions").columns("code", "path_prefix", "name", "locale", "position")
                        .values(SQLBind(code), SQLBind(code), SQLBind(code), SQLBind(code), SQLBind(position)).run()
                }
                try await db.insert(into: "photos")
                    .columns("id", "file", "width", "height", "caption", "credit", "alt_text", "created_at")
                    .values(
                        SQLBind(7), SQLBind("a.png"), SQLBind(10), SQLBind(10), SQLBind("Dawn"), SQLBind("Studio"),
                        SQLBind("A port at dawn"), SQLBind(0)
                    ).run()
                for migration in MigrationList.all where migration.number >= 12 { try await migration.apply(db) }
            }
            for code in ["en", "uk", "ru"] {
                let photo = try #require(try await PublicQueries(database: database).photos(ids: [7], edition: code).first)
                #expect(photo.caption == "Dawn" && photo.altText == "A port at dawn" && photo.credit == "Studio", "\(code)")
            }
        }
    }

    @Test("the schema has every table the public site reads, and foreign keys are enforced")
    func schemaTablesAndForeignKeys() async throws {
        try await TestDatabase.with { database in
            let tables = try await names(of: "table", in: database)
            for table in [
                "ad_slots", "article_authors", "article_old_urls", "article_sources", "article_tags", "articles", "authors",
                "editions", "photos", "sections", "settings", "tags", "translation_groups",
            ] {
                #expect(tables.contains(table), "missing table \(table)")
            }
            await #expect(throws: (any Error).self) {
                try await database.sql.raw("INSERT INTO sections (edition, slug, name, position) VALUES ('xx', 'a', 'A', 0)")
                    .run()
            }
        }
    }

    @Test("every public list is backed by an index")
    func listsHaveIndexes() async throws {
        try await TestDatabase.with { database in
            let indexes = try await names(of: "index", in: database)
            for index in [
                "articles_edition_latest", "articles_section_latest", "article_tags_by_tag", "article_authors_by_author",
                "articles_url",
            ] {
                #expect(indexes.contains(index), "missing index \(index)")
            }
        }
    }

    /// The names of the tables or indexes in the database's catalogue (on PostgreSQL, the test's own schema).
    private func names(of kind: String, in database: NewsDatabase) async throws -> [String] {
        let query: SQLQueryString =
            switch (database.engine, kind) {
            case (.sqlite, _): "SELECT name FROM sqlite_master WHERE type = \(bind: kind)"
            case (.postgresql, "table"):
                "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
            default: "SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()"
            }
        return try await database.sql.raw(query).all(decodingColumn: "name", as: String.self)
    }
}
