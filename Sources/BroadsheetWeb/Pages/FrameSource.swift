import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Synchronization

/// Each edition's menu, the newsroom's settings and the edition's banner, kept in memory between changes.
/// Every page shows them and they change a few times a day; reading them was 4 of an article page's 14 SQL
/// statements. They are dropped on the same announcements that purge the pages showing them. This is data,
/// not rendered output: with the page cache off (`--page-cache-mb 0`) pages still render every time.
final class FrameSource: Sendable {
    private struct Loaded: Sendable {
        let sections: [Section]
        let settings: NewsroomSettings
        /// As stored: whether its time is up is decided per request.
        let banner: BreakingBanner?
    }

    private let queries: PublicQueries
    private let settings: SettingsStore
    private let setup: NewsroomSetup
    /// `generation` counts drops: a load that began before one is not kept.
    private let state = Mutex<(generation: UInt64, editions: [String: Loaded])>((0, [:]))

    init(database: NewsDatabase, editions: Editions) {
        queries = PublicQueries(database: database)
        settings = SettingsStore(database: database)
        setup = NewsroomSetup(database: database)
        // What a frame shows, in every edition: the same keys that purge the pages showing it.
        let shown = Set([.settings] + editions.all.flatMap { [SurrogateKey.sections($0.code), .banner($0.code)] })
        database.changes.listen { [weak self] change in
            switch change {
            case .everything: self?.drop()
            case .keys(let keys): if !keys.isDisjoint(with: shown) { self?.drop() }
            }
        }
    }

    private func drop() {
        state.withLock { state in
            state.generation += 1
            state.editions.removeAll()
        }
    }

    /// The frame as already loaded, without asking the database: for pages shown while it is away.
    func loadedFrame(site: SiteContext, edition: Edition, now: Date) -> PageFrame? {
        guard let loaded = state.withLock({ $0.editions[edition.code] }) else { return nil }
        return frame(loaded, site: site, edition: edition, now: now)
    }

    func frame(site: SiteContext, edition: Edition, now: Date) async throws -> PageFrame {
        let (generation, cached) = state.withLock { ($0.generation, $0.editions[edition.code]) }
        let loaded: Loaded
        if let cached {
            loaded = cached
        } else {
            loaded = Loaded(
                sections: try await queries.sections(edition: edition.code), settings: try await settings.load(),
                banner: try await setup.banner(edition: edition.code))
            state.withLock { state in
                if state.generation == generation { state.editions[edition.code] = loaded }
            }
        }
        return frame(loaded, site: site, edition: edition, now: now)
    }

    private func frame(_ loaded: Loaded, site: SiteContext, edition: Edition, now: Date) -> PageFrame {
        let context = site.context(for: edition)
        return PageFrame(
            edition: context,
            builder: ChromeBuilder(
                site: site, edition: context, sections: loaded.sections,
                support: loaded.settings.supportCalls[edition.code], banner: loaded.banner.flatMap { $0.until > now ? $0 : nil },
                footer: loaded.settings.footers[edition.code]),
            settings: loaded.settings, now: now)
    }
}
