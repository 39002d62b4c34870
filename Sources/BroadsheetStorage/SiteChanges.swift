import BroadsheetDomain
import Synchronization

/// What changed on the public site, announced after the change committed.
public enum SiteChange: Sendable, Equatable {
    /// Whatever shows one of these changed.
    case keys(Set<SurrogateKey>)
    /// Anything may have changed (a restore, a bulk load): forget everything.
    case everything
}

/// Tells whoever listens (the page cache) what the newsroom changed, after it committed.
///
/// It belongs to the database handle, so that every store writing through one database announces to the same
/// listeners. On PostgreSQL a relay also carries each announcement to the other nodes (`ChangeRelay`, through
/// NOTIFY), and delivers theirs here.
public final class SiteChanges: Sendable {
    private let listeners = Mutex<[@Sendable (SiteChange) -> Void]>([])
    private let relay = Mutex<(@Sendable (SiteChange) -> Void)?>(nil)

    public init() {}

    /// Adds a listener; it is called on the announcing task, so it must be quick.
    public func listen(_ listener: @escaping @Sendable (SiteChange) -> Void) {
        listeners.withLock { $0.append(listener) }
    }

    public func announce(_ keys: Set<SurrogateKey>) {
        guard !keys.isEmpty else { return }
        announce(.keys(keys))
    }

    /// Tells this node's listeners at once, and the other nodes through the relay, if there is one.
    public func announce(_ change: SiteChange) {
        deliver(change)
        relay.withLock { $0 }?(change)
    }

    /// Tells this node's listeners only: a change announced on another node, or one this node infers.
    func deliver(_ change: SiteChange) {
        for listener in listeners.withLock({ $0 }) { listener(change) }
    }

    /// Sends every announcement on to `send` as well (the other nodes).
    func relay(to send: @escaping @Sendable (SiteChange) -> Void) {
        relay.withLock { $0 = send }
    }
}
