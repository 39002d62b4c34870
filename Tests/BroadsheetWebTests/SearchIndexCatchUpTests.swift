import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import Logging
import ServiceLifecycleTestKit
import Synchronization
import Testing

@testable import BroadsheetWeb

/// A database upgraded to the search index fills it in the background: from the start until the index is
/// complete, the search page says so and keeps nothing.
@Suite("Search index catching up")
struct SearchIndexCatchUpTests {
    /// The fixture's newsroom with its index emptied, as a database migrated to the index with its archive in it.
    static func withUnindexedNewsroom(_ test: @escaping @Sendable (NewsDatabase) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            _ = try await NewsroomFixture.build(in: database)
            try await database.sql.raw("DELETE FROM article_search").run()
            if database.engine == .sqlite { try await database.sql.raw("DELETE FROM article_search_rows").run() }
            try await test(database)
        }
    }

    /// Runs the catch-up service until the index is complete and the flag is down, then shuts it down; returns
    /// what was announced meanwhile.
    static func catchUp(_ database: NewsDatabase, progress: SearchIndexProgress) async throws -> [SiteChange] {
        let heard = Mutex<[SiteChange]>([])
        database.changes.listen { change in heard.withLock { $0.append(change) } }
        var logger = Logger(label: "broadsheet.test")
        logger.logLevel = .critical
        let service = SearchIndexCatchUp(database: database, progress: progress, logger: logger)
        try await testGracefulShutdown { trigger in
            let running = Task { try await service.run() }
            let deadline = ContinuousClock.now + .seconds(30)
            while try await !SearchIndex.isComplete(in: database) || progress.isCatchingUp {
                guard ContinuousClock.now < deadline else { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            trigger.triggerGracefulShutdown()
            try await running.value
        }
        return heard.withLock { $0 }
    }

    @Test("an incomplete index is known before the site serves; the catch-up fills it and lowers the flag")
    func catchUpFillsTheIndex() async throws {
        try await Self.withUnindexedNewsroom { database in
            let progress = try await SearchIndexProgress.reading(database)
            #expect(progress.isCatchingUp)
            let heard = try await Self.catchUp(database, progress: progress)
            #expect(try await SearchIndex.isComplete(in: database))
            #expect(!progress.isCatchingUp)
            #expect(heard.isEmpty, "no page was kept while the index was incomplete: nothing to drop")

            let complete = try await SearchIndexProgress.reading(database)
            #expect(!complete.isCatchingUp, "a complete index is left alone")
        }
    }

    @Test("while the index catches up, a search page says so and is not kept; after, it is kept")
    func notKeptWhileCatchingUp() async throws {
        try await Self.withUnindexedNewsroom { database in
            let site = SiteConfiguration(publicBaseURL: "https://news.example.com", photoDirectory: "/nonexistent")
            let context = try SiteContext(
                configuration: site, stylesheet: try StaticFile.stylesheet(), logo: try StaticFile.logo(),
                renderer: try await PageRenderer.load())
            let progress = try await SearchIndexProgress.reading(database)
            let metrics = SiteMetrics()
            let cache = PageCache(budgetBytes: 1_048_576)
            cache.follow(database.changes)
            let pages = SearchPages(
                site: context, queries: PublicQueries(database: database), search: SearchQueries(database: database),
                progress: progress, frames: FrameSource(database: database, editions: site.editions),
                caching: PublicCaching(), cache: cache, metrics: metrics, clock: { NewsroomFixture.now })
            let form = SearchForm(words: "heatwave")
            let english = try #require(site.editions.edition(code: "en"))
            let during = try await pages.page(form, edition: english, acceptsGzip: false)
            let text = String(buffer: during.body)
            #expect(text.contains("still reading the archive"))
            #expect(cache.page(SearchPages.name(of: form, in: english), now: NewsroomFixture.now) == nil, "not kept while the index is incomplete")

            _ = try await Self.catchUp(database, progress: progress)
            let after = try await pages.page(form, edition: english, acceptsGzip: false)
            #expect(!String(buffer: after.body).contains("still reading the archive"))
            #expect(String(buffer: after.body).contains("How the grid survives a <mark>heatwave</mark>"))
            #expect(cache.page(SearchPages.name(of: form, in: english), now: NewsroomFixture.now) === after)
        }
    }
}
