import Testing

@testable import BroadsheetDomain

@Suite("Site paths")
struct SitePathTests {
    static let editions = Editions.standard
    static let day = LocalDay(year: 2025, month: 6, day: 30)!

    static let paths: [SitePath] = [
        .home(.ukrainian), .home(.english), .allNews(.russian, page: 1), .allNews(.english, page: 3),
        .day(.english, day), .article(.english, day, slug: "parliament-passes-budget"),
        .article(.ukrainian, day, slug: "rada-ukhvalyla-biudzhet"), .section(.english, slug: "politics", page: 1),
        .tag(.russian, slug: "energetika", page: 2), .author(.english, slug: "olena-koval", page: 1),
        .feed(.english, .edition, .rss), .feed(.ukrainian, .edition, .json), .feed(.english, .tag("energy"), .atom),
        .feed(.russian, .section("politika"), .rss), .feed(.english, .author("olena-koval"), .json),
        .sitemapIndex(.english), .sitemapIndex(.ukrainian), .sitemap(.russian, page: 2), .pagesSitemap(.english),
        .newsSitemap(.english), .rootSitemap, .robots, .stylesheet(file: "site.0123456789ab.css"),
        .photo(file: "abc.png"),
    ]

    @Test("every path prints a link that matches back to the same page", arguments: paths)
    func roundTrip(path: SitePath) {
        let printed = path.path
        let parts = printed.split(separator: "?", maxSplits: 1)
        let page = parts.count > 1 ? String(parts[1].dropFirst("page=".count)) : nil
        #expect(SitePath.match(path: String(parts[0]), page: page, editions: Self.editions) == .page(path))
    }

    @Test("printed forms", arguments: [
        (SitePath.home(.english), "/eng/"), (.home(.ukrainian), "/"),
        (.article(.english, day, slug: "a-b"), "/eng/news/2025/06/30/a-b/"),
        (.allNews(.english, page: 2), "/eng/news/?page=2"), (.feed(.english, .tag("energy"), .rss), "/eng/tags/energy/rss.xml"),
        (.newsSitemap(.russian), "/rus/sitemap-news.xml"), (.sitemap(.ukrainian, page: 1), "/sitemap-1.xml"),
        (.robots, "/robots.txt"), (.rootSitemap, "/sitemap.xml"),
    ])
    func printed(path: SitePath, expected: String) {
        #expect(path.path == expected)
    }

    @Test("unknown, malformed and misplaced paths are not found in the right edition", arguments: [
        ("/eng/nothing/", "en"), ("/news/2025/13/01/", "uk"), ("/eng/news/2025/02/30/x/", "en"),
        ("/rus/robots.txt", "ru"), ("/eng/sitemap.xml", "en"), ("/eng/tags/Energy/", "en"), ("/eng/sitemap-0.xml", "en"),
        ("/eng/sitemap-01.xml", "en"), ("/eng/news/2025/06/30/a/b/", "en"), ("/admin-like/", "uk"),
    ])
    func notFound(path: String, edition: String) {
        #expect(SitePath.match(path: path, page: nil, editions: Self.editions) == .notFound(Self.editions.edition(code: edition)!))
    }

    @Test("a page without its trailing slash redirects; a bad page number is not found")
    func redirectsAndPages() {
        #expect(SitePath.match(path: "/eng/news", page: nil, editions: Self.editions) == .redirect(to: "/eng/news/"))
        #expect(SitePath.match(path: "/eng", page: nil, editions: Self.editions) == .redirect(to: "/eng/"))
        #expect(SitePath.match(path: "/eng/news/", page: "0", editions: Self.editions) == .notFound(.english))
        #expect(SitePath.match(path: "/eng/news/", page: "x", editions: Self.editions) == .notFound(.english))
    }
}
