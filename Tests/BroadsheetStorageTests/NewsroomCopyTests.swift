import BroadsheetDomain
@testable import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import Logging
import SQLKit
import Testing

/// `broadsheet copy`: a newsroom moved from an SQLite file into PostgreSQL. The copies need a PostgreSQL server
/// (BROADSHEET_TEST_POSTGRES_URL); what is refused before anything is copied is tested on SQLite alone.
@Suite("Copying a newsroom from SQLite into PostgreSQL")
struct NewsroomCopyTests {
    static let onPostgres = TestDatabase.engines.contains(.postgresql)

    static var logger: Logger {
        var logger = Logger(label: "broadsheet.test")
        logger.logLevel = .warning
        return logger
    }

    /// A folder of its own for source files, removed at the end of the test.
    static func withFolder<T: Sendable>(_ body: (String) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-copy-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try await body(folder)
    }

    /// Opens an SQLite file (creating it), runs `body`, and always closes it.
    @discardableResult
    static func withFile<T: Sendable>(_ path: String, _ body: (NewsDatabase) async throws -> T) async throws -> T {
        let database = try await NewsDatabase.sqlite(path: path, logger: logger)
        do {
            let result = try await body(database)
            try await database.shutdown()
            return result
        } catch {
            try? await database.shutdown()
            throw error
        }
    }

    /// A fresh PostgreSQL schema, not migrated: what a copy starts from.
    static func withTarget<T: Sendable>(_ body: @Sendable (NewsDatabase) async throws -> T) async throws -> T {
        try await TestDatabase.withNodes(1, migrated: false, on: [.postgresql]) { try await body($0[0]) }
    }

    static func copy(
        _ path: String, to target: NewsDatabase, _ options: NewsroomCopy.Options = NewsroomCopy.Options()
    ) -> NewsroomCopy {
        NewsroomCopy(from: path, to: target, options: options, logger: logger)
    }

    /// The fixture newsroom at `path`, with what only the newsroom's own work leaves behind: staff, a session,
    /// sign-in attempts, revisions, a correction, a deleted article, a renamed tag, ad slots and the audit log.
    @discardableResult
    static func fileNewsroom(at path: String) async throws -> NewsroomFixture {
        try await withFile(path) { database in
            try await Migrator(database: database, logger: logger).migrate()
            let fixture = try await NewsroomFixture.build(in: database)
            let now = NewsroomFixture.now
            let staff = try await StaffStore(database: database).add(
                email: "iryna@example.org", name: "Ірина Бондар", role: .admin, passwordHash: "$2b$hash", language: "uk",
                now: now)
            _ = try await SessionStore(database: database, idleTimeout: 3600).create(staffID: staff.id, now: now)
            try await SignInThrottle(database: database).record(
                email: staff.email, address: "192.0.2.1", succeeded: true, now: now)
            let desk = ArticleDesk(database: database, timeZone: NewsroomFixture.kyiv)
            let id = try await desk.create(
                ArticleDraft(edition: "en", headline: "Revised twice", lead: "A lead.", body: "First words.", tags: ["Energy"]),
                by: staff, now: NewsroomFixture.hoursAgo(10))
            try await desk.save(
                id: id,
                ArticleDraft(
                    edition: "en", headline: "Revised twice, then published", lead: "A lead.", body: "Second words.",
                    tags: ["Energy", "Grid"], authorIDs: [fixture.ids.authorEN]),
                by: staff, note: "tightened", now: NewsroomFixture.hoursAgo(9))
            try await desk.move(id: id, to: .published, by: staff, now: NewsroomFixture.hoursAgo(8))
            try await desk.addCorrection(id: id, text: "An earlier version misspelt a name.", by: staff, now: NewsroomFixture.hoursAgo(7))
            try await desk.delete(id: fixture.ids.unpublishedEN, by: staff, now: NewsroomFixture.hoursAgo(1))
            let setup = NewsroomSetup(database: database)
            try await setup.renameTag(id: fixture.ids.budgetEN, name: "Budgets", slug: "budgets")
            try await setup.saveAds(every: 3, slots: [ManagedAdSlot(name: "Top", html: "<b>ad</b>", enabled: false)])
            try await AuditLog(database: database).record("signed in", by: staff, subject: staff.email, now: now)
            return fixture
        }
    }

    static func count(_ table: String, in database: NewsDatabase) async throws -> Int {
        try await database.sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decodingColumn: "n", as: Int.self) ?? -1
    }

    // MARK: Copying

    @Test(
        "a copied newsroom has every table's rows and checksums, the same public pages, and takes new articles",
        .enabled(if: onPostgres, "copies into PostgreSQL"))
    func copiesTheNewsroom() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/newsroom.sqlite"
            let fixture = try await Self.fileNewsroom(at: path)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            try await Self.withTarget { target in
                let report = try await Self.copy(path, to: target).run()
                #expect(report.matches, "\(report)")
                #expect(report.earlier == nil)
                #expect(report.leftOut == ["staff_sessions"])
                let rows = Dictionary(uniqueKeysWithValues: report.checks.map { ($0.table, $0.target.rows) })
                for table in ["staff", "article_revisions", "audit_log", "article_corrections", "deleted_articles",
                              "tag_redirects", "sign_in_attempts", "ad_slots", "article_tags", "photos"] {
                    #expect((rows[table] ?? 0) > 0, "\(table) was copied")
                }
                #expect(report.rowsCopiedNow == report.rows)
                let names = report.checks.map(\.table)
                #expect(names.firstIndex(of: "articles")! < names.firstIndex(of: "article_tags")!)
                #expect(names.firstIndex(of: "staff")! < names.firstIndex(of: "articles")!)

                try await Self.withFile(path) { source in
                    let now = NewsroomFixture.now
                    let (mine, theirs) = (PublicQueries(database: source), PublicQueries(database: target))
                    for edition in ["uk", "en", "ru"] {
                        let latest = try await mine.latest(edition: edition, limit: 50, now: now)
                        #expect(!latest.isEmpty)
                        #expect(try await theirs.latest(edition: edition, limit: 50, now: now) == latest)
                        #expect(try await theirs.topStory(edition: edition, now: now) == mine.topStory(edition: edition, now: now))
                        for summary in latest {
                            let day = summary.day
                            let here = try await mine.article(edition: edition, day: day, slug: summary.slug, now: now)
                            let there = try await theirs.article(edition: edition, day: day, slug: summary.slug, now: now)
                            #expect(String(describing: there) == String(describing: here))
                        }
                    }
                    let ids = fixture.ids
                    #expect(try await theirs.withTag(ids.energyEN, limit: 20, now: now) == mine.withTag(ids.energyEN, limit: 20, now: now))
                    #expect(try await theirs.byAuthor(ids.authorEN, limit: 20, now: now) == mine.byAuthor(ids.authorEN, limit: 20, now: now))
                    #expect(try await theirs.inSection(ids.politicsEN, limit: 20, now: now) == mine.inSection(ids.politicsEN, limit: 20, now: now))
                    #expect(try await theirs.tag(edition: "en", slug: "budget") == mine.tag(edition: "en", slug: "budget"))
                }

                // The identity sequences were moved past the copied ids.
                let staff = try await StaffStore(database: target).find(email: "iryna@example.org")!.member
                let largest = try await target.sql.raw("SELECT MAX(id) AS id FROM articles").first(decodingColumn: "id", as: Int.self)!
                let desk = ArticleDesk(database: target, timeZone: NewsroomFixture.kyiv)
                let id = try await desk.create(ArticleDraft(edition: "en", headline: "Filed on PostgreSQL"), by: staff)
                #expect(id > largest)
                let newcomer = try await StaffStore(database: target).add(
                    email: "new@example.org", name: "New", role: .author, passwordHash: "x", language: "en")
                #expect(newcomer.id > staff.id)
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the source file is never written")
        }
    }

    @Test("sessions are left out unless asked for", .enabled(if: onPostgres, "copies into PostgreSQL"))
    func sessionsOnlyWhenAsked() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/newsroom.sqlite"
            try await Self.fileNewsroom(at: path)
            try await Self.withTarget { target in
                let first = try await Self.copy(path, to: target).run()
                #expect(first.matches)
                #expect(!first.checks.contains { $0.table == "staff_sessions" })
                #expect(try await Self.count("staff_sessions", in: target) == 0)
                // Asking again later, into the same target, brings them over: no flag needed for a copy of its own.
                let second = try await Self.copy(path, to: target, NewsroomCopy.Options(includeSessions: true)).run()
                #expect(second.matches)
                #expect(second.leftOut.isEmpty)
                #expect(second.earlier?.finishedAt != nil)
                #expect(second.rowsCopiedNow == 1)
                #expect(try await Self.count("staff_sessions", in: target) == 1)
            }
        }
    }

    @Test(
        "a copy interrupted again and again, run each time anew, ends complete, without duplicates, and verified",
        .enabled(if: onPostgres, "copies into PostgreSQL"))
    func resumesAfterInterruptions() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/newsroom.sqlite"
            try await Self.fileNewsroom(at: path)
            try await Self.withTarget { target in
                // Three batches of four rows per run: a copy that started over each time would never finish.
                let interrupted = NewsroomCopy.Options(batchSize: 4, stopAfterBatches: 3)
                var runs = 0
                var report: CopyReport?
                while report == nil, runs < 100 {
                    runs += 1
                    do {
                        report = try await Self.copy(path, to: target, interrupted).run()
                    } catch CopyError.stopped(let batches) {
                        #expect(batches == 3)
                        let earlier = try await CopyState(source: path, target: target).earlier()
                        #expect(earlier != nil && earlier?.finishedAt == nil)
                    }
                }
                let finished = try #require(report)
                #expect(runs >= 5, "interrupted mid-way several times")
                #expect(finished.matches, "\(finished)")
                #expect(finished.earlier != nil && finished.earlier?.finishedAt == nil)
                let again = try await Self.copy(path, to: target).run()
                #expect(again.matches)
                #expect(again.rowsCopiedNow == 0)
                #expect(again.checks.map(\.target) == finished.checks.map(\.target))
            }
        }
    }

    @Test(
        "a target with newsroom rows is refused by name and nothing is written, unless copying into it is asked for",
        .enabled(if: onPostgres, "copies into PostgreSQL"))
    func refusesANonEmptyTarget() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/newsroom.sqlite"
            try await Self.fileNewsroom(at: path)
            try await Self.withTarget { target in
                try await Migrator(database: target, logger: Self.logger).migrate()
                try await NewsroomWriter(database: target).syncEditions(.standard)
                let refusal = await #expect(throws: CopyError.self) { try await Self.copy(path, to: target).run() }
                #expect(refusal == .targetNotEmpty(table: "editions", copiesFrom: []))
                #expect(refusal?.description.contains("its table editions has rows") == true)
                #expect(refusal?.description.contains("--into-non-empty") == true)
                #expect(try await CopyState(source: path, target: target).earlier() == nil)
                #expect(try await Self.count("articles", in: target) == 0)

                let report = try await Self.copy(path, to: target, NewsroomCopy.Options(intoNonEmpty: true)).run()
                #expect(report.checks.first { $0.table == "articles" }?.matches == true)
                #expect(report.checks.first { $0.table == "editions" }?.copiedNow == 0)
            }
        }
    }

    @Test(
        "another source's interrupted copy in the target is named when a second source is refused",
        .enabled(if: onPostgres, "copies into PostgreSQL"))
    func namesAnotherSourcesCopy() async throws {
        try await Self.withFolder { folder in
            let (first, second) = (folder + "/first.sqlite", folder + "/second.sqlite")
            try await Self.fileNewsroom(at: first)
            try await Self.fileNewsroom(at: second)
            try await Self.withTarget { target in
                await #expect(throws: CopyError.stopped(afterBatches: 2)) {
                    try await Self.copy(first, to: target, NewsroomCopy.Options(stopAfterBatches: 2)).run()
                }
                let refusal = await #expect(throws: CopyError.self) { try await Self.copy(second, to: target).run() }
                #expect(refusal == .targetNotEmpty(table: "editions", copiesFrom: [first]))
                let resumed = try await Self.copy(first, to: target).run()
                #expect(resumed.matches)
            }
        }
    }

    @Test("a row changed or lost in the target after the copy is found by the verification", .enabled(if: onPostgres, "copies into PostgreSQL"))
    func findsDifferences() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/newsroom.sqlite"
            let fixture = try await Self.fileNewsroom(at: path)
            try await Self.withTarget { target in
                #expect(try await Self.copy(path, to: target).run().matches)
                #expect(try await Self.copy(path, to: target).verify().allSatisfy(\.matches))

                try await target.sql.raw(
                    "UPDATE articles SET headline = 'Changed on PostgreSQL' WHERE id = \(bind: fixture.ids.showcaseEN)"
                ).run()
                try await target.sql.raw("DELETE FROM article_sources WHERE article_id = \(bind: fixture.ids.showcaseEN)").run()
                let checks = try await Self.copy(path, to: target).verify()
                let different = checks.filter { !$0.matches }
                #expect(different.map(\.table) == ["articles", "article_sources"])
                let articles = try #require(different.first)
                #expect(articles.source.rows == articles.target.rows)
                #expect(articles.source.hex != articles.target.hex)
                let sources = try #require(different.last)
                #expect(sources.target.rows == sources.source.rows - 2)

                // A run finds the same differences, and the run after it goes through those tables again: it fills in
                // the lost rows, but leaves the changed one as it is (a copy never overwrites), and says so.
                let first = try await Self.copy(path, to: target).run()
                #expect(first.mismatches.map(\.table) == ["articles", "article_sources"])
                #expect(first.rowsCopiedNow == 0)
                let second = try await Self.copy(path, to: target).run()
                #expect(second.mismatches.map(\.table) == ["articles"])
                #expect(second.checks.first { $0.table == "article_sources" }?.copiedNow == 2)
                #expect(second.description.contains("DIFFERENT"))
                #expect(try await CopyState(source: path, target: target).earlier()?.finishedAt == nil)
            }
        }
    }

    @Test(
        "a value its PostgreSQL column cannot take stops the copy with the table, row and column",
        .enabled(if: onPostgres, "copies into PostgreSQL"))
    func stopsAtAValueThatDoesNotFit() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/newsroom.sqlite"
            let fixture = try await Self.fileNewsroom(at: path)
            // SQLite lets a BOOLEAN column hold any integer.
            try await Self.withFile(path) { database in
                try await database.sql.raw("UPDATE articles SET is_top = 2 WHERE id = \(bind: fixture.ids.olderEN)").run()
            }
            try await Self.withTarget { target in
                let error = await #expect(throws: CopyError.self) { try await Self.copy(path, to: target).run() }
                #expect(error == .valueDoesNotFit(table: "articles", column: "is_top", key: "(\(fixture.ids.olderEN))", value: "2"))
                #expect(error?.description == "articles row (\(fixture.ids.olderEN)): is_top holds 2, which its PostgreSQL column cannot take")
            }
        }
    }

    // MARK: Refusals before anything is copied

    @Test("a source that is missing, not SQLite, not a Broadsheet database, or at another schema is refused")
    func refusesBadSources() async throws {
        try await Self.withFolder { folder in
            try await TestDatabase.with(on: [.sqlite]) { target in
                let missing = folder + "/missing.sqlite"
                await #expect(throws: CopyError.noSource(missing)) { try await Self.copy(missing, to: target).run() }
                #expect(!FileManager.default.fileExists(atPath: missing), "a missing source is not created")

                let text = folder + "/notes.txt"
                try Data("not a database, only some words\n".utf8).write(to: URL(fileURLWithPath: text))
                await #expect(throws: CopyError.notSQLite(text)) { try await Self.copy(text, to: target).run() }

                let other = folder + "/other.sqlite"
                try await Self.withFile(other) { try await $0.sql.raw("CREATE TABLE notes (id INTEGER PRIMARY KEY)").run() }
                await #expect(throws: CopyError.notANewsroom(other)) { try await Self.copy(other, to: target).run() }

                let older = folder + "/older.sqlite"
                try await Self.withFile(older) { database in
                    try await Migrator(database: database, logger: Self.logger).migrate()
                    try await database.sql.raw("DELETE FROM schema_migrations WHERE number = \(bind: Migrator.latestNumber)").run()
                }
                let refusal = await #expect(throws: CopyError.self) { try await Self.copy(older, to: target).run() }
                #expect(refusal == .olderSchema(older, source: Migrator.latestNumber - 1, latest: Migrator.latestNumber))
                #expect(refusal?.description.contains("broadsheet migrate --database \(older)") == true)

                let newer = folder + "/newer.sqlite"
                try await Self.withFile(newer) { database in
                    try await Migrator(database: database, logger: Self.logger).migrate()
                    try await database.sql.raw("INSERT INTO schema_migrations VALUES (999, 'future', 0)").run()
                }
                await #expect(throws: CopyError.newerSchema(newer, schema: 999, latest: Migrator.latestNumber)) {
                    try await Self.copy(newer, to: target).run()
                }
            }
        }
    }

    @Test("a target that is not PostgreSQL is refused")
    func refusesAnSQLiteTarget() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/newsroom.sqlite"
            try await Self.fileNewsroom(at: path)
            try await TestDatabase.with(on: [.sqlite]) { target in
                _ = await #expect(throws: CopyError.targetNotPostgreSQL) { try await Self.copy(path, to: target).run() }
            }
        }
    }

    // MARK: The parts

    @Test("every table of the schema is named as copied or left out, and each comes after the tables it refers to")
    func everyTableIsPlaced() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/newsroom.sqlite"
            try await Self.withFile(path) { try await Migrator(database: $0, logger: Self.logger).migrate() }
            let source = try CopySource.open(path: path, logger: Self.logger)
            defer { source.close() }
            let tables = try CopyTable.parentsFirst(try await source.tables())
            #expect(Set(tables.map(\.name)) == CopiedTables.content.union(CopiedTables.sessions))
            for (index, table) in tables.enumerated() {
                for parent in table.parents where parent != table.name {
                    #expect(tables.firstIndex { $0.name == parent }! < index, "\(parent) before \(table.name)")
                }
            }
            #expect(tables.first { $0.name == "article_tags" }?.key == ["article_id", "tag_id"])
        }
    }

    @Test("tables that refer to each other in a cycle are refused rather than copied in a wrong order")
    func refusesACycle() throws {
        let tables = [
            CopyTable(name: "a", columns: ["id"], key: ["id"], parents: ["b"]),
            CopyTable(name: "b", columns: ["id"], key: ["id"], parents: ["a"]),
        ]
        #expect(throws: CopyError.tablesInACycle(["a", "b"])) { try CopyTable.parentsFirst(tables) }
    }

    @Test("the checksum tells apart rows that differ only in where a value ends, NULL from empty text, and text from numbers")
    func checksumIsCanonical() {
        func sum(_ rows: [[CopyValue]]) -> TableChecksum {
            var checksum = TableChecksum()
            for row in rows { checksum.add(row) }
            return checksum
        }
        #expect(sum([[.text("ab"), .text("c")]]) != sum([[.text("a"), .text("bc")]]))
        #expect(sum([[.null]]) != sum([[.text("")]]))
        #expect(sum([[.text("1")]]) != sum([[.integer(1)]]))
        #expect(sum([[.integer(1)], [.integer(2)]]) != sum([[.integer(1), .integer(2)]]))
        #expect(sum([[.integer(1)], [.integer(2)]]) != sum([[.integer(2)], [.integer(1)]]))
        // SQLite's 0 and 1 and PostgreSQL's booleans are the same value.
        #expect(sum([[.boolean(true), .text("Київ")]]) == sum([[.integer(1), .text("Київ")]]))
        #expect(sum([]).rows == 0)
    }
}
