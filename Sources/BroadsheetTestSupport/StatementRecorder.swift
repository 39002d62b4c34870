import Logging
import NIOCore
import SQLKit
import Synchronization

/// One statement as the database received it: its SQL text with placeholders, and the values bound to them.
///
/// As an expression it is the same statement again, so a test can run it inside another
/// (`EXPLAIN QUERY PLAN \(statement)`) with the same binds.
public struct RecordedStatement: SQLExpression {
    public let sql: String
    public let binds: [any Encodable & Sendable]

    public init(sql: String, binds: [any Encodable & Sendable]) {
        self.sql = sql
        self.binds = binds
    }

    /// Whether it reads rather than writes or configures.
    public var isSelect: Bool {
        sql.drop(while: \.isWhitespace).prefix(6).uppercased() == "SELECT"
    }

    public func serialize(to serializer: inout SQLSerializer) {
        // The placeholders in `sql` are numbered from the first bind on (SQLite's `?1`), so it goes first.
        precondition(serializer.binds.isEmpty, "a recorded statement replays only at the start of a query")
        serializer.write(sql)
        serializer.binds.append(contentsOf: binds)
    }
}

/// A database that runs every statement on the one it wraps and remembers each, in order: the way tests see
/// which queries a call makes and how many.
public struct StatementRecorder: SQLDatabase {
    private let database: any SQLDatabase
    private let log: Log

    private final class Log: Sendable {
        let statements = Mutex<[RecordedStatement]>([])
    }

    public init(wrapping database: any SQLDatabase) {
        self.init(database: database, log: Log())
    }

    private init(database: any SQLDatabase, log: Log) {
        self.database = database
        self.log = log
    }

    /// Every statement executed so far, oldest first.
    public var statements: [RecordedStatement] {
        log.statements.withLock { $0 }
    }

    /// Forgets the statements recorded so far.
    public func reset() {
        log.statements.withLock { $0.removeAll() }
    }

    /// The statements executed while `body` runs: those it executes, when nothing else uses the recorder meanwhile.
    public func statements(during body: () async throws -> Void) async rethrows -> [RecordedStatement] {
        let start = log.statements.withLock { $0.count }
        try await body()
        return log.statements.withLock { Array($0.dropFirst(start)) }
    }

    private func record(_ query: any SQLExpression) {
        let (sql, binds) = serialize(query)
        log.statements.withLock { $0.append(RecordedStatement(sql: sql, binds: binds)) }
    }

    public var logger: Logger { database.logger }
    public var eventLoop: any EventLoop { database.eventLoop }
    public var version: (any SQLDatabaseReportedVersion)? { database.version }
    public var dialect: any SQLDialect { database.dialect }
    public var queryLogLevel: Logger.Level? { database.queryLogLevel }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        record(query)
        return database.execute(sql: query, onRow)
    }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        record(query)
        try await database.execute(sql: query, onRow)
    }

    /// A session of the wrapped database, recorded in the same log.
    public func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let log = self.log
        return try await database.withSession { session in
            try await closure(StatementRecorder(database: session, log: log))
        }
    }
}
