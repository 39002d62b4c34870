import BroadsheetStorage
import Foundation
import Logging


/// The one place tests get a database from: a fresh, private, migrated one per call, closed and removed
/// afterwards. A file, not memory: the real database has a reader and a writer connection, and so do tests.
public enum TestDatabase {
    public static func with<T: Sendable>(
        migrated: Bool = true, _ body: @Sendable (NewsDatabase) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "broadsheet.test")
        logger.logLevel = .warning
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try await NewsDatabase.sqlite(path: folder.appendingPathComponent("test.sqlite").path, logger: logger)
        do {
            if migrated {
                try await Migrator(database: database, logger: logger).migrate()
            }
            let result = try await body(database)
            try await database.shutdown()
            return result
        } catch {
            try? await database.shutdown()
            throw error
        }
    }
}
