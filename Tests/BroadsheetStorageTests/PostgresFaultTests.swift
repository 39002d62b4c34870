@testable import BroadsheetStorage
import Foundation
import Logging
import SQLKit
import Testing

/// PostgreSQL that cannot be reached: plain words, and no reader waits longer than the configured timeout.
/// These need no server: they point at a port where none listens.
@Suite("PostgreSQL out of reach")
struct PostgresFaultTests {
    static func closedPort() throws -> Int {
        // A port just bound and released: nothing listens there.
        let socket = try ServerSocketProbe()
        return socket.port
    }

    @Test("opening says which server could not be reached, and why, without the password")
    func openingSaysWhy() async throws {
        let url = "postgres://broadsheet:secret@127.0.0.1:\(try Self.closedPort())/news"
        await #expect {
            _ = try await NewsDatabase.open(try DatabaseLocation(url), logger: Logger(label: "test"))
        } throws: { error in
            let text = String(describing: error)
            return text.contains("cannot reach PostgreSQL at postgres://broadsheet:***@127.0.0.1:")
                && text.contains("connection refused") && !text.contains("secret")
                && (error as? NewsDatabase.OpenError)?.mayPassByItself == true
        }
    }

    @Test("a statement while the server is away fails as unavailable within the timeout, not a minute later")
    func statementsFailFast() async throws {
        var settings = try PostgresSettings(url: "postgres://broadsheet@127.0.0.1:\(try Self.closedPort())/news")
        settings.connectTimeout = .seconds(1)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let database = try NewsDatabase.postgres(settings, logger: logger)
        let started = ContinuousClock.now
        await #expect(throws: DatabaseUnavailable.self) {
            try await database.sql.raw("SELECT 1 AS one").run()
        }
        // One second asked for; the bound is loose because the suite runs in parallel on two cores (it took 15.9 s
        // once, while the image tests held both). Without the lease timeout the pool would hold the request for a
        // minute, until its circuit breaker trips: half of that still tells the two apart.
        #expect(ContinuousClock.now - started < .seconds(30))
        // The requests of the next second do not wait again: they fail at once, and say so.
        await #expect {
            try await database.sql.raw("SELECT 1 AS one").run()
        } throws: { error in
            String(describing: error).contains("not tried again for")
        }
        try await Task.sleep(for: .milliseconds(1_100))
        await #expect {
            try await database.sql.raw("SELECT 1 AS one").run()
        } throws: { error in
            error is DatabaseUnavailable && !String(describing: error).contains("not tried again for")
        }
        await #expect(throws: (any Error).self) { try await database.ping(timeout: .seconds(2)) }
        try await database.shutdown()
    }

    @Test("a URL that is not one says what a good one looks like")
    func badURLs() {
        for (url, words) in [
            ("postgres://127.0.0.1/news", "names no user"),
            ("postgres://u@db", "names no database"),
            ("postgres://u@db/news?sslmode=sometimes", "sslmode=sometimes is not one of"),
        ] {
            #expect(throws: PostgresSettings.Invalid.self) { try PostgresSettings(url: url) }
            do {
                _ = try PostgresSettings(url: url)
            } catch {
                #expect(String(describing: error).contains(words), "\(url): \(error)")
            }
        }
        let settings = try? PostgresSettings(url: "postgresql://news%20desk:p%40ss@db.internal:6432/paper?sslmode=require")
        #expect(settings?.user == "news desk")
        #expect(settings?.password == "p@ss")
        #expect(settings?.port == 6432)
        #expect(settings?.redactedURL == "postgres://news desk:***@db.internal:6432/paper")
        if case .sqliteFile(let path) = try? DatabaseLocation("data/news.sqlite") {
            #expect(path == "data/news.sqlite")
        } else {
            Issue.record("a path is an SQLite file")
        }
    }
}

/// Binds a loopback TCP port and releases it at once.
private struct ServerSocketProbe {
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        port = Int(UInt16(bigEndian: address.sin_port))
    }
}
