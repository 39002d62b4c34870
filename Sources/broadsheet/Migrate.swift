import ArgumentParser
import BroadsheetStorage
import Foundation

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring the database's schema up to date, then exit.",
        discussion: "Runs the numbered migrations the database has not seen yet. `serve` does the same at start.")

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let logger = makeLogger()
        let path = ConfigurationSource().storage(storage).database
        do {
            let database = try await NewsDatabase.open(path, logger: logger)
            let migrator = Migrator(database: database, logger: logger)
            let applied = try await migrator.migrate()
            print("\(path): \(applied) migration(s) applied; schema at \(Migrator.latestNumber)")
            try await database.shutdown()
        } catch {
            fail("\(error)")
        }
    }
}
