import Foundation
import Testing

@testable import BroadsheetWeb

@Suite("SitemapWriter")
struct SitemapWriterTests {
    static let sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
    static let xhtmlNS = "http://www.w3.org/1999/xhtml"
    static let newsNS = "http://www.google.com/schemas/sitemap-news/0.9"
    /// 2025-06-30T16:53:00Z
    static let monday = Date(timeIntervalSince1970: 1_751_302_380)

    @Test("a sitemap index lists each sitemap's loc and W3C lastmod, in order")
    func index() throws {
        let text = SitemapWriter.index([
            (loc: "https://news.example/sitemaps/articles-2.xml", lastmod: Self.monday),
            (loc: "https://news.example/sitemaps/sections.xml", lastmod: nil),
            (loc: "https://news.example/sitemaps/articles-1.xml?page=1&lang=uk", lastmod: Date(timeIntervalSince1970: 1_709_164_800.75)),
        ])
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        let root = try ParsedXML.parse(text)
        #expect(root.name == "sitemapindex" && root.namespace == Self.sitemapNS)
        let sitemaps = root.children("sitemap", Self.sitemapNS)
        #expect(sitemaps.compactMap { $0.child("loc", Self.sitemapNS)?.text } == [
            "https://news.example/sitemaps/articles-2.xml", "https://news.example/sitemaps/sections.xml",
            "https://news.example/sitemaps/articles-1.xml?page=1&lang=uk",
        ])
        #expect(sitemaps.map { $0.child("lastmod", Self.sitemapNS)?.text } == ["2025-06-30T16:53:00Z", nil, "2024-02-29T00:00:00Z"])
    }

    @Test("a urlset has the sitemaps.org and xhtml namespaces, loc, lastmod and hreflang alternates")
    func urlset() throws {
        let english = "https://news.example/eng/2025/06/30/budget"
        let ukrainian = "https://news.example/2025/06/30/budget"
        let text = SitemapWriter.urlset([
            SitemapURL(loc: english, lastmod: Self.monday, alternates: [
                (hreflang: "en", href: english), (hreflang: "uk", href: ukrainian), (hreflang: "x-default", href: ukrainian),
            ]),
            SitemapURL(loc: "https://news.example/search?q=a&b=<c>", lastmod: nil, alternates: []),
        ])
        #expect(text.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">"))
        #expect(text.contains("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://news.example/2025/06/30/budget\"/>"))
        let root = try ParsedXML.parse(text)
        #expect(root.name == "urlset" && root.namespace == Self.sitemapNS)
        let urls = root.children("url", Self.sitemapNS)
        #expect(urls.count == 2)
        #expect(urls[0].child("loc", Self.sitemapNS)?.text == english)
        #expect(urls[0].child("lastmod", Self.sitemapNS)?.text == "2025-06-30T16:53:00Z")
        #expect(urls[0].children("link", Self.xhtmlNS).map(\.attributes) == [
            ["rel": "alternate", "hreflang": "en", "href": english],
            ["rel": "alternate", "hreflang": "uk", "href": ukrainian],
            ["rel": "alternate", "hreflang": "x-default", "href": ukrainian],
        ])
        #expect(urls[1].child("loc", Self.sitemapNS)?.text == "https://news.example/search?q=a&b=<c>")
        #expect(urls[1].child("lastmod", Self.sitemapNS) == nil)
        #expect(urls[1].children("link", Self.xhtmlNS).isEmpty)
        // The elements the schema orders: loc, lastmod, then the extension elements.
        #expect(urls[0].elements.map(\.name) == ["loc", "lastmod", "link", "link", "link"])
    }

    @Test("lastmod is always a W3C datetime in UTC with seconds and Z")
    func lastmodFormat() throws {
        let dates = [0, 1_751_302_380.5, 951_782_400, 4_102_444_799, -86_400].map { Date(timeIntervalSince1970: $0) }
        let root = try ParsedXML.parse(SitemapWriter.urlset(dates.map { SitemapURL(loc: "https://news.example/", lastmod: $0, alternates: []) }))
        let values = root.children("url", Self.sitemapNS).compactMap { $0.child("lastmod", Self.sitemapNS)?.text }
        #expect(values == ["1970-01-01T00:00:00Z", "2025-06-30T16:53:00Z", "2000-02-29T00:00:00Z", "2099-12-31T23:59:59Z", "1969-12-31T00:00:00Z"])
        for value in values {
            #expect(value.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/) != nil)
        }
    }

    @Test("a news sitemap carries publication name and language, publication date and title")
    func news() throws {
        let text = SitemapWriter.news([
            NewsSitemapItem(
                loc: "https://news.example/2025/06/30/budget", publicationName: "Broadsheet", language: "uk",
                publicationDate: Self.monday, title: "Рада ухвалила бюджет & <усе> \u{1}"
            ),
            NewsSitemapItem(
                loc: "https://news.example/eng/2025/06/30/budget", publicationName: "Broadsheet", language: "en-GB",
                publicationDate: Self.monday.addingTimeInterval(-60), title: "Parliament passes the budget"
            ),
        ])
        #expect(text.contains("xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\""))
        let root = try ParsedXML.parse(text)
        #expect(root.name == "urlset" && root.namespace == Self.sitemapNS)
        let urls = root.children("url", Self.sitemapNS)
        #expect(urls.count == 2)
        #expect(urls[0].child("loc", Self.sitemapNS)?.text == "https://news.example/2025/06/30/budget")
        let news = try #require(urls[0].child("news", Self.newsNS))
        #expect(news.elements.map(\.name) == ["publication", "publication_date", "title"])
        let publication = try #require(news.child("publication", Self.newsNS))
        #expect(publication.child("name", Self.newsNS)?.text == "Broadsheet")
        #expect(publication.child("language", Self.newsNS)?.text == "uk")
        #expect(news.child("publication_date", Self.newsNS)?.text == "2025-06-30T16:53:00Z")
        #expect(news.child("title", Self.newsNS)?.text == "Рада ухвалила бюджет & <усе> ")
        let second = try #require(urls[1].child("news", Self.newsNS))
        #expect(second.child("publication", Self.newsNS)?.child("language", Self.newsNS)?.text == "en")
        #expect(second.child("publication_date", Self.newsNS)?.text == "2025-06-30T16:52:00Z")
        #expect(SitemapWriter.newsLanguage("zh-TW") == "zh-tw")
        #expect(SitemapWriter.newsLanguage("ru") == "ru")
    }

    @Test("robots.txt: every user agent, one Disallow per path, one Sitemap line per sitemap")
    func robots() {
        #expect(SitemapWriter.robots(
            sitemaps: ["https://news.example/sitemap.xml", "https://news.example/news-sitemap.xml"],
            disallow: ["/admin/", "/newsroom/"]
        ) == """
            User-agent: *
            Disallow: /admin/
            Disallow: /newsroom/

            Sitemap: https://news.example/sitemap.xml
            Sitemap: https://news.example/news-sitemap.xml

            """)
        #expect(SitemapWriter.robots(sitemaps: [], disallow: []) == "User-agent: *\nDisallow:\n")
        // A value cannot smuggle in a rule of its own.
        #expect(SitemapWriter.robots(sitemaps: ["https://news.example/s.xml\nDisallow: /"], disallow: ["/admin/\r\nAllow: /"])
            == "User-agent: *\nDisallow: /admin/Allow: /\n\nSitemap: https://news.example/s.xmlDisallow: /\n")
    }

    @Test("empty lists and hostile values still give well-formed sitemaps")
    func wellFormed() throws {
        for text in [SitemapWriter.index([]), SitemapWriter.urlset([]), SitemapWriter.news([])] {
            let root = try ParsedXML.parse(text)
            #expect(root.elements.isEmpty)
        }
        let hostile = "https://news.example/?a=1&b=\"2\"&c='3'<>\u{0}\u{FFFF}]]>"
        let root = try ParsedXML.parse(SitemapWriter.urlset([
            SitemapURL(loc: hostile, lastmod: nil, alternates: [(hreflang: "uk", href: hostile)]),
        ]))
        let url = try #require(root.child("url", Self.sitemapNS))
        #expect(url.child("loc", Self.sitemapNS)?.text == "https://news.example/?a=1&b=\"2\"&c='3'<>]]>")
        #expect(url.child("link", Self.xhtmlNS)?.attributes["href"] == "https://news.example/?a=1&b=\"2\"&c='3'<>]]>")
    }
}
