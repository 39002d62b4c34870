import Foundation

/// One page in a sitemap, with its language versions.
struct SitemapURL: Sendable {
    let loc: String  // absolute
    let lastmod: Date?
    /// Written as `<xhtml:link rel="alternate" hreflang href>`, in the order given; Google wants
    /// the page itself among them, and "x-default" where there is one: the caller passes both.
    let alternates: [(hreflang: String, href: String)]
}

/// One article in a Google News sitemap.
struct NewsSitemapItem: Sendable {
    let loc: String  // absolute
    let publicationName: String
    let language: String  // ISO 639: "uk", "ru", "en"
    let publicationDate: Date
    let title: String
}

/// Pure writers of sitemaps (sitemaps.org 0.9, with hreflang alternates and Google News) and
/// robots.txt. Serve the XML as `application/xml; charset=utf-8`, robots.txt as
/// `text/plain; charset=utf-8`. Dates are W3C Datetime in UTC ("2025-06-30T16:53:00Z").
///
/// The sitemaps.org schema wants at least one `<url>` / `<sitemap>`: an empty list gives a
/// well-formed document that schema validators reject, so callers should list something
/// (the edition homes, say) or not serve an empty sitemap.
enum SitemapWriter {
    static let sitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    static let xhtmlNamespace = "http://www.w3.org/1999/xhtml"
    static let newsNamespace = "http://www.google.com/schemas/sitemap-news/0.9"
    /// The protocol's limit for one sitemap or sitemap index (also 50 MB uncompressed).
    static let maximumURLs = 50_000
    /// Google reads at most this many URLs from one news sitemap (articles of the last two days).
    static let maximumNewsURLs = 1_000

    static func index(_ sitemaps: [(loc: String, lastmod: Date?)]) -> String {
        precondition(sitemaps.count <= maximumURLs, "a sitemap index lists at most 50,000 sitemaps")
        var xml = XMLWriter(capacity: 128 + sitemaps.count * 128)
        xml.declaration()
        xml.open("sitemapindex", [("xmlns", sitemapNamespace)])
        for sitemap in sitemaps {
            xml.open("sitemap")
            xml.element("loc", sitemap.loc)
            if let lastmod = sitemap.lastmod {
                xml.element("lastmod", MachineDate.rfc3339(lastmod))
            }
            xml.close("sitemap")
        }
        xml.close("sitemapindex")
        return xml.output
    }

    static func urlset(_ urls: [SitemapURL]) -> String {
        precondition(urls.count <= maximumURLs, "a sitemap lists at most 50,000 URLs: page them")
        var xml = XMLWriter(capacity: 256 + urls.count * 512)
        xml.declaration()
        xml.open("urlset", [("xmlns", sitemapNamespace), ("xmlns:xhtml", xhtmlNamespace)])
        for url in urls {
            xml.open("url")
            xml.element("loc", url.loc)
            if let lastmod = url.lastmod {
                xml.element("lastmod", MachineDate.rfc3339(lastmod))
            }
            for alternate in url.alternates {
                xml.empty("xhtml:link", [("rel", "alternate"), ("hreflang", alternate.hreflang), ("href", alternate.href)])
            }
            xml.close("url")
        }
        xml.close("urlset")
        return xml.output
    }

    /// A Google News sitemap. Google reads at most 1,000 URLs from one (`maximumNewsURLs`;
    /// more are written all the same) and only articles published in the last two days.
    static func news(_ items: [NewsSitemapItem]) -> String {
        precondition(items.count <= maximumURLs, "a sitemap lists at most 50,000 URLs")
        var xml = XMLWriter(capacity: 256 + items.count * 512)
        xml.declaration()
        xml.open("urlset", [("xmlns", sitemapNamespace), ("xmlns:news", newsNamespace)])
        for item in items {
            xml.open("url")
            xml.element("loc", item.loc)
            xml.open("news:news")
            xml.open("news:publication")
            xml.element("news:name", item.publicationName)
            xml.element("news:language", newsLanguage(item.language))
            xml.close("news:publication")
            xml.element("news:publication_date", MachineDate.rfc3339(item.publicationDate))
            xml.element("news:title", item.title)
            xml.close("news:news")
            xml.close("url")
        }
        xml.close("urlset")
        return xml.output
    }

    /// robots.txt for every user agent: one `Disallow:` line per path (an empty `Disallow:`,
    /// which allows everything, when there are none), then one `Sitemap:` line per absolute
    /// sitemap URL. Line breaks inside values are removed so no value can add a rule.
    static func robots(sitemaps: [String], disallow: [String]) -> String {
        var lines = ["User-agent: *"]
        let paths = disallow.map(singleLine).filter { !$0.isEmpty }
        if paths.isEmpty {
            lines.append("Disallow:")
        } else {
            lines += paths.map { "Disallow: " + $0 }
        }
        let maps = sitemaps.map(singleLine).filter { !$0.isEmpty }
        if !maps.isEmpty {
            lines.append("")
            lines += maps.map { "Sitemap: " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Google News takes ISO 639 codes, lower-case, with zh-cn and zh-tw the only regional ones:
    /// "en-GB" and "en_GB" are written "en", "zh-TW" is written "zh-tw".
    static func newsLanguage(_ language: String) -> String {
        let lower = language.lowercased().replacingOccurrences(of: "_", with: "-")
        if lower == "zh-cn" || lower == "zh-tw" { return lower }
        return String(lower.prefix { $0 != "-" })
    }

    private static func singleLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !CharacterSet.newlines.contains($0) && $0 != "\0" }))
            .trimmingCharacters(in: .whitespaces)
    }
}
