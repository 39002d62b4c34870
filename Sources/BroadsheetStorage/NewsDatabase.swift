import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// The newsroom's database, whichever engine is behind it: `sql` for single statements (reads, and writes
/// that stand alone), `reads` for the public site's statements, which only read, and `transaction` for work
/// that must commit or roll back as one.
///
/// On SQLite these are separate connections to one file: a transaction holds the writer connection alone
/// (transactions queue for it), so no other request's statement can slip into it or see it half done;
/// in WAL mode the other connections go on reading the last committed state meanwhile. On PostgreSQL all three
/// are one connection pool, and a transaction keeps one of its connections until it ends.
public struct NewsDatabase: Sendable {
    public let sql: any SQLDatabase
    /// Statements that only read; on an SQLite file, `ReadingConnections`.
    public let reads: any SQLDatabase
    private let writer: any SQLDatabase
    private let writerGate: SerialGate
    private let close: @Sendable () async throws -> Void
    public let engine: DatabaseEngine
    /// Announces committed changes to the public site (the page cache listens).
    public let changes: SiteChanges
    /// On PostgreSQL, what carries `changes` between nodes.
    let relay: ChangeRelay?

    public init(sql: any SQLDatabase, close: @escaping @Sendable () async throws -> Void) {
        self.init(sql: sql, reads: sql, writer: sql, close: close)
    }

    init(
        sql: any SQLDatabase, reads: any SQLDatabase, writer: any SQLDatabase, changes: SiteChanges = SiteChanges(),
        relay: ChangeRelay? = nil, close: @escaping @Sendable () async throws -> Void
    ) {
        self.changes = changes
        self.relay = relay
        self.sql = sql
        self.reads = reads
        self.writer = writer
        self.engine = DatabaseEngine(sql)
        self.writerGate = SerialGate()
        self.close = close
    }

    /// Opens the database `location` names: an SQLite file, or a PostgreSQL server.
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> NewsDatabase {
        switch location {
        case .sqliteFile(let path):
            return try await sqlite(path: path, logger: logger)
        case .postgres(let settings):
            try await PostgresProblem.probe(settings, logger: logger)
            return try postgres(settings, logger: logger)
        }
    }

    public enum OpenError: Error, CustomStringConvertible {
        case cannotOpen(path: String, reason: String)
        /// `transient`: the server could not be reached or is starting (trying later may help), as opposed to
        /// a refusal to fix first (a wrong password, no such database, no TLS).
        case unreachable(url: String, reason: String, transient: Bool)

        public var description: String {
            switch self {
            case .cannotOpen(let path, let reason): "cannot open the database at \(path): \(reason)"
            case .unreachable(let url, let reason, _): "cannot reach PostgreSQL at \(url): \(reason)"
            }
        }

        /// Whether trying again later may help (a server not up yet), rather than a mistake to fix first.
        public var mayPassByItself: Bool {
            guard case .unreachable(_, _, let transient) = self else { return false }
            return transient
        }
    }

    /// Opens (creating if needed) an SQLite file in WAL mode with foreign keys enforced.
    public static func sqlite(path: String, logger: Logger) async throws -> NewsDatabase {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OpenError.cannotOpen(path: path, reason: "cannot create the folder \(directory)")
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw OpenError.cannotOpen(path: path, reason: "the folder \(directory) is not writable")
        }
        // SQLite calls block their thread, and a statement waiting for the write lock sleeps in it (busy
        // timeout). With the shared pool (one thread per core) two such sleepers would leave no thread for
        // the transaction they wait on: the database gets threads of its own.
        let pool = NIOThreadPool(numberOfThreads: 8)
        pool.start()
        let reader: SQLiteConnection
        let writer: SQLiteConnection
        do {
            let loop = MultiThreadedEventLoopGroup.singleton.any()
            writer = try await SQLiteConnection.open(storage: .file(path: path), threadPool: pool, logger: logger, on: loop)
            reader = try await SQLiteConnection.open(storage: .file(path: path), threadPool: pool, logger: logger, on: loop)
        } catch {
            try? await pool.shutdownGracefully()
            throw OpenError.cannotOpen(path: path, reason: String(describing: error))
        }
        // WAL lets the reader go on while the writer writes; it is a property of the file, set once.
        _ = try await writer.sql(queryLogLevel: nil).raw("PRAGMA journal_mode=WAL").all()
        let readerSQL = try await configure(reader)
        let writerSQL = try await configure(writer)
        let reading: ReadingConnections
        do {
            reading = try ReadingConnections(path: path, logger: logger)
        } catch {
            try? await reader.close()
            try? await writer.close()
            try? await pool.shutdownGracefully()
            throw OpenError.cannotOpen(path: path, reason: String(describing: error))
        }
        return NewsDatabase(
            sql: TalliedDatabase(base: readerSQL), reads: TalliedDatabase(base: reading), writer: writerSQL,
            close: {
                reading.close()
                try await reader.close()
                try await writer.close()
                try await pool.shutdownGracefully()
            })
    }

    /// A private in-memory SQLite database on one connection, for tests that need no concurrency.
    public static func inMemory(logger: Logger = Logger(label: "broadsheet.test-db")) async throws -> NewsDatabase {
        let connection = try await SQLiteConnection.open(storage: .memory, logger: logger)
        let sql = try await configure(connection)
        return NewsDatabase(sql: TalliedDatabase(base: sql), close: { try await connection.close() })
    }

    private static func configure(_ connection: SQLiteConnection) async throws -> any SQLDatabase {
        let sql = connection.sql(queryLogLevel: nil)
        _ = try await sql.raw("PRAGMA foreign_keys=ON").all()
        // A writer waits this long for another connection's write to finish before giving up.
        _ = try await sql.raw("PRAGMA busy_timeout=5000").all()
        _ = try await sql.raw("PRAGMA synchronous=NORMAL").all()
        return sql
    }

    /// Refreshes the query planner's statistics, so that it picks the right index (without them SQLite chose
    /// `articles_due` over the translation-group index and read every published row: 151 ms against 0.08 ms
    /// at 100,000 articles). Cheap when nothing changed; run at start and after bulk loads.
    public func optimise() async throws {
        guard sql.dialect.name == "sqlite" else { return }
        _ = try await sql.raw("PRAGMA optimize=0x10002").all()
    }

    /// Throws unless both the connections for single statements and the reading ones answer `SELECT 1`
    /// within `timeout`, and on PostgreSQL the node hears the others' changes (the readiness check). A database that hangs is not waited for beyond `timeout`.
    public func ping(timeout: Duration) async throws {
        try await Deadline.race(within: timeout, expired: { PingTimeout(timeout: timeout) }) { _ in
            for database in [sql, reads] { _ = try await database.raw("SELECT 1 AS one").first() }
            if let relay, !relay.isListening {
                // Without it this node would keep showing pages that other nodes changed.
                throw DatabaseUnavailable(reason: "not yet listening for other nodes' changes")
            }
        }
    }

    struct PingTimeout: Error, CustomStringConvertible {
        let timeout: Duration
        var description: String { "no answer within \(timeout)" }
    }

    public func shutdown() async throws {
        try await close()
    }

    /// Runs `body` inside one transaction on the writer connection, rolling back when it throws.
    /// Transactions wait for each other; single statements on `sql` do not wait for them.
    public func transaction<T: Sendable>(
        _ isolation: TransactionIsolation = .serializable, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        await writerGate.enter()
        do {
            let engine = self.engine
            let result = try await writer.withSession { session in
                var attempt = 1
                while true {
                    do {
                        try await session.raw(SQLQueryString(engine.beginTransaction(isolation))).run()
                        let result = try await body(session)
                        try await session.raw("COMMIT").run()
                        return result
                    } catch {
                        try? await session.raw("ROLLBACK").run()
                        // Another node's transaction won a race (PostgreSQL only): run this one again on the
                        // state that one left, up to 8 times, each after a short random pause that grows.
                        guard DatabaseEngine.isSerializationFailure(error), attempt < 8 else { throw error }
                        attempt += 1
                        try await Task.sleep(for: .milliseconds(Int.random(in: 5...(20 * attempt))))
                    }
                }
            }
            await writerGate.leave()
            return result
        } catch {
            await writerGate.leave()
            throw error
        }
    }
}

/// Lets one task through at a time, in arrival order: the writer connection's queue.
actor SerialGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
