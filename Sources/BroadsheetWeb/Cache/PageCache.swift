import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Synchronization

/// What the page cache keeps under one name: a whole response, or a part that responses are assembled from.
enum CacheEntry: Sendable {
    case page(CachedPage)
    case part(PagePart)

    var keys: Set<SurrogateKey> {
        switch self {
        case .page(let page): page.keys
        case .part(let part): part.keys
        }
    }
    var validUntil: Date {
        switch self {
        case .page(let page): page.validUntil
        case .part(let part): part.validUntil
        }
    }
    var cost: Int {
        switch self {
        case .page(let page): page.cost
        case .part(let part): part.cost
        }
    }
}

/// Rendered pages and page parts in memory, purged by what they show (`SurrogateKey`) when the newsroom
/// changes it, within a memory budget (least recently used go first).
///
/// Correctness rests on two rules. A render that began before a purge of one of its keys is not stored (it may
/// have read the old state), though it still answers the requests that waited for it. And after a purge, new
/// requests do not join renders already running: they start a fresh one. So once a change is announced, no
/// request that arrives later is answered with what was there before.
final class PageCache: Sendable {
    let budgetBytes: Int
    private let state: Mutex<State>

    private struct Slot {
        let entry: CacheEntry
        var lastUsed: UInt64
    }

    private struct Flight {
        let id: UInt64
        let task: any Sendable
    }

    private struct State {
        var slots: [String: Slot] = [:]
        var names: [SurrogateKey: Set<String>] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        /// Counts purges; a render remembers the value it started at.
        var epoch: UInt64 = 0
        var purgedAt: [SurrogateKey: UInt64] = [:]
        /// Renders that started before this cannot be stored (set by a purge of everything, or when
        /// `purgedAt` is pruned).
        var floor: UInt64 = 0
        var flights: [String: Flight] = [:]
        var nextFlight: UInt64 = 0
        var evictions = 0
    }

    init(budgetBytes: Int) {
        self.budgetBytes = budgetBytes
        self.state = Mutex(State())
    }

    /// Listens to the newsroom's announcements.
    func follow(_ changes: SiteChanges) {
        changes.listen { [weak self] change in self?.purge(change) }
    }

    // MARK: Lookup and store

    func page(_ name: String, now: Date) -> CachedPage? {
        guard case .page(let page) = entry(name, now: now) else { return nil }
        return page
    }

    func part(_ name: String, now: Date) -> PagePart? {
        guard case .part(let part) = entry(name, now: now) else { return nil }
        return part
    }

    /// The page kept under `name` even past its time (not if purged: a change removes it at once), for when
    /// it cannot be rendered again because the database is away.
    func stalePage(_ name: String) -> CachedPage? {
        state.withLock { state in
            guard case .page(let page) = state.slots[name]?.entry else { return nil }
            return page
        }
    }

    private func entry(_ name: String, now: Date) -> CacheEntry? {
        state.withLock { state in
            guard var slot = state.slots[name] else { return nil }
            // Past its time it is not an answer, but it stays (until replaced, purged or evicted) for
            // `stalePage`.
            guard now < slot.entry.validUntil else { return nil }
            state.clock += 1
            slot.lastUsed = state.clock
            state.slots[name] = slot
            return slot.entry
        }
    }

    /// The value to hand to `store` with what a render produced: the cache's state when the render began.
    func renderStarts() -> UInt64 { state.withLock { $0.epoch } }

    /// Keeps `entry` unless one of its keys was purged since the render began (then it may be stale).
    /// Returns whether it was kept.
    @discardableResult
    func store(_ name: String, _ entry: CacheEntry, renderedFrom epoch: UInt64) -> Bool {
        guard budgetBytes > 0, entry.cost <= budgetBytes / 4 else { return false }
        return state.withLock { state in
            guard epoch >= state.floor, !entry.keys.contains(where: { (state.purgedAt[$0] ?? 0) > epoch }) else {
                return false
            }
            if state.slots[name] != nil { Self.remove(name, from: &state) }
            state.clock += 1
            state.slots[name] = Slot(entry: entry, lastUsed: state.clock)
            for key in entry.keys { state.names[key, default: []].insert(name) }
            state.bytes += entry.cost
            if state.bytes > budgetBytes { Self.evict(to: budgetBytes * 9 / 10, from: &state) }
            return true
        }
    }

    // MARK: Purging

    func purge(_ change: SiteChange) {
        state.withLock { state in
            state.epoch += 1
            // Renders under way may have read the old state: later requests must not wait for them.
            state.flights.removeAll()
            switch change {
            case .everything:
                state.floor = state.epoch
                state.slots.removeAll()
                state.names.removeAll()
                state.purgedAt.removeAll()
                state.bytes = 0
            case .keys(let keys):
                if state.purgedAt.count > 100_000 {
                    state.purgedAt.removeAll()
                    state.floor = state.epoch
                }
                for key in keys {
                    state.purgedAt[key] = state.epoch
                    for name in state.names[key] ?? [] { Self.remove(name, from: &state) }
                }
            }
        }
    }

    private static func remove(_ name: String, from state: inout State) {
        guard let slot = state.slots.removeValue(forKey: name) else { return }
        state.bytes -= slot.entry.cost
        for key in slot.entry.keys {
            state.names[key]?.remove(name)
            if state.names[key]?.isEmpty == true { state.names[key] = nil }
        }
    }

    /// Drops the least recently used entries until `target` bytes are left.
    private static func evict(to target: Int, from state: inout State) {
        let oldest = state.slots.map { ($0.value.lastUsed, $0.key) }.sorted { $0.0 < $1.0 }
        for (_, name) in oldest {
            guard state.bytes > target else { break }
            remove(name, from: &state)
            state.evictions += 1
        }
    }

    // MARK: One render at a time

    /// Runs `work` for `name` unless a run for it is already under way, in which case it waits for that one:
    /// however many requests miss at once, the page is rendered once.
    func coalesced<T: Sendable>(_ name: String, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let task: Task<T, any Error> = state.withLock { state in
            if let flight = state.flights[name], let running = flight.task as? Task<T, any Error> { return running }
            state.nextFlight += 1
            let id = state.nextFlight
            let task = Task<T, any Error> {
                defer { self.land(name, id: id) }
                return try await work()
            }
            state.flights[name] = Flight(id: id, task: task)
            return task
        }
        return try await task.value
    }

    private func land(_ name: String, id: UInt64) {
        state.withLock { state in
            if state.flights[name]?.id == id { state.flights[name] = nil }
        }
    }

    // MARK: Figures

    struct Figures: Sendable {
        let entries: Int
        let bytes: Int
        let evictions: Int
    }

    var figures: Figures {
        state.withLock { Figures(entries: $0.slots.count, bytes: $0.bytes, evictions: $0.evictions) }
    }
}
