import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// The newsroom's database: one SQLKit handle that every query goes through, whichever engine is behind it.
public struct NewsDatabase: Sendable {
    public let sql: any SQLDatabase
    private let close: @Sendable () async throws -> Void

    public init(sql: any SQLDatabase, close: @escaping @Sendable () async throws -> Void) {
        self.sql = sql
        self.close = close
    }

    public enum OpenError: Error, CustomStringConvertible {
        case cannotOpen(path: String, reason: String)

        public var description: String {
            switch self {
            case .cannotOpen(let path, let reason): "cannot open the database at \(path): \(reason)"
            }
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
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch {
            throw OpenError.cannotOpen(path: path, reason: String(describing: error))
        }
        let database = try await configure(connection, logger: logger)
        // WAL lets readers go on while the newsroom writes; it only exists for files.
        _ = try await database.sql.raw("PRAGMA journal_mode=WAL").all()
        _ = try await database.sql.raw("PRAGMA synchronous=NORMAL").all()
        return database
    }

    /// A private in-memory SQLite database, for tests.
    public static func inMemory(logger: Logger = Logger(label: "broadsheet.test-db")) async throws -> NewsDatabase {
        let connection = try await SQLiteConnection.open(storage: .memory, logger: logger)
        return try await configure(connection, logger: logger)
    }

    private static func configure(_ connection: SQLiteConnection, logger: Logger) async throws -> NewsDatabase {
        let sql = connection.sql(queryLogLevel: nil)
        _ = try await sql.raw("PRAGMA foreign_keys=ON").all()
        _ = try await sql.raw("PRAGMA busy_timeout=5000").all()
        return NewsDatabase(sql: sql, close: { try await connection.close() })
    }

    public func shutdown() async throws {
        try await close()
    }

    /// Runs `body` inside one transaction on one session, rolling back when it throws.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await sql.withSession { session in
            try await session.raw("BEGIN").run()
            do {
                let result = try await body(session)
                try await session.raw("COMMIT").run()
                return result
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}
