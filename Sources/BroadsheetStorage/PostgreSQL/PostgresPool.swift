import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

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
        let timeout = leaseTimeout
        do {
            return try await Deadline.race(
                within: timeout, expired: { DatabaseUnavailable(reason: "no connection within \(timeout)") }
            ) { claim in
                try await client.withConnection { connection in
                    // Too late once the deadline has passed: the connection goes straight back to the pool.
                    guard claim() else { throw CancellationError() }
                    return try await work(connection)
                }
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
