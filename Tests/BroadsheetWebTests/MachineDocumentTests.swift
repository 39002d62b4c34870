import BroadsheetTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Feeds, sitemaps and robots.txt")
struct MachineDocumentTests {
    static let base = "https://news.example.com"

    @Test("the edition feeds list its live articles, newest first, with absolute URLs, in all three formats")
    func editionFeeds() async throws {
        try await SiteHarness.withSite { client, _ in
            let rss = try await client.page("/eng/rss.xml")
            #expect(rss.status == .ok)
            #expect(rss.headers[.contentType] == "application/rss+xml; charset=utf-8")
            let links = rss.html.matches(of: /<link>([^<]+)<\/link>/).map { String($0.1) }.filter { $0.contains("/news/") }
            #expect(links == [
                "\(Self.base)/eng/news/2025/07/01/how-the-grid-survives-a-heatwave/",
                "\(Self.base)/eng/news/2025/07/01/wind-farm-opens/",
                "\(Self.base)/eng/news/2025/06/30/solar-tariffs-change/",
                "\(Self.base)/eng/news/2025/06/30/parliament-passes-the-budget/",
                "\(Self.base)/eng/news/2025/06/29/coal-mine-closes/",
            ])
            for hidden in ["Secret draft story", "Scheduled story", "Future dated story", "Withdrawn story", "Як мережа"] {
                #expect(!rss.html.contains(hidden), "\(hidden)")
            }
            #expect(rss.html.contains("<dc:creator>Olena Koval</dc:creator>"))
            #expect(rss.html.contains("\(Self.base)/photos/0123456789abcdef.png"))

            let atom = try await client.page("/eng/atom.xml")
            #expect(atom.headers[.contentType] == "application/atom+xml; charset=utf-8")
            #expect(atom.html.contains("<id>\(Self.base)/eng/news/2025/07/01/how-the-grid-survives-a-heatwave/</id>"))

            let json = try await client.page("/eng/feed.json")
            #expect(json.headers[.contentType] == "application/feed+json; charset=utf-8")
            let feed = try #require(try JSONSerialization.jsonObject(with: Data(json.html.utf8)) as? [String: Any])
            #expect(feed["version"] as? String == "https://jsonfeed.org/version/1.1")
            let items = try #require(feed["items"] as? [[String: Any]])
            #expect(items.count == 5)
            #expect((items.first?["url"] as? String)?.hasPrefix(Self.base) == true)
        }
    }

    @Test("tag, section and author feeds hold only theirs; an unknown one is 404")
    func scopedFeeds() async throws {
        try await SiteHarness.withSite { client, _ in
            let budget = try await client.page("/eng/tags/budget/rss.xml")
            #expect(budget.status == .ok)
            #expect(budget.html.contains("How the grid survives a heatwave") && budget.html.contains("Parliament passes the budget"))
            #expect(!budget.html.contains("Wind farm opens"))
            let author = try await client.page("/eng/authors/olena-koval/atom.xml")
            #expect(author.html.contains("Parliament passes the budget") && !author.html.contains("Wind farm opens"))
            let section = try await client.page("/eng/sections/culture/feed.json")
            #expect(section.html.contains("Wind farm opens") && !section.html.contains("Parliament passes"))
            #expect(try await client.page("/eng/tags/nope/rss.xml").status == .notFound)
        }
    }

    @Test("feeds and sitemaps answer 304 to a matching conditional request, and HEAD like GET")
    func conditional() async throws {
        try await SiteHarness.withSite { client, _ in
            for path in ["/eng/rss.xml", "/eng/sitemap-1.xml", "/sitemap.xml"] {
                let first = try await client.executeRequest(uri: path, method: .get, headers: [:], body: nil)
                let etag = try #require(first.headers[.eTag])
                let again = try await client.executeRequest(uri: path, method: .get, headers: [.ifNoneMatch: etag], body: nil)
                #expect(again.status == .notModified, "\(path)")
                #expect(again.body.readableBytes == 0)
                let head = try await client.executeRequest(uri: path, method: .head, headers: [:], body: nil)
                #expect(head.status == .ok && head.headers[.eTag] == etag)
            }
            let rss = try await client.executeRequest(uri: "/eng/rss.xml", method: .get, headers: [:], body: nil)
            let modified = try #require(rss.headers[.lastModified])
            #expect(modified == "Tue, 01 Jul 2025 11:00:00 GMT")  // the showcase's update, 1 hour before "now" (12:00 UTC)
            let since = try await client.executeRequest(
                uri: "/eng/rss.xml", method: .get, headers: [.ifModifiedSince: modified], body: nil)
            #expect(since.status == .notModified)
        }
    }

    @Test("sitemaps list live articles with symmetric hreflang pairs and x-default; the index names them")
    func sitemaps() async throws {
        try await SiteHarness.withSite { client, _ in
            let english = try await client.page("/eng/sitemap-1.xml")
            #expect(english.status == .ok)
            let locs = english.html.matches(of: /<loc>([^<]+)<\/loc>/).map { String($0.1) }
            #expect(locs.count == 5 && locs.allSatisfy { $0.hasPrefix(Self.base + "/eng/news/") })
            #expect(!english.html.contains("secret-draft") && !english.html.contains("withdrawn"))
            let enURL = "\(Self.base)/eng/news/2025/07/01/how-the-grid-survives-a-heatwave/"
            let ukURL = "\(Self.base)/news/2025/07/01/yak-merezha-perezhyvaie-speku/"
            #expect(english.html.contains("hreflang=\"uk\" href=\"\(ukURL)\""))
            #expect(english.html.contains("hreflang=\"x-default\" href=\"\(ukURL)\""))
            let ukrainian = try await client.page("/sitemap-1.xml")
            #expect(ukrainian.html.contains("hreflang=\"en\" href=\"\(enURL)\""))

            let page = try await client.page(ArticlePageTests.showcase)
            #expect(page.html.contains("<link rel=\"alternate\" hreflang=\"uk\" href=\"\(ukURL)\">"))
            #expect(page.html.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"\(ukURL)\">"))
            let back = try await client.page("/news/2025/07/01/yak-merezha-perezhyvaie-speku/")
            #expect(back.html.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"\(enURL)\">"))

            let index = try await client.page("/sitemap.xml")
            for path in ["/sitemap-1.xml", "/eng/sitemap-1.xml", "/rus/sitemap-1.xml", "/eng/sitemap-pages.xml", "/eng/sitemap-news.xml"] {
                #expect(index.html.contains("<loc>\(Self.base)\(path)</loc>"), "\(path)")
            }
            #expect(try await client.page("/eng/sitemap-2.xml").status == .notFound)
        }
    }

    @Test("the news sitemap holds the last 48 hours only")
    func newsSitemap() async throws {
        try await SiteHarness.withSite { client, _ in
            let news = try await client.page("/eng/sitemap-news.xml")
            #expect(news.html.contains("<news:title>How the grid survives a heatwave</news:title>"))
            #expect(news.html.contains("<news:title>Parliament passes the budget</news:title>"))  // 30 hours old
            #expect(news.html.contains("<news:title>Coal mine closes</news:title>"))  // 45 hours old
            #expect(!news.html.contains("Withdrawn story"))  // 50 hours and unpublished
            #expect(news.html.contains("<news:language>en</news:language>"))
        }
    }

    @Test("robots.txt keeps crawlers out of the newsroom and names the sitemaps")
    func robots() async throws {
        try await SiteHarness.withSite { client, _ in
            let robots = try await client.page("/robots.txt")
            #expect(robots.headers[.contentType] == "text/plain; charset=utf-8")
            expectInOrder(robots.html, ["User-agent: *", "Disallow: /admin/", "Sitemap: \(Self.base)/sitemap.xml",
                                        "Sitemap: \(Self.base)/eng/sitemap-news.xml"])
        }
    }

    @Test("every page's head links its feeds and carries Open Graph; articles carry NewsArticle JSON-LD of their kind")
    func heads() async throws {
        try await SiteHarness.withSite { client, _ in
            let tag = try await client.page("/eng/tags/energy/")
            expectInOrder(tag.html, ["href=\"/eng/tags/energy/rss.xml\"", "href=\"/eng/rss.xml\"", "href=\"/eng/feed.json\""])
            let article = try await client.page(ArticlePageTests.showcase)
            expectInOrder(article.html, [
                "<meta property=\"og:type\" content=\"article\">", "og:image\" content=\"\(Self.base)/photos/0123456789abcdef.png\"",
                "og:image:width\" content=\"1200\"", "twitter:card\" content=\"summary_large_image\"",
                "\"@type\":\"BackgroundNewsArticle\"", "\"BreadcrumbList\"",
            ])
            #expect(article.html.contains("\"dateModified\":\"2025-07-01T11:00:00Z\""))
            let home = try await client.page("/eng/")
            #expect(home.html.contains("\"@type\":\"Organization\"") && home.html.contains("\"@type\":\"WebSite\""))
            #expect(home.html.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"\(Self.base)/\">"))
        }
    }
}
