import ArgumentParser
import BroadsheetDemo
import BroadsheetStorage
import BroadsheetWeb
import Foundation

struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill an empty database with a large generated newsroom, for benchmarks.",
        discussion: """
            Writes the demo's stories many times over, twenty minutes apart going back in time, in every edition \
            (translations of each other), with 7 sections, 360 tags and 24 authors per edition and generated photos. \
            Refuses a database that holds articles.
            """)

    @Option(help: "How many articles to write.") var articles = 100_000
    @OptionGroup var storage: StorageOptions
    @OptionGroup var siteOptions: SiteOptions

    func run() async throws {
        let logger = makeLogger()
        let source = ConfigurationSource()
        let paths = source.storage(storage)
        guard articles > 0, articles <= 10_000_000 else { fail("--articles must be between 1 and 10,000,000") }
        do {
            let site = try source.site(siteOptions, photos: paths.photos, servedAt: "http://127.0.0.1:8080")
            let database = try await NewsDatabase.open(paths.database, logger: logger)
            try await prepareDatabase(database, site: site, defaults: SettingsDefaults(), logger: logger)
            let count = try await NewsroomWriter(database: database).articleCount()
            guard count == 0 else {
                try? await database.shutdown()
                fail("\(paths.database) already holds \(count) articles; generate only fills an empty database")
            }
            let start = ContinuousClock.now
            let written: Int
            do {
                written = try await BulkNewsroom(
                    database: database, editions: site.editions, timeZone: site.timeZone, photoDirectory: paths.photos,
                    logger: logger
                ).generate(articles: articles)
            } catch {
                try? await database.shutdown()
                throw error
            }
            let seconds = (ContinuousClock.now - start).components
            let elapsed = Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18
            print("generated \(written) articles into \(paths.database) in \(String(format: "%.1f", elapsed)) s")
            try await database.shutdown()
        } catch {
            fail("\(error)")
        }
    }
}
