import BroadsheetStorage
import Logging

/// The one place tests get a database from: a fresh, private, migrated one per call, closed afterwards.
public enum TestDatabase {
    public static func with<T: Sendable>(
        migrated: Bool = true, _ body: @Sendable (NewsDatabase) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "broadsheet.test")
        logger.logLevel = .warning
        let database = try await NewsDatabase.inMemory(logger: logger)
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
