import ArgumentParser
import BroadsheetDemo
import BroadsheetStorage
import BroadsheetWeb
import Foundation

struct SeedDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-demo",
        abstract: "Fill an empty database with the demo newspaper.",
        discussion: "Refuses a database that already holds articles (exit status 1): it never mixes demo and real news.")

    @OptionGroup var storage: StorageOptions
    @OptionGroup var siteOptions: SiteOptions

    func run() async throws {
        let logger = makeLogger()
        let source = ConfigurationSource()
        let paths = source.storage(storage)
        do {
            let site = try source.site(siteOptions, photos: paths.photos, servedAt: "http://127.0.0.1:8080")
            let database = try await NewsDatabase.open(paths.database, logger: logger)
            try await prepareDatabase(database, site: site, defaults: SettingsDefaults(), logger: logger)
            let count = try await NewsroomWriter(database: database).articleCount()
            guard count == 0 else {
                try? await database.shutdown()
                fail("\(paths.database) already holds \(count) articles; seed-demo only fills an empty database")
            }
            let report: DemoNewsroom.Report
            do {
                report = try await DemoNewsroom(
                    database: database, editions: site.editions, timeZone: site.timeZone, photoDirectory: paths.photos,
                    logger: logger
                ).seed()
            } catch {
                try? await database.shutdown()
                throw error
            }
            print("demo newspaper seeded into \(paths.database): \(report)")
            try await database.shutdown()
        } catch {
            fail("\(error)")
        }
    }
}
