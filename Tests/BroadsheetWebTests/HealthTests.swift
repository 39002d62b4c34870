import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SQLKit
import Testing

/// What a load balancer asks a node: is it up (live), and can it serve readers (ready)?
@Suite("Health endpoints")
struct HealthTests {
    @Test("a working node is live and ready, and says so in plain text that no cache keeps")
    func liveAndReady() async throws {
        try await SiteHarness.withSite { client, _ in
            for (path, text) in [("/health/live", "live\n"), ("/health/ready", "ready\n")] {
                let page = try await client.page(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.html == text)
                #expect(page.headers[.cacheControl] == "no-store")
                #expect(page.headers[.contentType] == "text/plain; charset=utf-8")
                let head = try await client.executeRequest(uri: path, method: .head, headers: [:], body: nil)
                #expect(head.status == .ok, "HEAD \(path)")
            }
        }
    }

    @Test("a node whose database is gone stays live but is not ready, and says why and when to ask again")
    func notReadyWithoutDatabase() async throws {
        try await SiteHarness.withBrokenDatabase { client in
            #expect(try await client.page("/health/live").status == .ok)
            let ready = try await client.page("/health/ready")
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.html.hasPrefix("not ready: the database does not answer"))
            #expect(ready.headers[.retryAfter] == "5")
            #expect(ready.headers[.cacheControl] == "no-store")
        }
    }

    @Test("a database that hangs makes the check fail after its timeout, not hang with it")
    func hangingDatabaseTimesOut() async throws {
        try await TestDatabase.with { real in
            let database = NewsDatabase(sql: HangingDatabase(like: real.sql), close: {})
            let started = ContinuousClock.now
            await #expect {
                try await database.ping(timeout: .milliseconds(200))
            } throws: { error in
                String(describing: error).contains("no answer within")
            }
            let waited = ContinuousClock.now - started
            #expect(waited >= .milliseconds(200))
            #expect(waited < .seconds(5), "the check waited \(waited)")
        }
    }
}

/// A database whose every statement waits until it is cancelled; it speaks the dialect of `like`.
private struct HangingDatabase: SQLDatabase {
    let like: any SQLDatabase
    var logger: Logger { like.logger }
    var eventLoop: any EventLoop { like.eventLoop }
    var dialect: any SQLDialect { like.dialect }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makePromise(of: Void.self).futureResult
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await Task.sleep(for: .seconds(3600))
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}
