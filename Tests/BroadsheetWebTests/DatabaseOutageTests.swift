import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import BroadsheetWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SQLKit
import Synchronization
import Testing

/// While the database is away: cached pages keep coming (even past their time), other pages say "back soon"
/// in the edition's language with a 503, and everything returns by itself when the database does.
@Suite("Database outage")
struct DatabaseOutageTests {
    @Test("cached pages are served through an outage, others get a 503 in the edition's language, then all recovers")
    func outage() async throws {
        try await TestDatabase.with { real in
            _ = try await NewsroomFixture.build(in: real)
            let switchable = SwitchableDatabase(real.sql)
            let database = NewsDatabase(sql: switchable, close: {})
            var logger = Logger(label: "broadsheet.test")
            logger.logLevel = .critical
            let clock = TestClock(NewsroomFixture.now)
            let app = try await buildApplication(
                site: SiteConfiguration(publicBaseURL: "https://news.example.com", photoDirectory: "/nonexistent"),
                database: database, logger: logger, clock: { clock.now })
            try await app.test(.router) { client in
                let home = try await client.page("/eng/")
                #expect(home.status == .ok)
                _ = try await client.page("/rus/")  // the Russian edition's menus are now at hand

                switchable.isDown = true
                let cached = try await client.page("/eng/")
                #expect(cached.status == .ok)
                #expect(cached.html == home.html)
                #expect(try await client.page("/health/ready").status == .serviceUnavailable)

                let russian = try await client.page("/rus/news/")
                #expect(russian.status == .serviceUnavailable)
                #expect(russian.html.contains("Сайт ненадолго недоступен"))
                #expect(russian.html.contains("<html lang=\"ru\""))
                #expect(russian.headers[.retryAfter] == "30")
                #expect(russian.headers[.cacheControl] == "no-store")
                let ukrainian = try await client.page("/news/")
                #expect(ukrainian.status == .serviceUnavailable)
                #expect(ukrainian.html.contains("Сайт ненадовго недоступний"))

                // A signed-in newsroom page needs the database to know who asks: "back in a moment" too.
                let newsroom = try await client.executeRequest(
                    uri: "/admin/", method: .get, headers: [.cookie: "broadsheet_session=\(RandomToken.make())"], body: nil)
                #expect(newsroom.status == .serviceUnavailable)
                #expect(newsroom.headers[.retryAfter] == "30")

                // An hour on, the home page is past its time, but with nothing newer to show it still comes.
                clock.advance(3_600)
                let stale = try await client.page("/eng/")
                #expect(stale.status == .ok)
                #expect(stale.html == home.html)

                switchable.isDown = false
                #expect(try await client.page("/rus/news/").status == .ok)
                #expect(try await client.page("/health/ready").status == .ok)
                let fresh = try await client.page("/eng/")
                #expect(fresh.status == .ok)
            }
        }
    }
}

/// A database that can be taken away and brought back: while down, every statement fails as an unreachable
/// PostgreSQL's would.
final class SwitchableDatabase: SQLDatabase, Sendable {
    private let base: any SQLDatabase
    private let down = Atomic<Bool>(false)

    init(_ base: any SQLDatabase) {
        self.base = base
    }

    var isDown: Bool {
        get { down.load(ordering: .relaxed) }
        set { down.store(newValue, ordering: .relaxed) }
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        guard !isDown else { return eventLoop.makeFailedFuture(DatabaseUnavailable(reason: "connection refused")) }
        return base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        guard !isDown else { throw DatabaseUnavailable(reason: "connection refused") }
        try await base.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        guard !isDown else { throw DatabaseUnavailable(reason: "connection refused") }
        return try await base.withSession(closure)
    }
}
