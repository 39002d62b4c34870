import BroadsheetDomain
@testable import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import SQLKit
import Synchronization
import Testing

/// Changes travel between nodes through PostgreSQL's LISTEN/NOTIFY.
@Suite("Changes between nodes")
struct ChangeRelayTests {
    @Test("a payload carries the keys, long lists become everything, and a node ignores its own")
    func payloads() {
        let keys: Set<SurrogateKey> = [.article(7), .latest("en"), .tagged(3)]
        let payload = ChangeRelay.payload(.keys(keys), from: "n1")
        #expect(payload == "n1 a7 in-t3 latest-en")
        #expect(ChangeRelay.change(from: payload, ignoring: "n2") == .keys(keys))
        #expect(ChangeRelay.change(from: payload, ignoring: "n1") == nil)
        #expect(ChangeRelay.change(from: ChangeRelay.payload(.everything, from: "n1"), ignoring: "n2") == .everything)
        let many = Set((0..<2_000).map { SurrogateKey.article($0) })
        #expect(ChangeRelay.payload(.keys(many), from: "n1") == "n1 *")
        #expect(ChangeRelay.change(from: "garbage", ignoring: "n2") == nil)
    }

    @Test(
        "a change announced on one node reaches the other within a second, and the sender hears it once",
        .enabled(if: TestDatabase.engines.contains(.postgresql), "LISTEN/NOTIFY is PostgreSQL's"))
    func reachesOtherNodes() async throws {
        try await TestDatabase.withNodes(2, on: [.postgresql]) { nodes in
            let heard = Heard(nodes)
            try await heard.waitUntilListening()
            let start = ContinuousClock.now
            nodes[0].changes.announce([.article(1), .latest("en")])
            try await heard.wait { $0[1] == [.keys([.article(1), .latest("en")])] }
            #expect(ContinuousClock.now - start < .seconds(1))
            try await Task.sleep(for: .milliseconds(200))
            #expect(heard.changes[0] == [.keys([.article(1), .latest("en")])], "the sender hears its own once")
        }
    }

    @Test(
        "a node whose listening connection was cut forgets every cached page, and hears the others again",
        .enabled(if: TestDatabase.engines.contains(.postgresql), "LISTEN/NOTIFY is PostgreSQL's"))
    func reconnects() async throws {
        try await TestDatabase.withNodes(2, on: [.postgresql]) { nodes in
            let heard = Heard(nodes)
            try await heard.waitUntilListening()
            // Cuts node 1's listening connection, as a network fault or a restart of PostgreSQL would.
            let listener = "broadsheet-listener-" + nodes[1].relay!.node
            let cut = try await nodes[0].sql.raw(
                "SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE application_name = \(bind: listener)"
            ).all()
            #expect(!cut.isEmpty)
            try await heard.wait(for: .seconds(8)) { $0[1].contains(.everything) }
            try await heard.waitUntilListening()
            nodes[0].changes.announce([.article(2)])
            try await heard.wait { $0[1].contains(.keys([.article(2)])) }
        }
    }
}

/// What each node's listeners heard.
private final class Heard: Sendable {
    private let heard: Mutex<[[SiteChange]]>
    private let nodes: [NewsDatabase]

    init(_ nodes: [NewsDatabase]) {
        self.nodes = nodes
        self.heard = Mutex(Array(repeating: [], count: nodes.count))
        for (index, node) in nodes.enumerated() {
            node.changes.listen { [self] change in self.heard.withLock { $0[index].append(change) } }
        }
    }

    var changes: [[SiteChange]] { heard.withLock { $0 } }

    func waitUntilListening() async throws {
        try await wait(for: .seconds(10)) { _ in self.nodes.allSatisfy { $0.relay?.isListening == true } }
    }

    func wait(for limit: Duration = .seconds(2), until done: ([[SiteChange]]) -> Bool) async throws {
        let deadline = ContinuousClock.now + limit
        while !done(changes) {
            guard ContinuousClock.now < deadline else {
                Issue.record("not heard within \(limit): \(changes)")
                return
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
