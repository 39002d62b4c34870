import Synchronization

/// Once the database has proved unreachable, the requests of the next second fail at once instead of each
/// waiting out the connection timeout: during an outage a busy node would otherwise hold thousands of
/// requests for seconds apiece. One request a second still tries, and the pool keeps reconnecting in the
/// background, so the node notices the database's return within about a second.
final class OutageBreaker: Sendable {
    private struct Open {
        let until: ContinuousClock.Instant
        let reason: String
    }

    private let state = Mutex<Open?>(nil)
    let pause: Duration

    init(pause: Duration = .seconds(1)) {
        self.pause = pause
    }

    /// Throws at once while the breaker is open.
    func check() throws {
        let open = state.withLock { open -> Open? in
            guard let current = open, ContinuousClock.now < current.until else { return nil }
            return current
        }
        if let open { throw DatabaseUnavailable(reason: "\(open.reason) (not tried again for \(pause))") }
    }

    func trip(_ reason: String) {
        state.withLock { $0 = Open(until: ContinuousClock.now + pause, reason: reason) }
    }

    func reset() {
        state.withLock { $0 = nil }
    }
}
