import BroadsheetDomain
@testable import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import Logging
import SQLKit
import Testing

/// Several servers on one database: what only one of them may do is done once. On SQLite the "nodes" are
/// handles with their own connections to one file; on PostgreSQL, pools of their own to one schema.
@Suite("Several nodes on one database")
struct SeveralNodesTests {
    @Test("nodes that start together apply each migration once")
    func migrationsOnce() async throws {
        try await TestDatabase.withNodes(3, migrated: false) { nodes in
            let applied = try await withThrowingTaskGroup(of: Int.self) { group in
                for node in nodes {
                    group.addTask { try await Migrator(database: node, logger: Logger(label: "test")).migrate() }
                }
                return try await group.reduce(0, +)
            }
            #expect(applied == Migrator.latestNumber)
            let recorded = try await Migrator(database: nodes[1], logger: Logger(label: "test")).appliedNumbers()
            #expect(recorded == Array(1...Migrator.latestNumber))
        }
    }

    @Test("scheduled articles are published and audited once when every node's scheduler looks at the same time")
    func scheduledOnce() async throws {
        try await TestDatabase.withNodes(3) { nodes in
            let database = nodes[0]
            try await NewsroomWriter(database: database).syncEditions(.standard)
            let staff = try await StaffStore(database: database).add(
                email: "e@example.org", name: "E", role: .editor, passwordHash: "x", language: "en")
            let desk = ArticleDesk(database: database, timeZone: NewsroomFixture.kyiv)
            let now = NewsroomFixture.now
            var ids: [Int] = []
            for round in 0..<6 {
                let id = try await desk.create(ArticleDraft(edition: "en", headline: "Due \(round)"), by: staff, now: now)
                try await desk.move(id: id, to: .scheduled, at: now.addingTimeInterval(Double(60 * (round / 2 + 1))), by: staff, now: now)
                ids.append(id)
            }
            // Three rounds, each with two articles falling due, and every node looking at once.
            var published: [Int] = []
            for minute in 1...3 {
                let at = now.addingTimeInterval(Double(60 * minute))
                published += try await withThrowingTaskGroup(of: [Int].self) { group in
                    for node in nodes {
                        group.addTask { try await ArticleDesk(database: node, timeZone: NewsroomFixture.kyiv).publishDue(now: at) }
                    }
                    return try await group.reduce([], +)
                }
            }
            #expect(published.sorted() == ids.sorted(), "each due article published by exactly one node")
            let audited = try await AuditLog(database: nodes[2]).recent(limit: 50)
                .filter { $0.action == "published (scheduled)" }.map(\.subject)
            #expect(audited.sorted() == ids.map { "article \($0)" }.sorted())
        }
    }

    @Test(
        "a node finds the scheduler's lock taken while another publishes, and free once that one's transaction ends",
        .enabled(if: TestDatabase.engines.contains(.postgresql), "advisory locks are PostgreSQL's"))
    func schedulerLockIsTransactional() async throws {
        try await TestDatabase.withNodes(2, on: [.postgresql]) { nodes in
            let holding = AsyncStream<Void>.makeStream()
            let release = AsyncStream<Void>.makeStream()
            let holder = Task {
                try await nodes[0].transaction { db in
                    let taken = try await DatabaseEngine.postgresql.tryLock(.scheduler, in: db)
                    #expect(taken)
                    holding.continuation.yield()
                    for await _ in release.stream { break }
                }
            }
            for await _ in holding.stream { break }
            let whileHeld = try await nodes[1].transaction { db in
                try await DatabaseEngine.postgresql.tryLock(.scheduler, in: db)
            }
            #expect(!whileHeld)
            release.continuation.yield()
            try await holder.value
            let afterwards = try await nodes[1].transaction { db in
                try await DatabaseEngine.postgresql.tryLock(.scheduler, in: db)
            }
            #expect(afterwards)
        }
    }

    @Test("a transaction that loses a race with another node's is run again on what that one committed")
    func serializationFailuresRetry() async throws {
        try await TestDatabase.withNodes(3) { nodes in
            try await nodes[0].sql.raw("INSERT INTO settings (key, value) VALUES ('counter', '0')").run()
            // Read, then write what was read plus one: lost updates would leave the counter short.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for node in nodes {
                    group.addTask {
                        for _ in 0..<10 {
                            try await node.transaction { db in
                                let value = try await db.raw("SELECT value FROM settings WHERE key = 'counter'").first()!
                                    .decode(column: "value", as: String.self)
                                try await db.raw("UPDATE settings SET value = \(bind: String(Int(value)! + 1)) WHERE key = 'counter'")
                                    .run()
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let value = try await nodes[0].sql.raw("SELECT value FROM settings WHERE key = 'counter'").first()!
                .decode(column: "value", as: String.self)
            #expect(value == "30")
        }
    }
}
