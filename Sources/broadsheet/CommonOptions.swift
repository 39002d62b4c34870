import ArgumentParser
import BroadsheetDomain
import BroadsheetStorage
import BroadsheetWeb
import Foundation
import Logging

/// Options every command that opens the newsroom shares.
struct StorageOptions: ParsableArguments {
    @Option(
        name: .long,
        help: """
            The SQLite database file, or a PostgreSQL server as postgres://USER:PASSWORD@HOST:PORT/DATABASE \
            (?sslmode=disable|prefer|require). [env: BROADSHEET_DATABASE] (default: data/broadsheet.sqlite)
            """)
    var database: String?

    @Option(
        name: .customLong("database-pool"),
        help: "PostgreSQL: connections this node may open. [env: BROADSHEET_DATABASE_POOL] (default: 20)")
    var databasePool: Int?

    @Option(
        name: .customLong("database-timeout"),
        help: "PostgreSQL: seconds to wait for a new connection. [env: BROADSHEET_DATABASE_TIMEOUT] (default: 5)")
    var databaseTimeout: Int?

    @Option(name: .long, help: "The folder of the photo store. [env: BROADSHEET_PHOTOS] (default: data/photos)")
    var photos: String?
}

/// The database and the photo folder a command works on.
struct StoragePlaces {
    let database: DatabaseLocation
    let photos: String

    /// The SQLite file, or else the end of the command with `refusal`: for commands that work on files.
    func sqliteFile(orFail refusal: String) -> String {
        guard case .sqliteFile(let path) = database else { fail(refusal) }
        return path
    }
}

/// Options that shape the site.
struct SiteOptions: ParsableArguments {
    @Option(
        name: .customLong("public-url"),
        help: "The public base URL for absolute links, e.g. https://news.example.com. [env: BROADSHEET_PUBLIC_URL] (default: the address served)"
    )
    var publicURL: String?

    @Option(name: .customLong("site-name"), help: "The paper's name. [env: BROADSHEET_SITE_NAME] (default: Broadsheet)")
    var siteName: String?

    @Option(
        help: "The editions, as CODE:PREFIX:NAME:LOCALE separated by commas; one has an empty prefix. [env: BROADSHEET_EDITIONS] (default: uk::Українська:uk_UA,ru:rus:Русский:ru_RU,en:eng:English:en_GB)"
    )
    var editions: String?

    @Option(
        name: .customLong("time-zone"),
        help: "The newsroom's time zone: dates on pages and in article URLs. [env: BROADSHEET_TIME_ZONE] (default: Europe/Kyiv)")
    var timeZone: String?

    @Option(
        name: .customLong("session-idle-minutes"),
        help: "A newsroom session unused for this many minutes ends. [env: BROADSHEET_SESSION_IDLE_MINUTES] (default: 720)")
    var sessionIdleMinutes: Int?
}

/// A configuration problem: one line that names the key and says what is wrong.
struct ConfigurationError: Error, CustomStringConvertible {
    let key: String
    let problem: String
    var description: String { "\(key): \(problem)" }
}

/// Reads configuration: command line over environment over defaults.
struct ConfigurationSource {
    let environment: [String: String]

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    func string(_ flag: String?, env: String, default value: String) -> String {
        flag ?? environment[env].flatMap { $0.isEmpty ? nil : $0 } ?? value
    }

    func int(_ flag: Int?, name: String, env: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        if let flag {
            guard range.contains(flag) else {
                throw ConfigurationError(key: "--\(name)", problem: "\(flag) is outside \(range)")
            }
            return flag
        }
        guard let text = environment[env], !text.isEmpty else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw ConfigurationError(key: env, problem: "\"\(text)\" is not a whole number in \(range)")
        }
        return number
    }

    /// Where the newsroom is stored; a configuration mistake ends the command with one line.
    func storage(_ options: StorageOptions) -> StoragePlaces {
        do {
            let text = string(options.database, env: "BROADSHEET_DATABASE", default: "data/broadsheet.sqlite")
            var location: DatabaseLocation
            do {
                location = try DatabaseLocation(text)
            } catch {
                throw ConfigurationError(key: "BROADSHEET_DATABASE", problem: "\(error)")
            }
            if case .postgres(var settings) = location {
                settings.maximumConnections = try int(
                    options.databasePool, name: "database-pool", env: "BROADSHEET_DATABASE_POOL", default: 20,
                    range: 1...1_000)
                settings.connectTimeout = .seconds(
                    try int(
                        options.databaseTimeout, name: "database-timeout", env: "BROADSHEET_DATABASE_TIMEOUT", default: 5,
                        range: 1...300))
                location = .postgres(settings)
            }
            return StoragePlaces(
                database: location, photos: string(options.photos, env: "BROADSHEET_PHOTOS", default: "data/photos"))
        } catch {
            fail("\(error)")
        }
    }

    /// The editions: `--editions`, else BROADSHEET_EDITIONS, else Ukrainian, Russian and English.
    func editions(_ flag: String?) throws -> Editions {
        let text = string(
            flag, env: "BROADSHEET_EDITIONS", default: "uk::Українська:uk_UA,ru:rus:Русский:ru_RU,en:eng:English:en_GB")
        do {
            return try Editions(parsing: text)
        } catch {
            throw ConfigurationError(key: "BROADSHEET_EDITIONS", problem: error.description)
        }
    }

    func site(_ options: SiteOptions, photos: String, servedAt address: String) throws -> SiteConfiguration {
        let editions = try editions(options.editions)
        let zoneName = string(options.timeZone, env: "BROADSHEET_TIME_ZONE", default: "Europe/Kyiv")
        guard let zone = TimeZone(identifier: zoneName) else {
            throw ConfigurationError(key: "BROADSHEET_TIME_ZONE", problem: "\"\(zoneName)\" is not a known time zone")
        }
        let publicURL = string(options.publicURL, env: "BROADSHEET_PUBLIC_URL", default: address)
        guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
            url.query == nil
        else {
            throw ConfigurationError(
                key: "BROADSHEET_PUBLIC_URL", problem: "\"\(publicURL)\" is not an http(s) URL like https://news.example.com")
        }
        let idle = try int(
            options.sessionIdleMinutes, name: "session-idle-minutes", env: "BROADSHEET_SESSION_IDLE_MINUTES",
            default: 720, range: 5...43_200)
        let cost = try int(nil, name: "", env: "BROADSHEET_PASSWORD_COST", default: 11, range: 10...15)
        let uploadMB = try int(nil, name: "", env: "BROADSHEET_MAX_UPLOAD_MB", default: 10, range: 1...200)
        return SiteConfiguration(
            siteName: string(options.siteName, env: "BROADSHEET_SITE_NAME", default: "Broadsheet"),
            publicBaseURL: publicURL, editions: editions, timeZone: zone, photoDirectory: photos,
            sessionIdleTimeout: TimeInterval(idle * 60), passwordCost: UInt8(cost),
            maxUploadBytes: uploadMB * 1_048_576)
    }
}

/// Prints one line to standard error and exits with status 1: never a stack trace.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("broadsheet: \(message)\n".utf8))
    exit(1)
}

func makeLogger(_ label: String = "broadsheet") -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    return logger
}
