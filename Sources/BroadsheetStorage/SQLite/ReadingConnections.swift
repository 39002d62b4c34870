import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// The public site's reads on SQLite: connections of our own that keep their statements prepared and run
/// them on the caller's thread.
///
/// Why not sqlite-nio's connection, which the writes use: it parses and plans every statement again, sends
/// each one to a thread pool and each row back to an event loop (three thread switches per statement, and a
/// task per row), and its one reading connection serialises every reader. Uncached, those costs were about
/// half of an article page's time. The reads here are short, indexed and never wait for a writer (WAL), so
/// running them where the request already runs is cheaper than any hand-off.
///
/// A connection is taken from the free list for one statement and put back; a new one is opened when all are
/// busy, so there are never more than the threads reading at once.
public final class ReadingConnections: SQLDatabase {
    private let path: String
    private let readOnly: Bool
    private let free = Mutex<(idle: [ReadingConnection], closed: Bool)>(([], false))
    public let logger: Logger
    public let eventLoop: any EventLoop
    public var dialect: any SQLDialect { SQLiteDialect() }
    public var queryLogLevel: Logger.Level? { nil }
    private static let encoder = SQLiteDataEncoder()

    /// Opens the first connection at once, so that a path that cannot be read fails at start. `readOnly` opens
    /// the file read-only, and never creates it.
    public init(
        path: String, logger: Logger, eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any(),
        readOnly: Bool = false
    ) throws {
        self.path = path
        self.readOnly = readOnly
        self.logger = logger
        self.eventLoop = eventLoop
        let first = try ReadingConnection(path: path, busyTimeoutMilliseconds: 5000, readOnly: readOnly)
        free.withLock { $0.idle.append(first) }
    }

    /// Closes the idle connections now, and each busy one when its statement ends.
    public func close() {
        let idle = free.withLock { free in
            defer { free = ([], true) }
            return free.idle
        }
        for connection in idle { connection.close() }
    }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query, onRow)
    }

    public func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeCompletedFuture { try run(query, onRow) }
    }

    public func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws {
        let (sql, binds) = serialize(query)
        let values = try binds.map { try Self.encoder.encode($0) }
        let connection = try take()
        defer { give(back: connection) }
        try connection.run(sql, binds: values) { onRow($0) }
    }

    private func take() throws -> ReadingConnection {
        let (connection, closed) = free.withLock { ($0.idle.popLast(), $0.closed) }
        if closed { throw ReadingError(code: 21, message: "the database is closed", sql: nil) }
        if let connection { return connection }
        logger.debug("opening another reading connection", metadata: ["path": .string(path)])
        return try ReadingConnection(path: path, busyTimeoutMilliseconds: 5000, readOnly: readOnly)
    }

    private func give(back connection: ReadingConnection) {
        let closed = free.withLock { free in
            if !free.closed { free.idle.append(connection) }
            return free.closed
        }
        if closed { connection.close() }
    }
}
