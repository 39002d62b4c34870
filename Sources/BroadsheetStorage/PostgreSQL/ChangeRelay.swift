import BroadsheetDomain
import Foundation
import Logging
import NIOCore
import PostgresNIO
import SQLKit
import Synchronization

/// Carries the newsroom's changes between nodes through PostgreSQL's LISTEN/NOTIFY, so that a change made on
/// any node empties the cached pages it touches on every node.
///
/// Each announcement goes out as `pg_notify` through the pool, after the change committed. Each node listens on
/// a connection of its own, outside the pool (a pooled connection would be handed to other work). A node whose
/// listening connection drops connects again with a growing pause; notifications sent meanwhile are lost, so it
/// then forgets every cached page. A watchdog asks the listening connection a question now and then, so that a
/// connection that died without a word is noticed too.
final class ChangeRelay: Sendable {
    /// Newsrooms in one database but different schemas (tests) must not hear each other: the schema is part
    /// of the channel's name.
    let channel: String
    /// NOTIFY's payload must stay under 8,000 bytes; a longer list is sent as "everything".
    static let payloadLimit = 7_000

    /// Tells this node's own notifications apart from the others'.
    let node: String
    private let settings: PostgresSettings
    private let logger: Logger
    private let state = Mutex<State>(.init())

    struct State {
        var connections = 0
        var listening = false
    }

    init(settings: PostgresSettings, logger: Logger) {
        self.node = String(UUID().uuidString.prefix(8)).lowercased()
        self.settings = settings
        self.logger = logger
        self.channel = "broadsheet_changes" + (settings.schema.map { "_" + $0 } ?? "")
    }

    /// Whether the listening connection is up (readiness reports it).
    var isListening: Bool { state.withLock { $0.listening } }

    // MARK: The message

    static func payload(_ change: SiteChange, from node: String) -> String {
        switch change {
        case .everything: return "\(node) *"
        case .keys(let keys):
            let text = "\(node) " + keys.map(\.name).sorted().joined(separator: " ")
            return text.utf8.count <= payloadLimit ? text : "\(node) *"
        }
    }

    /// The change a payload carries, unless it came from `node` itself (already delivered when announced).
    static func change(from payload: String, ignoring node: String) -> SiteChange? {
        let words = payload.split(separator: " ")
        guard let sender = words.first, sender != node, words.count > 1 else { return nil }
        if words.count == 2, words[1] == "*" { return .everything }
        return .keys(Set(words.dropFirst().map { SurrogateKey(String($0)) }))
    }

    // MARK: Sending

    /// Sends `change` to the other nodes; tries three times, since a lost message leaves them showing stale
    /// pages until those expire.
    func send(_ change: SiteChange, through database: any SQLDatabase) async {
        let payload = Self.payload(change, from: node)
        for attempt in 1...3 {
            do {
                try await database.raw("SELECT pg_notify(\(bind: channel), \(bind: payload))").run()
                return
            } catch {
                logger.warning(
                    "could not tell the other nodes about a change (attempt \(attempt) of 3): \(PostgresProblem.describe(error))")
                try? await Task.sleep(for: .milliseconds(200 * attempt))
            }
        }
        logger.error("the other nodes were not told about a change; their cached pages may show it late")
    }

    // MARK: Listening

    /// Listens until cancelled, connecting again whenever the connection is lost.
    func listen(delivering changes: SiteChanges) async {
        var pause = Duration.milliseconds(250)
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: try settings.connectionConfiguration(applicationName: "broadsheet-listener-\(node)"),
                    id: 1, logger: logger)
                pause = .milliseconds(250)
                try await listen(on: connection, delivering: changes)
            } catch {
                if Task.isCancelled { break }
                logger.warning(
                    "listening for other nodes' changes stopped: \(PostgresProblem.describe(error)); trying again in \(pause)")
            }
            state.withLock { $0.listening = false }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .seconds(5))
        }
        state.withLock { $0.listening = false }
    }

    private func listen(on connection: PostgresConnection, delivering changes: SiteChanges) async throws {
        do {
            try await listenAndWatch(connection, delivering: changes)
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Returns only by throwing: when the connection is lost, or the watchdog gives it up.
    private func listenAndWatch(_ connection: PostgresConnection, delivering changes: SiteChanges) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await connection.listen(on: self.channel) { notifications in
                    let again = self.state.withLock { state in
                        state.connections += 1
                        state.listening = true
                        return state.connections > 1
                    }
                    if again {
                        // Whatever was announced while the connection was down never reached this node.
                        self.logger.notice("listening for other nodes' changes again; the page cache is emptied")
                        changes.deliver(.everything)
                    }
                    for try await notification in notifications {
                        if let change = Self.change(from: notification.payload, ignoring: self.node) {
                            changes.deliver(change)
                        }
                    }
                }
                throw ListenerLost(reason: "the notifications ended")
            }
            group.addTask {
                // The watchdog: a connection that cannot answer within 5 s is given up, and made again.
                while true {
                    try await Task.sleep(for: .seconds(5))
                    try await withThrowingTaskGroup(of: Void.self) { probe in
                        probe.addTask { _ = try await connection.query("SELECT 1", logger: self.logger).collect() }
                        probe.addTask {
                            try await Task.sleep(for: .seconds(5))
                            // Closed first: the group waits for the query, which only a closed connection ends.
                            try? await connection.close()
                            throw ListenerLost(reason: "the listening connection did not answer within 5 s")
                        }
                        try await probe.next()
                        probe.cancelAll()
                    }
                }
            }
            do {
                try await group.next()
            } catch {
                // The other task may be waiting on the connection (a notification, the watchdog's query), and
                // cancelling a task does not end that wait: closing the connection does. Without this, a cut
                // connection could leave the group, and so the listener and its node's shutdown, waiting for good.
                try? await connection.close()
                throw error
            }
            group.cancelAll()
        }
    }
}

/// Why a listening connection was given up.
struct ListenerLost: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
