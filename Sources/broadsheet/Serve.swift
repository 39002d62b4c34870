import ArgumentParser
import BroadsheetDemo
import BroadsheetDomain
import BroadsheetStorage
import BroadsheetWeb
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import NIOCore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the site.",
        discussion: """
            Migrates the database first. With --demo, an empty database is filled with the demo newspaper \
            (a database that already has content is kept and served as it is). Stops cleanly on SIGTERM or SIGINT. \
            A PostgreSQL server that cannot be reached yet is waited for (the port answers /health/ready with 503 \
            meanwhile); see docs/deployment.md for several servers on one database.
            """)

    @Option(help: "The address to listen on. [env: BROADSHEET_HOST] (default: 127.0.0.1)")
    var host: String?

    @Option(help: "The port to listen on. [env: BROADSHEET_PORT] (default: 8080)")
    var port: Int?

    @OptionGroup var storage: StorageOptions
    @OptionGroup var siteOptions: SiteOptions
    @OptionGroup var settingsOptions: SettingsOptions
    @OptionGroup var cacheOptions: CacheOptions

    @Flag(help: "Fill an empty database with the demo newspaper before serving.")
    var demo = false

    func run() async throws {
        limitMallocArenas()
        let source = ConfigurationSource()
        let logger = makeLogger()
        let listen: ListenAddress
        let site: SiteConfiguration
        let defaults: SettingsDefaults
        let caching: PublicCaching
        let metricsExposure: MetricsExposure
        let paths = source.storage(storage)
        do {
            let host = source.string(host, env: "BROADSHEET_HOST", default: "127.0.0.1")
            let port = try source.int(port, name: "port", env: "BROADSHEET_PORT", default: 8080, range: 1...65535)
            listen = ListenAddress(host: host, port: port)
            site = try source.site(siteOptions, photos: paths.photos, servedAt: "http://\(host):\(port)")
            defaults = try settingsOptions.defaults(source)
            caching = try cacheOptions.caching(source)
            metricsExposure = try cacheOptions.metricsExposure(source)
            if case .port(let metricsPort) = metricsExposure, metricsPort == port {
                throw ConfigurationError(key: "--metrics", problem: "port \(metricsPort) is the site's own; use \"site\"")
            }
        } catch {
            fail("\(error)")
        }
        let database = await openWhenReachable(paths.database, listen: listen, site: site, logger: logger)
        let app: any ApplicationProtocol
        do {
            app = try await buildApplication(
                listen: listen, site: site, database: database, defaults: defaults, caching: caching,
                metricsExposure: metricsExposure, logger: logger)
            if demo {
                let count = try await NewsroomWriter(database: database).articleCount()
                if count == 0 {
                    let report = try await DemoNewsroom(
                        database: database, editions: site.editions, timeZone: site.timeZone,
                        photoDirectory: paths.photos, logger: logger
                    ).seed()
                    logger.info("demo newspaper seeded: \(report)")
                } else {
                    logger.info("--demo: the database already has \(count) articles; keeping and serving them")
                }
            }
        } catch {
            fail("\(error)")
        }
        logger.info("serving \(site.publicBaseURL) (database \(paths.database), photos \(paths.photos))")
        do {
            try await app.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            fail("cannot listen on \(listen.host):\(listen.port): the port is already in use")
        } catch {
            fail("the server stopped: \(error)")
        }
        try? await database.shutdown()
        logger.info("stopped; database closed")
    }
}

/// Newsroom settings that configuration seeds into an empty database.
struct SettingsOptions: ParsableArguments {
    @Option(
        name: .customLong("ad-every"),
        help: "An advertisement slot after every N paragraphs; 0 for none. [env: BROADSHEET_AD_EVERY] (default: 4)")
    var adEvery: Int?

    @Option(
        name: .customLong("ad-slots-file"),
        help: "A JSON file of advertisement slots: [{\"name\": \"...\", \"html\": \"...\"}]. [env: BROADSHEET_AD_SLOTS_FILE] (default: none)"
    )
    var adSlotsFile: String?

    @Option(
        name: .customLong("support-url"),
        help: "Where \"Support us\" leads, in every edition. [env: BROADSHEET_SUPPORT_URL] (default: none, no support call)")
    var supportURL: String?

    func defaults(_ source: ConfigurationSource) throws -> SettingsDefaults {
        let every = try source.int(adEvery, name: "ad-every", env: "BROADSHEET_AD_EVERY", default: 4, range: 0...100)
        let slotsPath = source.string(adSlotsFile, env: "BROADSHEET_AD_SLOTS_FILE", default: "")
        var slots: [AdSlot] = []
        if !slotsPath.isEmpty {
            struct Slot: Decodable {
                let name: String
                let html: String
            }
            do {
                slots = try JSONDecoder().decode([Slot].self, from: Data(contentsOf: URL(fileURLWithPath: slotsPath)))
                    .map { AdSlot(name: $0.name, html: $0.html) }
            } catch {
                throw ConfigurationError(
                    key: "BROADSHEET_AD_SLOTS_FILE", problem: "\(slotsPath) is not a readable JSON list of {name, html}")
            }
        }
        let support = source.string(supportURL, env: "BROADSHEET_SUPPORT_URL", default: "")
        guard support.isEmpty || LinkPolicy.isAllowed(support) else {
            throw ConfigurationError(key: "BROADSHEET_SUPPORT_URL", problem: "\"\(support)\" is not an http(s) or site path")
        }
        return SettingsDefaults(adEvery: every, adSlots: slots, supportURL: support)
    }
}

/// glibc gives each thread that allocates its own arena (up to 8 per core), and memory freed in one is not
/// reused by another: with the page cache replacing pages from many threads, resident memory climbed to
/// 341 MB for a 123 MB cache at 100,000 articles. Two arenas keep freed memory in use.
private func limitMallocArenas() {
    #if canImport(Glibc)
    // mallopt is not in Swift's Glibc module (malloc.h is not part of it); M_ARENA_MAX is -8 in glibc's ABI.
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
    _ = unsafeBitCast(symbol, to: Mallopt.self)(-8, 2)
    #endif
}
