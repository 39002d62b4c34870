import BroadsheetDemo
import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import BroadsheetWeb
import Foundation
import HummingbirdTesting
import Logging
import Testing

@Suite("Demo newspaper")
struct DemoNewsroomTests {
    static let now = Date(timeIntervalSince1970: 1_782_000_000)  // 2026-06-21

    /// Seeds the demo into a fresh database and drives the real site over it.
    static func withDemo(
        _ test: @escaping @Sendable (any TestClientProtocol, DemoNewsroom.Report, NewsDatabase) async throws -> Void
    ) async throws {
        let photos = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: photos) }
        try await TestDatabase.with { database in
            var logger = Logger(label: "demo.test")
            logger.logLevel = .warning
            let site = SiteConfiguration(publicBaseURL: "http://127.0.0.1:8080", photoDirectory: photos)
            let app = try await buildApplication(site: site, database: database, logger: logger, clock: { now })
            let report = try await DemoNewsroom(
                database: database, editions: site.editions, timeZone: site.timeZone, photoDirectory: photos,
                logger: logger, photoWidth: 96, photoHeight: 54
            ).seed(now: now)
            try await app.test(.router) { client in try await test(client, report, database) }
        }
    }

    @Test("the demo has the newspaper the README promises: 60+ live articles, 5+ kinds, 6+ sections, 20+ tags")
    func demoHasEnoughOfEverything() async throws {
        try await Self.withDemo { _, report, database in
            let queries = PublicQueries(database: database)
            var live = 0
            var kinds = Set<ArticleKind>()
            for code in ["uk", "ru", "en"] {
                let articles = try await queries.latest(edition: code, limit: 500, now: Self.now)
                live += articles.count
                kinds.formUnion(articles.map(\.kind))
                #expect(articles.allSatisfy { Self.now.timeIntervalSince($0.publishedAt) <= 15 * 86_400 || $0.day.year == 2025 })
            }
            #expect(live >= 60)
            #expect(kinds.isSuperset(of: [.explainer, .opinion]) && kinds.count >= 5)
            #expect(report.sections >= 18 && report.tags >= 60 && report.authors >= 9)
            #expect(report.photoFiles >= 10)
            #expect(report.articlesByStatus["draft", default: 0] >= 1)
            #expect(report.articlesByStatus["scheduled", default: 0] >= 1)
            #expect(report.articlesByStatus["unpublished", default: 0] >= 1)
        }
    }

    @Test("every page type answers 200 in every edition, and each article's photos exist in the store")
    func everyPageAnswers() async throws {
        try await Self.withDemo { client, _, _ in
            for prefix in ["/", "/rus/", "/eng/"] {
                let home = try await client.page(prefix)
                #expect(home.status == .ok, "\(prefix)")
                let articles = home.html.matches(of: /href="(\/[a-z\/]*news\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/)"/)
                    .map { String($0.1) }
                #expect(articles.count >= 10, "\(prefix) lists \(articles.count) articles")
                for path in Set(articles) {
                    let page = try await client.page(path)
                    #expect(page.status == .ok, "\(path)")
                    for match in page.html.matches(of: /src="(\/photos\/[0-9a-f]+\.png)"/) {
                        #expect(try await client.page(String(match.1)).status == .ok, "\(match.1)")
                    }
                }
                let links = Set(
                    home.html.matches(of: /href="(\/[a-z\/]*(sections|tags|authors)\/[a-z0-9-]+\/)"/).map { String($0.1) })
                for path in links {
                    #expect(try await client.page(path).status == .ok, "\(path)")
                }
                #expect(try await client.page("\(prefix)news/").status == .ok)
            }
        }
    }

    @Test("every edition's footer says in its own language that the demo is invented, on every kind of page")
    func disclaimerInEachLanguage() async throws {
        try await Self.withDemo { client, _, _ in
            let disclaimers = [
                "/": "<p>Усі імена, історії та зображення на цьому демонстраційному сайті вигадані.</p>",
                "/rus/": "<p>Все имена, истории и изображения на этом демонстрационном сайте вымышлены.</p>",
                "/eng/": "<p>All names, stories and pictures on this demo site are invented.</p>",
            ]
            for (prefix, disclaimer) in disclaimers {
                let home = try await client.page(prefix)
                let article = try #require(home.html.firstMatch(of: /href="(\/[a-z\/]*news\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/)"/))
                for path in [prefix, String(article.1), "\(prefix)news/", "\(prefix)no-such-page/"] {
                    let page = try await client.page(path)
                    expectInOrder(page.html, ["<footer class=\"footer\">", disclaimer, "</footer>"])
                    for (other, otherDisclaimer) in disclaimers where other != prefix {
                        #expect(!page.html.contains(otherDisclaimer), "\(path) shows the footer of \(other)")
                    }
                }
            }
        }
    }

    @Test("the special demo URLs listed in the README answer 301, 404 and 410 as documented")
    func specialURLs() async throws {
        try await Self.withDemo { client, _, _ in
            let moved = try await client.executeRequest(
                uri: "/eng/news/2025/06/30/parliament-passes-budget/", method: .get, headers: [:], body: nil)
            #expect(moved.status == .movedPermanently)
            #expect(
                moved.headers[.location]
                    == "/eng/news/2025/06/30/parliament-passes-the-revised-budget-after-an-all-night-sitting/")
            for path in [
                "/eng/news/2025/07/01/dnipro-weighs-a-new-bus-network-for-the-left-bank/",
                "/eng/news/2031/01/15/upgraded-kyiv-lviv-line-opens-with-trains-running-at-200-km-h/",
                "/eng/news/2031/03/01/spring-flood-outlook-forecasters-expect-high-water-on-the-desna-and-the-upper/",
            ] {
                #expect(try await client.page(path).status == .notFound, "\(path)")
            }
            let gone = try await client.page("/eng/news/2025/11/03/electric-bus-fleets-in-regional-cities-have-doubled-in-a-year/")
            #expect(gone.status == .gone)
        }
    }
}
