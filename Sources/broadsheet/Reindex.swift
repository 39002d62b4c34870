import ArgumentParser
import BroadsheetStorage
import Foundation

struct Reindex: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the search index again from the articles, then exit.",
        discussion: """
            The index is kept up to date by every save, so this is for after a change to how text is folded or \
            stemmed, or to repair it. Safe while the server runs: each batch of articles is indexed in its own \
            transaction (searches meanwhile may miss the articles not yet indexed again).
            """)

    @OptionGroup var storage: StorageOptions

    @Flag(help: "Index only the articles that have no index row yet (after an upgrade, or an interrupted run).")
    var missing = false

    func run() async throws {
        let logger = makeLogger()
        let location = ConfigurationSource().storage(storage).database
        do {
            let database = try await NewsDatabase.open(location, logger: logger)
            try await Migrator(database: database, logger: logger).migrate()
            let started = ContinuousClock.now
            let progress: @Sendable (Int) -> Void = { done in
                if done % 10_000 == 0 { FileHandle.standardError.write(Data("reindex: \(done) articles\n".utf8)) }
            }
            let count =
                missing
                ? try await SearchIndex.catchUp(in: database, progress: progress)
                : try await SearchIndex.rebuild(in: database, progress: progress)
            print("\(location): \(count) articles indexed in \(ContinuousClock.now - started)")
            try await database.shutdown()
        } catch {
            fail("\(error)")
        }
    }
}
