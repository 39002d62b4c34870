import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// An `SQLDatabase` over postgres-nio's connection pool: each statement leases a connection for itself, and a
/// session (a transaction) keeps one connection until it ends.
struct PostgresPool: SQLDatabase {
    let client: PostgresClient
    let logger: Logger

    var eventLoop: any EventLoop { PostgresClient.defaultEventLoopGroup.any() }
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var dialect: any SQLDialect { PostgresDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await client.withConnection { connection in
            try await connection.sql(queryLogLevel: nil).execute(sql: query, onRow)
        }
    }

    func withSession<R: Sendable>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await client.withConnection { connection in
            try await closure(connection.sql(queryLogLevel: nil))
        }
    }
}
