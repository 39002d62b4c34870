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
/// listeners. In one process that is enough; several servers over one database need the database to carry
/// the announcements (PostgreSQL's NOTIFY), which is where they will go.
public final class SiteChanges: Sendable {
    private let listeners = Mutex<[@Sendable (SiteChange) -> Void]>([])

    public init() {}

    /// Adds a listener; it is called on the announcing task, so it must be quick.
    public func listen(_ listener: @escaping @Sendable (SiteChange) -> Void) {
        listeners.withLock { $0.append(listener) }
    }

    public func announce(_ keys: Set<SurrogateKey>) {
        guard !keys.isEmpty else { return }
        announce(.keys(keys))
    }

    public func announce(_ change: SiteChange) {
        for listener in listeners.withLock({ $0 }) { listener(change) }
    }
}
