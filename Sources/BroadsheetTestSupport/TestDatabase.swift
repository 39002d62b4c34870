import BroadsheetStorage
import Foundation
import Logging

/// The one place tests get a database from: a fresh, private, migrated one per call, closed and removed
/// afterwards.
///
/// `with` runs its body once on each engine in `engines`: on SQLite always (a file, not memory: the real
/// database has reading and writing connections, and so do tests), and on PostgreSQL too when
/// `BROADSHEET_TEST_POSTGRES_URL` names a server, in a schema of its own, since tests run in parallel.
/// `BROADSHEET_TEST_ENGINES=sqlite` or `=postgresql` narrows a run to one engine, to time or debug it.
public enum TestDatabase {
    public static let postgresURL: String? = ProcessInfo.processInfo.environment["BROADSHEET_TEST_POSTGRES_URL"]
        .flatMap { $0.isEmpty ? nil : $0 }

    public static let engines: [DatabaseEngine] = {
        let available: [DatabaseEngine] = postgresURL == nil ? [.sqlite] : [.sqlite, .postgresql]
        guard let chosen = ProcessInfo.processInfo.environment["BROADSHEET_TEST_ENGINES"], !chosen.isEmpty else {
            return available
        }
        let named = chosen.split(separator: ",").compactMap { DatabaseEngine(rawValue: String($0)) }
        precondition(!named.isEmpty, "BROADSHEET_TEST_ENGINES=\(chosen): name sqlite, postgresql or both")
        precondition(
            named.allSatisfy(available.contains),
            "BROADSHEET_TEST_ENGINES=\(chosen) names postgresql, but BROADSHEET_TEST_POSTGRES_URL is not set")
        return named
    }()

    public static func with<T: Sendable>(
        migrated: Bool = true, on engines: [DatabaseEngine] = engines,
        _ body: @Sendable (NewsDatabase) async throws -> T
    ) async throws -> T {
        try await withNodes(1, migrated: migrated, on: engines) { try await body($0[0]) }
    }

    /// Like `with`, but `count` handles on one database, as `count` servers would hold: their own
    /// connections, their own page cache listeners. Only the first is migrated.
    public static func withNodes<T: Sendable>(
        _ count: Int, migrated: Bool = true, on engines: [DatabaseEngine] = engines,
        _ body: @Sendable ([NewsDatabase]) async throws -> T
    ) async throws -> T {
        var result: T?
        for engine in engines {
            do {
                result = try await withNodes(count, engine, migrated: migrated, body)
            } catch {
                throw OnEngine(engine: engine, error: error)
            }
        }
        return result!
    }

    /// An error raised while the body ran on `engine`: says which, since the body runs on each.
    public struct OnEngine: Error, CustomStringConvertible {
        public let engine: DatabaseEngine
        public let error: any Error
        public var description: String { "on \(engine.rawValue): \(String(reflecting: error))" }
    }

    private static func withNodes<T: Sendable>(
        _ count: Int, _ engine: DatabaseEngine, migrated: Bool, _ body: @Sendable ([NewsDatabase]) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "broadsheet.test")
        logger.logLevel = .warning
        let location: DatabaseLocation
        let cleanUp: @Sendable () async -> Void
        switch engine {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-test-\(UUID().uuidString)")
            location = .sqliteFile(folder.appendingPathComponent("test.sqlite").path)
            cleanUp = { try? FileManager.default.removeItem(at: folder) }
        case .postgresql:
            let schema = try await PostgresSchemas.shared.create()
            var settings = try PostgresSettings(url: postgresURL!)
            settings.schema = schema
            settings.maximumConnections = 4
            location = .postgres(settings)
            cleanUp = { await PostgresSchemas.shared.drop(schema) }
        }
        var nodes: [NewsDatabase] = []
        func closeAll() async {
            for node in nodes { try? await node.shutdown() }
            await cleanUp()
        }
        do {
            for _ in 0..<count { nodes.append(try await NewsDatabase.open(location, logger: logger)) }
            if migrated {
                try await Migrator(database: nodes[0], logger: logger).migrate()
            }
            let result = try await body(nodes)
            for node in nodes { try await node.shutdown() }
            nodes = []
            await cleanUp()
            return result
        } catch {
            await closeAll()
            throw error
        }
    }
}

/// Makes and removes the tests' PostgreSQL schemas, through one small pool kept for the whole run.
actor PostgresSchemas {
    static let shared = PostgresSchemas()

    private var admin: NewsDatabase?

    private func database() throws -> NewsDatabase {
        if let admin { return admin }
        var settings = try PostgresSettings(url: TestDatabase.postgresURL!)
        settings.maximumConnections = 2
        var logger = Logger(label: "broadsheet.test-schemas")
        logger.logLevel = .warning
        let made = try NewsDatabase.postgres(settings, logger: logger)
        admin = made
        return made
    }

    func create() async throws -> String {
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try database()
        try await bounded("creating test schema \(name)") {
            try await admin.sql.raw("CREATE SCHEMA \(unsafeRaw: name)").run()
        }
        return name
    }

    func drop(_ name: String) async {
        guard let admin = try? database() else { return }
        try? await bounded("dropping test schema \(name)") {
            try await admin.sql.raw("DROP SCHEMA \(unsafeRaw: name) CASCADE").run()
        }
    }

    /// How long one statement of the admin may take: its pool bounds the wait for a connection, not the
    /// statement, and a test that waits for good hangs the whole run instead of failing. Generous, since the
    /// suite loads two cores.
    private static let patience = Duration.seconds(60)

    private func bounded(_ what: String, _ statement: @escaping @Sendable () async throws -> Void) async throws {
        try await Deadline.race(within: Self.patience, expired: { Stalled(what: what) }) { _ in try await statement() }
    }

    /// A statement of the schema admin that had no answer in time.
    struct Stalled: Error, CustomStringConvertible {
        let what: String
        var description: String { "\(what): no answer from PostgreSQL within \(PostgresSchemas.patience)" }
    }
}
