import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit
import Synchronization

/// An `SQLDatabase` over postgres-nio's connection pool: each statement leases a connection for itself, and a
/// session (a transaction) keeps one connection until it ends.
///
/// While the server is away the pool queues requests for a connection (for up to a minute, then fails them
/// at once until it connects again). A reader should not wait that long: a request that has no connection
/// within `leaseTimeout` fails with `DatabaseUnavailable`, as does one whose connection is lost; after that the
/// `breaker` fails the requests of the next second at once.
struct PostgresPool: SQLDatabase {
    let client: PostgresClient
    let logger: Logger
    let leaseTimeout: Duration
    let breaker: OutageBreaker

    var eventLoop: any EventLoop { PostgresClient.defaultEventLoopGroup.any() }
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var dialect: any SQLDialect { PostgresDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await withLease { connection in
            try await connection.sql(queryLogLevel: nil).execute(sql: query, onRow)
        }
    }

    func withSession<R: Sendable>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await withLease { connection in
            try await closure(connection.sql(queryLogLevel: nil))
        }
    }

    /// Runs `work` on a leased connection; waiting for the lease is bounded by `leaseTimeout`, the work is not.
    private func withLease<R: Sendable>(_ work: @escaping @Sendable (PostgresConnection) async throws -> R) async throws -> R {
        try breaker.check()
        do {
            let result = try await leasing(work)
            breaker.reset()
            return result
        } catch let error as DatabaseUnavailable {
            breaker.trip(error.reason)
            throw error
        }
    }

    private func leasing<R: Sendable>(_ work: @escaping @Sendable (PostgresConnection) async throws -> R) async throws -> R {
        let leased = Leased()
        do {
            return try await withThrowingTaskGroup(of: R?.self) { group in
                group.addTask {
                    try await client.withConnection { connection in
                        guard leased.take() else { throw CancellationError() }
                        return try await work(connection)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: leaseTimeout)
                    // Too late once the work holds its connection: then it runs to its end.
                    guard leased.refuse() else { return nil }
                    throw DatabaseUnavailable(reason: "no connection within \(leaseTimeout)")
                }
                while let result = try await group.next() {
                    if let result {
                        group.cancelAll()
                        return result
                    }
                }
                throw DatabaseUnavailable(reason: "no connection within \(leaseTimeout)")
            }
        } catch let error as DatabaseUnavailable {
            throw error
        } catch {
            if PostgresProblem.isUnavailability(error) {
                throw DatabaseUnavailable(reason: PostgresProblem.describe(error))
            }
            throw error
        }
    }
}

/// Decides the race between a lease and its deadline, once: whichever comes first wins.
private final class Leased: Sendable {
    private enum Outcome { case open, leased, refused }
    private let state = Mutex(Outcome.open)

    /// The lease arrived: true unless the deadline passed first.
    func take() -> Bool {
        state.withLock { outcome in
            if outcome == .open { outcome = .leased }
            return outcome == .leased
        }
    }

    /// The deadline passed: true unless the lease arrived first.
    func refuse() -> Bool {
        state.withLock { outcome in
            if outcome == .open { outcome = .refused }
            return outcome == .refused
        }
    }
}
