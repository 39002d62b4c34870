import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import CompressNIO
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOPosix
import Synchronization
import Testing

@testable import BroadsheetWeb

/// The public site with its page cache, as readers and the newsroom meet it: what a publish shows and when,
/// what each page costs to render again, and what the HTTP caching headers say.
@Suite("Cached public site")
struct CachedSiteTests {
    struct Site: Sendable {
        let client: any TestClientProtocol
        let database: NewsDatabase
        let fixture: NewsroomFixture
        let clock: TestClock

        var desk: ArticleDesk { ArticleDesk(database: database, timeZone: NewsroomFixture.kyiv) }

        /// A counter of /metrics, e.g. `broadsheet_page_renders_total{type="article"}`.
        func metric(_ series: String) async throws -> Double {
            let text = try await client.page("/metrics").html
            let line = text.split(separator: "\n").first { $0.hasPrefix(series + " ") }
            return line.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
        }
    }

    static func withSite(
        caching: PublicCaching = PublicCaching(), mode: TestingSetup = .router,
        _ test: @escaping @Sendable (Site) async throws -> Void
    ) async throws {
        try await TestDatabase.with { database in
            let fixture = try await NewsroomFixture.build(in: database)
            var logger = Logger(label: "broadsheet.test")
            logger.logLevel = .warning
            let clock = TestClock(NewsroomFixture.now)
            let app = try await buildApplication(
                listen: ListenAddress(host: "127.0.0.1", port: 0),
                site: SiteConfiguration(publicBaseURL: "https://news.example.com", photoDirectory: "/nonexistent"),
                database: database, caching: caching, logger: logger, clock: { clock.now })
            try await app.test(mode) { client in
                try await test(Site(client: client, database: database, fixture: fixture, clock: clock))
            }
        }
    }

    static let showcase = articlePath("/eng/", hoursAgo: 3, slug: "how-the-grid-survives-a-heatwave")
    static let older = articlePath("/eng/", hoursAgo: 30, slug: "parliament-passes-the-budget")
    static let renders = #"broadsheet_page_renders_total{type="article"}"#

    @Test("a page is rendered once, then served from memory byte for byte with the same validator")
    func servedFromMemory() async throws {
        try await Self.withSite { site in
            let first = try await site.client.page("/eng/")
            let second = try await site.client.page("/eng/")
            #expect(first.status == .ok && second.status == .ok)
            #expect(first.html == second.html)
            #expect(first.headers[.eTag] != nil && first.headers[.eTag] == second.headers[.eTag])
            #expect(try await site.metric(#"broadsheet_page_renders_total{type="home"}"#) == 1)
            #expect(try await site.metric(#"broadsheet_page_cache_hits_total{type="home"}"#) == 1)
        }
    }

    @Test("a publish shows at once on the home page, in All news and under articles, which are not rendered again")
    func publishShowsAtOnce() async throws {
        try await Self.withSite { site in
            for path in ["/eng/", "/eng/news/", Self.showcase, Self.older] {
                #expect(try await !site.client.page(path).html.contains("Secret draft story"))
            }
            let rendered = try await site.metric(Self.renders)
            #expect(rendered == 2)

            try await site.desk.move(id: site.fixture.ids.draftEN, to: .published, by: nil, now: NewsroomFixture.now)

            #expect(try await site.client.page("/eng/").html.contains("Secret draft story"))
            #expect(try await site.client.page("/eng/news/").html.contains("Secret draft story"))
            // Under both articles, in "Recent news" (and, sharing a tag, "Related"): assembled from kept parts.
            for path in [Self.showcase, Self.older] {
                let html = try await site.client.page(path).html
                expectInOrder(html, ["aria-labelledby=\"recent\"", "Secret draft story", "</section>"])
            }
            #expect(try await site.metric(Self.renders) == rendered, "the articles themselves did not change")
            #expect(try await site.metric("broadsheet_page_assemblies_total") >= 4)
        }
    }

    @Test("a correction to an article renders that article again, and only it")
    func correctionRendersTheArticle() async throws {
        try await Self.withSite { site in
            _ = try await site.client.page(Self.showcase)
            _ = try await site.client.page(Self.older)
            try await site.desk.addCorrection(id: site.fixture.ids.showcaseEN, text: "An earlier version misnamed the grid.", by: nil)
            #expect(try await site.client.page(Self.showcase).html.contains("An earlier version misnamed the grid."))
            _ = try await site.client.page(Self.older)
            #expect(try await site.metric(Self.renders) == 3)
        }
    }

    @Test("unpublishing takes the article off lists at once, and its page answers 410")
    func unpublishShowsAtOnce() async throws {
        try await Self.withSite { site in
            #expect(try await site.client.page("/eng/").html.contains("How the grid survives a heatwave"))
            #expect(try await site.client.page(Self.showcase).status == .ok)
            try await site.desk.move(id: site.fixture.ids.showcaseEN, to: .unpublished, by: nil, now: NewsroomFixture.now)
            #expect(try await !site.client.page("/eng/").html.contains("How the grid survives a heatwave"))
            #expect(try await site.client.page(Self.showcase).status == .gone)
        }
    }

    @Test("a photo's new alt text shows at once on the article, the home page and the lists that show it")
    func photoEdit() async throws {
        try await Self.withSite { site in
            let pages = [Self.showcase, "/eng/", "/eng/sections/politics/"]
            for page in pages { #expect(try await !site.client.page(page).html.contains("Pylons at dusk, newly edited")) }
            let library = PhotoLibrary(database: site.database, directory: "/nonexistent")
            try await library.update(
                id: site.fixture.ids.photo, credit: "Staff",
                texts: ["en": PhotoText(caption: "Pylons", altText: "Pylons at dusk, newly edited")])
            for page in pages { #expect(try await site.client.page(page).html.contains("Pylons at dusk, newly edited"), "\(page)") }
        }
    }

    @Test("a banner shows on every page of its edition at once, and leaves when its time is up")
    func bannerByTheClock() async throws {
        try await Self.withSite { site in
            #expect(try await !site.client.page(Self.showcase).html.contains("Polls close at eight"))
            try await NewsroomSetup(database: site.database).saveBanner(
                edition: "en",
                BreakingBanner(text: "Polls close at eight", url: "", until: NewsroomFixture.now.addingTimeInterval(600)))
            #expect(try await site.client.page(Self.showcase).html.contains("Polls close at eight"))
            #expect(try await site.client.page("/eng/").html.contains("Polls close at eight"))
            site.clock.advance(601)
            #expect(try await !site.client.page(Self.showcase).html.contains("Polls close at eight"))
            #expect(try await !site.client.page("/eng/").html.contains("Polls close at eight"))
        }
    }

    @Test("an article published with a time still to come appears when the time comes, by the scheduler's tick")
    func futureDatedGoesLive() async throws {
        try await Self.withSite { site in
            let before = try await site.client.page("/eng/").html
            #expect(!before.contains("Future dated story"))
            let scheduler = PublishingScheduler(
                desk: site.desk, logger: Logger(label: "test"),
                clock: { site.clock.now })
            let lastTick = site.clock.now
            site.clock.advance(7_201)
            await scheduler.tick(since: lastTick)
            let after = try await site.client.page("/eng/").html
            #expect(after.contains("Future dated story"))
        }
    }

    @Test("pages carry ETag, Cache-Control per page type, Vary and a Surrogate-Key naming what they show")
    func headers() async throws {
        var policies = PublicCaching.standardPolicies
        policies[.article] = CachePolicy(maxAge: 77, staleWhileRevalidate: 88, staleIfError: 99)
        try await Self.withSite(caching: PublicCaching(policies: policies)) { site in
            let article = try await site.client.page(Self.showcase)
            #expect(article.headers[.cacheControl] == "public, max-age=77, stale-while-revalidate=88, stale-if-error=99")
            #expect(article.headers[.vary] == "Accept-Encoding")
            let keys = Set((article.headers[.surrogateKey] ?? "").split(separator: " ").map(String.init))
            #expect(keys.isSuperset(of: ["a\(site.fixture.ids.showcaseEN)", "latest-en", "menu-en", "banner-en"]))
            let home = try await site.client.page("/eng/")
            #expect(home.headers[.cacheControl] == "public, max-age=30, stale-while-revalidate=30, stale-if-error=86400")
            let feed = try await site.client.page("/eng/rss.xml")
            #expect(feed.headers[.cacheControl]?.hasPrefix("public, max-age=60,") == true)
            #expect(feed.headers[.surrogateKey]?.contains("latest-en") == true)
            let css = try await site.client.page("/eng/").html.firstMatch(of: /href="(\/static\/[^"]+\.css)"/)
            let asset = try await site.client.page(String(try #require(css).1))
            #expect(asset.headers[.cacheControl] == "public, max-age=31536000, immutable")
        }
    }

    @Test("304 for either representation's ETag; gzip once for clients that accept it; HEAD like GET without a body")
    func conditionalAndCompressed() async throws {
        try await Self.withSite { site in
            let plain = try await site.client.page(Self.showcase)
            let etag = try #require(plain.headers[.eTag])
            let zipped = try await site.client.executeRequest(
                uri: Self.showcase, method: .get, headers: [.acceptEncoding: "gzip, br"], body: nil)
            #expect(zipped.headers[.contentEncoding] == "gzip")
            let zippedTag = try #require(zipped.headers[.eTag])
            #expect(zippedTag != etag)
            var body = zipped.body
            let unzipped = try body.decompress(with: .gzip())
            #expect(String(buffer: unzipped) == plain.html)
            #expect(zipped.body.readableBytes * 3 < plain.html.utf8.count, "a page shrinks to under a third")
            for tag in [etag, zippedTag, "W/\(etag)"] {
                let again = try await site.client.executeRequest(
                    uri: Self.showcase, method: .get, headers: [.ifNoneMatch: tag], body: nil)
                #expect(again.status == .notModified)
                #expect(again.body.readableBytes == 0)
            }
            let head = try await site.client.executeRequest(uri: Self.showcase, method: .head, headers: [:], body: nil)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.eTag] == etag)
            #expect(head.headers[.contentLength] == String(plain.html.utf8.count))
        }
    }

    @Test("with the cache off every request renders, and pages are the same")
    func cacheOff() async throws {
        let cachedPage = Mutex("")
        try await Self.withSite { site in
            let html = try await site.client.page(Self.showcase).html
            cachedPage.withLock { $0 = html }
        }
        let cached = cachedPage.withLock { $0 }
        try await Self.withSite(caching: PublicCaching(budgetBytes: 0)) { site in
            let first = try await site.client.page(Self.showcase)
            let second = try await site.client.page(Self.showcase)
            #expect(first.html == cached && second.html == cached)
            #expect(first.headers[.eTag] == second.headers[.eTag])
            #expect(try await site.metric(Self.renders) == 2)
        }
    }

    @Test("with the cache off, the menu, settings and banner kept between changes still change at once")
    func frameWithCacheOff() async throws {
        try await Self.withSite(caching: PublicCaching(budgetBytes: 0)) { site in
            #expect(try await !site.client.page(Self.showcase).html.contains("Readers keep us going"))
            try await NewsroomSetup(database: site.database).saveSupportCall(
                edition: "en", SupportCall(text: "Readers keep us going", url: "https://example.org/give"))
            #expect(try await site.client.page(Self.showcase).html.contains("Readers keep us going"))
            try await NewsroomSetup(database: site.database).addSection(edition: "en", name: "Weather", slug: nil)
            #expect(try await site.client.page("/eng/").html.contains(">Weather</a>"))
            let before = try await site.metric(#"broadsheet_sql_statements_total{type="home"}"#)
            _ = try await site.client.page("/eng/")
            let home = try await site.metric(#"broadsheet_sql_statements_total{type="home"}"#) - before
            #expect(home <= 3, "the home page reads its articles only: \(home) statements")
        }
    }

    @Test("metrics count SQL statements per request and do not grow with the list: no query per headline")
    func statementsPerRequest() async throws {
        try await Self.withSite(caching: PublicCaching(budgetBytes: 0)) { site in
            _ = try await site.client.page("/eng/news/")
            let list = try await site.metric(#"broadsheet_sql_statements_total{type="list"}"#)
            _ = try await site.client.page(Self.showcase)
            let article = try await site.metric(#"broadsheet_sql_statements_total{type="article"}"#)
            #expect(list > 0 && list <= 6)
            #expect(article > 0 && article <= 16)
        }
    }
}

/// The cache's event-loop lane, over a real socket.
@Suite("Cache fast lane")
struct CacheFastLaneTests {
    @Test("pipelined requests are answered in order even when a later one is cached and an earlier one is not")
    func pipeliningOrder() async throws {
        try await CachedSiteTests.withSite(mode: .live) { site in
            let port = try #require(site.client.port)
            _ = try await site.client.page("/eng/")  // cached now; /eng/news/ is not
            let raw = try await RawHTTP.exchange(
                port: port,
                "GET /eng/news/ HTTP/1.1\r\nHost: localhost\r\n\r\nGET /eng/ HTTP/1.1\r\nHost: localhost\r\n\r\n",
                until: { $0.components(separatedBy: "</html>").count >= 3 })
            let news = try #require(raw.range(of: "href=\"https://news.example.com/eng/news/\""))
            let home = try #require(raw.range(of: "<link rel=\"canonical\" href=\"https://news.example.com/eng/\""))
            #expect(news.lowerBound < home.lowerBound)
            #expect(try await site.metric(#"broadsheet_page_cache_hits_total{type="home"}"#) == 1)
        }
    }

    @Test("a hit on the fast lane carries Date and Server like any answer, and HEAD gets no body")
    func hitHeaders() async throws {
        try await CachedSiteTests.withSite(mode: .live) { site in
            let port = try #require(site.client.port)
            _ = try await site.client.page("/eng/")
            let raw = try await RawHTTP.exchange(
                port: port, "HEAD /eng/ HTTP/1.1\r\nHost: localhost\r\n\r\nGET /eng/ HTTP/1.1\r\nHost: localhost\r\n\r\n",
                until: { $0.contains("</html>") })
            #expect(raw.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
            #expect(raw.contains("Date: ") && raw.contains("Server: Broadsheet"))
            #expect(raw.components(separatedBy: "<!DOCTYPE html>").count == 2, "only the GET has a body")
        }
    }
}

/// Writes bytes to a loopback port and collects what comes back until `until` holds (or 5 seconds pass).
enum RawHTTP {
    final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let received = Mutex("")
        let done: EventLoopPromise<Void>
        let until: @Sendable (String) -> Bool

        init(done: EventLoopPromise<Void>, until: @escaping @Sendable (String) -> Bool) {
            self.done = done
            self.until = until
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let text = String(buffer: unwrapInboundIn(data))
            let all = received.withLock { $0 += text; return $0 }
            if until(all) { done.succeed() }
        }
    }

    static func exchange(port: Int, _ request: String, until: @escaping @Sendable (String) -> Bool) async throws -> String {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let done = loop.makePromise(of: Void.self)
        let collector = Collector(done: done, until: until)
        let channel = try await ClientBootstrap(group: loop)
            .channelInitializer { channel in channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(collector) } }
            .connect(host: "127.0.0.1", port: port).get()
        try await channel.writeAndFlush(ByteBuffer(string: request)).get()
        loop.scheduleTask(in: .seconds(5)) { done.succeed() }
        try await done.futureResult.get()
        try? await channel.close().get()
        return collector.received.withLock { $0 }
    }
}
