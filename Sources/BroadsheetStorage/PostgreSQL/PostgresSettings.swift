import Foundation
import NIOSSL
import PostgresNIO

/// Where a PostgreSQL newsroom lives and how many connections a node may hold to it.
public struct PostgresSettings: Sendable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// `disable`, `prefer` (TLS when the server offers it) or `require`, as in libpq's `sslmode`.
    public var tlsMode: String
    /// Connections this node may open; several nodes together must stay under the server's `max_connections`.
    public var maximumConnections: Int = 20
    /// How long opening one connection may take before it counts as failed.
    public var connectTimeout: Duration = .seconds(5)
    /// A schema to work in instead of `public` (tests give each test its own).
    public var schema: String?

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads `postgres://user:password@host:port/database?sslmode=disable|prefer|require`.
    public init(url text: String) throws {
        let example = "postgres://broadsheet:secret@db.internal:5432/broadsheet"
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? "") else {
            throw Invalid(description: "\"\(Self.hidingPassword(text))\" is not a PostgreSQL URL like \(example)")
        }
        guard let user = url.user, !user.isEmpty else {
            throw Invalid(description: "the PostgreSQL URL names no user: write it like \(example)")
        }
        guard let host = url.host, !host.isEmpty else {
            throw Invalid(description: "the PostgreSQL URL names no host: write it like \(example)")
        }
        let database = String(url.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw Invalid(description: "the PostgreSQL URL names no database after the host: write it like \(example)")
        }
        let mode = url.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
        guard ["disable", "prefer", "require"].contains(mode) else {
            throw Invalid(description: "sslmode=\(mode) is not one of disable, prefer, require")
        }
        self.host = host
        self.port = url.port ?? 5432
        self.user = url.user?.removingPercentEncoding ?? user
        self.password = url.password?.removingPercentEncoding
        self.database = database.removingPercentEncoding ?? database
        self.tlsMode = mode
    }

    /// The URL with its password replaced by `***`, for messages and logs.
    public var redactedURL: String {
        "postgres://\(user)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)"
    }

    static func hidingPassword(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "***"
        return url.string ?? text
    }

    /// For a single connection outside the pool: the start-up probe, the change listener.
    func connectionConfiguration(applicationName: String) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS =
            switch tlsMode {
            case "disable": .disable
            case "require": .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .init(connectTimeout)
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        return configuration
    }

    func clientConfiguration() throws -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch tlsMode {
            case "disable": .disable
            case "require": .require(.makeClientConfiguration())
            default: .prefer(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = connectTimeout
        configuration.options.additionalStartupParameters = [("application_name", "broadsheet")]
        if let schema {
            configuration.options.additionalStartupParameters.append(("search_path", schema))
        }
        return configuration
    }
}

/// Which database a `--database` value names: a `postgres://` URL, or else an SQLite file's path.
public enum DatabaseLocation: Sendable, CustomStringConvertible {
    case sqliteFile(String)
    case postgres(PostgresSettings)

    public init(_ text: String) throws {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(try PostgresSettings(url: text))
        } else {
            self = .sqliteFile(text)
        }
    }

    public var description: String {
        switch self {
        case .sqliteFile(let path): path
        case .postgres(let settings): settings.redactedURL
        }
    }
}
