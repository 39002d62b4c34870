import BroadsheetDomain
@testable import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import SQLKit
import Testing

/// The public site's own SQLite reading connections (`NewsDatabase.reads`) against sqlite-nio's (`sql`).
/// SQLite only: on PostgreSQL both are the same connection pool.
@Suite("Reading connections")
struct ReadingConnectionsTests {
    @Test("every public list reads the same rows through the reading connections as through sqlite-nio")
    func sameRowsAsSQLiteNIO() async throws {
        try await TestDatabase.with(on: [.sqlite]) { database in
            try await NewsroomFixture.build(in: database)
            let now = NewsroomFixture.now
            let fast = PublicQueries(database: database)
            let plain = PublicQueries(database: NewsDatabase(sql: database.sql, close: {}))
            for edition in ["uk", "ru", "en"] {
                let latest = try await fast.latest(edition: edition, limit: 50, now: now)
                #expect(!latest.isEmpty)
                #expect(latest == (try await plain.latest(edition: edition, limit: 50, now: now)))
                #expect(try await fast.sections(edition: edition) == (try await plain.sections(edition: edition)))
                for summary in latest {
                    let fastArticle = try await fast.article(edition: edition, day: summary.day, slug: summary.slug, now: now)
                    let plainArticle = try await plain.article(edition: edition, day: summary.day, slug: summary.slug, now: now)
                    guard case .found(let one) = fastArticle, case .found(let other) = plainArticle else {
                        Issue.record("\(summary.slug) not found through both")
                        continue
                    }
                    #expect(one == other)
                }
            }
        }
    }

    @Test("rows of a summary list are read by position, the names SQLite gives matching SummaryRow's")
    func summariesByPosition() async throws {
        try await TestDatabase.with(on: [.sqlite]) { database in
            try await NewsroomFixture.build(in: database)
            let row = try #require(
                try await database.reads.raw(
                    "SELECT \(unsafeRaw: SummaryRow.columns), a.body FROM \(unsafeRaw: SummaryRow.from) LIMIT 1"
                ).first())
            let read = try #require(row as? ReadingRow)
            #expect(read.columns.startsWithSummary, "SQLite names them \(read.allColumns)")
            #expect(try SummaryRow(reading: row) != nil)
        }
    }

    @Test("a statement reads what was committed after it was first prepared")
    func preparedStatementsSeeNewCommits() async throws {
        try await TestDatabase.with(on: [.sqlite]) { database in
            try await NewsroomFixture.build(in: database)
            let queries = PublicQueries(database: database)
            let before = try await queries.latest(edition: "en", limit: 100, now: NewsroomFixture.now)
            try await database.sql.raw("UPDATE articles SET headline = 'Rewritten' WHERE id = \(bind: before[0].id)").run()
            let after = try await queries.latest(edition: "en", limit: 100, now: NewsroomFixture.now)
            #expect(after[0].headline == "Rewritten")
            #expect(after.count == before.count)
        }
    }

    @Test("values of every kind come back as they went in, NULL included")
    func valuesRoundTrip() async throws {
        try await TestDatabase.with(on: [.sqlite]) { database in
            let row = try #require(
                try await database.reads.raw(
                    "SELECT \(bind: "Київ ʼ ünïcode") AS text, \(bind: 42) AS number, \(bind: 2.5) AS real, \(bind: true) AS yes, NULL AS absent"
                ).first())
            #expect(try row.decode(column: "text", as: String.self) == "Київ ʼ ünïcode")
            #expect(try row.decode(column: "number", as: Int.self) == 42)
            #expect(try row.decode(column: "real", as: Double.self) == 2.5)
            #expect(try row.decode(column: "yes", as: Bool.self))
            #expect(try row.decode(column: "absent", as: String?.self) == nil)
            #expect(try row.decodeNil(column: "absent"))
            #expect(!row.contains(column: "missing"))
            #expect(throws: DecodingError.self) { try row.decode(column: "absent", as: String.self) }
            #expect(throws: DecodingError.self) { try row.decode(column: "missing", as: String.self) }
        }
    }

    @Test("a broken statement fails with SQLite's message and the statement, and the connection stays usable")
    func errorsNameTheStatement() async throws {
        try await TestDatabase.with(on: [.sqlite]) { database in
            await #expect {
                try await database.reads.raw("SELECT nonsense FROM nowhere").run()
            } throws: { error in
                String(describing: error).contains("no such table: nowhere")
                    && String(describing: error).contains("SELECT nonsense FROM nowhere")
            }
            let one = try await database.reads.raw("SELECT 1 AS one").first(decodingColumn: "one", as: Int.self)
            #expect(one == 1)
        }
    }

    @Test("more statements than a connection keeps prepared still run, old ones prepared again")
    func statementsBeyondTheLimit() async throws {
        try await TestDatabase.with(on: [.sqlite]) { database in
            for round in 0..<2 {
                for number in 0..<250 {
                    let read = try await database.reads.raw("SELECT \(unsafeRaw: String(number)) + \(bind: round) AS n")
                        .first(decodingColumn: "n", as: Int.self)
                    #expect(read == number + round)
                }
            }
        }
    }

    @Test("the reading connections refuse to write")
    func readOnly() async throws {
        try await TestDatabase.with(on: [.sqlite]) { database in
            try await NewsroomFixture.build(in: database)
            await #expect {
                try await database.reads.raw("DELETE FROM articles").run()
            } throws: { error in
                String(describing: error).contains("readonly")
            }
            let count = try await database.sql.raw("SELECT COUNT(*) AS n FROM articles").first(decodingColumn: "n", as: Int.self)
            #expect((count ?? 0) > 0)
        }
    }

    @Test("many readers at once each get their own connection and the right rows")
    func concurrentReaders() async throws {
        try await TestDatabase.with(on: [.sqlite]) { database in
            try await NewsroomFixture.build(in: database)
            let queries = PublicQueries(database: database)
            let expected = try await queries.latest(edition: "uk", limit: 20, now: NewsroomFixture.now)
            try await withThrowingTaskGroup(of: [ArticleSummary].self) { group in
                for _ in 0..<32 {
                    group.addTask { try await queries.latest(edition: "uk", limit: 20, now: NewsroomFixture.now) }
                }
                for try await result in group { #expect(result == expected) }
            }
        }
    }
}
