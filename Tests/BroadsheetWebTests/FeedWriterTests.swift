import BroadsheetDomain
import Foundation
import Testing

@testable import BroadsheetWeb

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("FeedWriter")
struct FeedWriterTests {
    static let atomNS = "http://www.w3.org/2005/Atom"
    static let dcNS = "http://purl.org/dc/elements/1.1/"
    static let contentNS = "http://purl.org/rss/1.0/modules/content/"
    static let mediaNS = "http://search.yahoo.com/mrss/"

    /// 2025-06-30T16:53:00Z, a Monday.
    static let monday = Date(timeIntervalSince1970: 1_751_302_380)

    /// What every hostile string should come back as: the input without what XML 1.0 forbids.
    static let hostile = "Tom & Jerry <script>alert('x')</script> \"quoted\" ]]> a]]b ]] > &amp; "
        + "\u{0}\u{1}\u{8}\u{B}\u{C}\u{E}\u{1F}\u{FFFE}\u{FFFF}end "
        + "🇺🇦👩‍👩‍👧 \u{200F}עברית\u{200E} Київ — «лапки» \u{7F}\u{85}\u{9F}\u{FEFF}"
    static let hostileClean = "Tom & Jerry <script>alert('x')</script> \"quoted\" ]]> a]]b ]] > &amp; "
        + "end "
        + "🇺🇦👩‍👩‍👧 \u{200F}עברית\u{200E} Київ — «лапки» \u{7F}\u{85}\u{9F}\u{FEFF}"

    static func entry(
        _ slug: String, hoursAgo: Double = 0, title: String? = nil, summary: String = "The lead.",
        html: String? = "<p>Body.</p>", authors: [String] = ["Olena Kovalenko", "Ivan Petrenko"],
        categories: [String] = ["Politics", "Budget", "Parliament"],
        image: FeedImage? = FeedImage(url: "https://news.example/photos/1/large.jpg", width: 1200, height: 800, mediaType: "image/jpeg"),
        updatedAfter: Double = 0
    ) -> FeedEntry {
        let published = monday.addingTimeInterval(-hoursAgo * 3600)
        let url = "https://news.example/eng/2025/06/30/\(slug)"
        return FeedEntry(
            id: url, title: title ?? "Story \(slug)", url: url, published: published,
            updated: published.addingTimeInterval(updatedAfter), summary: summary, contentHTML: html,
            authors: authors, categories: categories, image: image
        )
    }

    static func channel(_ entries: [FeedEntry], title: String = "Broadsheet — Politics", language: String = "en") -> FeedChannel {
        FeedChannel(
            title: title, description: "The latest politics news", language: language,
            homeURL: "https://news.example/eng/politics/", feedURL: "https://news.example/eng/politics/feed.xml",
            updated: entries.first?.updated ?? monday, iconURL: "https://news.example/static/icon-192.png",
            entries: entries
        )
    }

    // MARK: RSS

    @Test("RSS 2.0 has the channel's and each item's required elements with the right values")
    func rssElements() throws {
        let first = Self.entry("budget-passes", html: "<p>Body with <a href=\"/x?a=1&amp;b=2\">link</a> and ]]> inside</p>", updatedAfter: 600)
        let rss = FeedWriter.rss(Self.channel([first]))
        #expect(rss.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss "))
        let root = try ParsedXML.parse(rss)
        #expect(root.name == "rss" && root.namespace == "")
        #expect(root.attributes["version"] == "2.0")
        let channel = try #require(root.child("channel"))
        #expect(channel.child("title")?.text == "Broadsheet — Politics")
        #expect(channel.child("link")?.text == "https://news.example/eng/politics/")
        #expect(channel.child("description")?.text == "The latest politics news")
        #expect(channel.child("language")?.text == "en")
        #expect(channel.child("lastBuildDate")?.text == "Mon, 30 Jun 2025 17:03:00 +0000")
        let selfLink = try #require(channel.child("link", Self.atomNS))
        #expect(selfLink.attributes["rel"] == "self")
        #expect(selfLink.attributes["href"] == "https://news.example/eng/politics/feed.xml")
        #expect(selfLink.attributes["type"] == "application/rss+xml")
        let image = try #require(channel.child("image"))
        #expect(image.child("url")?.text == "https://news.example/static/icon-192.png")
        #expect(image.child("title")?.text == "Broadsheet — Politics")
        #expect(image.child("link")?.text == "https://news.example/eng/politics/")

        let item = try #require(channel.child("item"))
        #expect(item.child("title")?.text == "Story budget-passes")
        #expect(item.child("link")?.text == first.url)
        let guid = try #require(item.child("guid"))
        #expect(guid.text == first.id)
        #expect(guid.attributes["isPermaLink"] == "true")
        #expect(item.child("pubDate")?.text == "Mon, 30 Jun 2025 16:53:00 +0000")
        #expect(item.children("creator", Self.dcNS).map(\.text) == ["Olena Kovalenko", "Ivan Petrenko"])
        #expect(item.children("category").map(\.text) == ["Politics", "Budget", "Parliament"])
        #expect(item.child("description")?.text == "The lead.")
        #expect(item.child("encoded", Self.contentNS)?.text == first.contentHTML)
        #expect(rss.contains("<content:encoded><![CDATA[<p>Body with"))
        let enclosure = try #require(item.child("enclosure"))
        #expect(enclosure.attributes == ["url": "https://news.example/photos/1/large.jpg", "length": "0", "type": "image/jpeg"])
        let media = try #require(item.child("content", Self.mediaNS))
        #expect(media.attributes == [
            "url": "https://news.example/photos/1/large.jpg", "medium": "image", "type": "image/jpeg",
            "width": "1200", "height": "800",
        ])
    }

    @Test("RSS leaves out what an entry lacks: no content:encoded, enclosure, media or creators")
    func rssOptionalParts() throws {
        let bare = Self.entry("bare", html: nil, authors: [" ", ""], categories: ["Politics", "Politics", " "], image: nil)
        let root = try ParsedXML.parse(FeedWriter.rss(Self.channel([bare])))
        let item = try #require(root.child("channel")?.child("item"))
        #expect(item.child("encoded", Self.contentNS) == nil)
        #expect(item.child("enclosure") == nil)
        #expect(item.child("content", Self.mediaNS) == nil)
        #expect(item.children("creator", Self.dcNS).isEmpty)
        #expect(item.children("category").map(\.text) == ["Politics"])
        #expect(item.child("description")?.text == "The lead.")
    }

    @Test("RSS dates are RFC 822 with English names and +0000, even for a Ukrainian channel")
    func rssDatesInEnglish() throws {
        let entries = (0..<7).map { Self.entry("day-\($0)", hoursAgo: Double($0) * 24 + 0.5) }
        let rss = FeedWriter.rss(Self.channel(entries, title: "Broadsheet — Політика", language: "uk"))
        let root = try ParsedXML.parse(rss)
        let dates = try #require(root.child("channel")?.children("item")).compactMap { $0.child("pubDate")?.text }
        #expect(dates == [
            "Mon, 30 Jun 2025 16:23:00 +0000", "Sun, 29 Jun 2025 16:23:00 +0000", "Sat, 28 Jun 2025 16:23:00 +0000",
            "Fri, 27 Jun 2025 16:23:00 +0000", "Thu, 26 Jun 2025 16:23:00 +0000", "Wed, 25 Jun 2025 16:23:00 +0000",
            "Tue, 24 Jun 2025 16:23:00 +0000",
        ])
        #expect(root.child("channel")?.child("language")?.text == "uk")
        #expect(!rss.contains("пн") && !rss.contains("черв"))
    }

    @Test("RFC 822 and RFC 3339 agree with a POSIX-locale DateFormatter across centuries, leap days and negative times")
    func dateFormatsMatchFoundation() {
        let rfc822 = DateFormatter()
        rfc822.locale = Locale(identifier: "en_US_POSIX")
        rfc822.timeZone = TimeZone(identifier: "UTC")
        rfc822.calendar = Calendar(identifier: .gregorian)
        rfc822.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let rfc3339 = DateFormatter()
        rfc3339.locale = Locale(identifier: "en_US_POSIX")
        rfc3339.timeZone = TimeZone(identifier: "UTC")
        rfc3339.calendar = Calendar(identifier: .gregorian)
        rfc3339.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        var generator = SystemRandomNumberGenerator()
        var samples: [TimeInterval] = [0, -1, -86_400, 951_782_400, 1_709_164_800, 1_709_251_199, 4_107_542_399, -2_208_988_800, 1_751_302_380.999]
        for _ in 0..<2000 {
            samples.append(TimeInterval(Int.random(in: -2_208_988_800...4_102_444_800, using: &generator)))
        }
        for seconds in samples {
            let date = Date(timeIntervalSince1970: seconds)
            let whole = Date(timeIntervalSince1970: seconds.rounded(.down))
            #expect(MachineDate.rfc822(date) == rfc822.string(from: whole), "\(seconds)")
            #expect(MachineDate.rfc3339(date) == rfc3339.string(from: whole), "\(seconds)")
        }
        #expect(MachineDate.rfc822(Self.monday) == "Mon, 30 Jun 2025 16:53:00 +0000")
        #expect(MachineDate.rfc3339(Self.monday) == "2025-06-30T16:53:00Z")
        #expect(MachineDate.rfc3339(Date(timeIntervalSince1970: 1_709_164_800)) == "2024-02-29T00:00:00Z")
    }

    // MARK: Atom

    @Test("Atom 1.0 has the feed's and each entry's required elements with the right values")
    func atomElements() throws {
        let first = Self.entry("budget-passes", html: "<p>Body & <b>bold</b> ]]></p>", updatedAfter: 3600)
        let atom = FeedWriter.atom(Self.channel([first], language: "uk"))
        #expect(atom.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed "))
        let feed = try ParsedXML.parse(atom)
        #expect(feed.name == "feed" && feed.namespace == Self.atomNS)
        #expect(feed.attributes["xml:lang"] == "uk")
        #expect(feed.child("id", Self.atomNS)?.text == "https://news.example/eng/politics/feed.xml")
        #expect(feed.child("title", Self.atomNS)?.text == "Broadsheet — Politics")
        #expect(feed.child("subtitle", Self.atomNS)?.text == "The latest politics news")
        #expect(feed.child("updated", Self.atomNS)?.text == "2025-06-30T17:53:00Z")
        #expect(feed.child("icon", Self.atomNS)?.text == "https://news.example/static/icon-192.png")
        let links = feed.children("link", Self.atomNS).map(\.attributes)
        #expect(links.contains(["rel": "self", "type": "application/atom+xml", "href": "https://news.example/eng/politics/feed.xml"]))
        #expect(links.contains(["rel": "alternate", "type": "text/html", "href": "https://news.example/eng/politics/"]))
        // Every entry names its authors, so the feed need not.
        #expect(feed.child("author", Self.atomNS) == nil)

        let entry = try #require(feed.child("entry", Self.atomNS))
        #expect(entry.child("id", Self.atomNS)?.text == first.id)
        #expect(entry.child("title", Self.atomNS)?.text == "Story budget-passes")
        #expect(entry.child("title", Self.atomNS)?.attributes["type"] == "text")
        let entryLinks = entry.children("link", Self.atomNS).map(\.attributes)
        #expect(entryLinks == [
            ["rel": "alternate", "type": "text/html", "href": first.url],
            ["rel": "enclosure", "type": "image/jpeg", "length": "0", "href": "https://news.example/photos/1/large.jpg"],
        ])
        #expect(entry.child("published", Self.atomNS)?.text == "2025-06-30T16:53:00Z")
        #expect(entry.child("updated", Self.atomNS)?.text == "2025-06-30T17:53:00Z")
        #expect(entry.children("author", Self.atomNS).compactMap { $0.child("name", Self.atomNS)?.text } == ["Olena Kovalenko", "Ivan Petrenko"])
        #expect(entry.children("category", Self.atomNS).compactMap { $0.attributes["term"] } == ["Politics", "Budget", "Parliament"])
        #expect(entry.child("summary", Self.atomNS)?.text == "The lead.")
        #expect(entry.child("summary", Self.atomNS)?.attributes["type"] == "text")
        let content = try #require(entry.child("content", Self.atomNS))
        #expect(content.attributes["type"] == "html")
        #expect(content.text == first.contentHTML)
        let media = try #require(entry.child("content", Self.mediaNS))
        #expect(media.attributes["url"] == "https://news.example/photos/1/large.jpg")
        #expect(media.attributes["width"] == "1200" && media.attributes["height"] == "800")
    }

    @Test("Atom names the feed as author when an entry has none, and leaves out content without HTML")
    func atomFallbacks() throws {
        let feed = try ParsedXML.parse(FeedWriter.atom(Self.channel([
            Self.entry("one"), Self.entry("anonymous", html: nil, authors: [], image: nil),
        ])))
        #expect(feed.child("author", Self.atomNS)?.child("name", Self.atomNS)?.text == "Broadsheet — Politics")
        let entries = feed.children("entry", Self.atomNS)
        #expect(entries.count == 2)
        #expect(entries[1].child("content", Self.atomNS) == nil)
        #expect(entries[1].children("author", Self.atomNS).isEmpty)
        #expect(entries[1].children("link", Self.atomNS).count == 1)
        #expect(entries[1].child("content", Self.mediaNS) == nil)
    }

    // MARK: JSON Feed

    @Test("JSON Feed 1.1 has the top-level and item fields, content_text when there is no HTML")
    func jsonFeedFields() throws {
        let first = Self.entry("budget-passes", updatedAfter: 60)
        let second = Self.entry("no-body", hoursAgo: 2, html: nil, authors: [], categories: [], image: nil)
        let text = FeedWriter.jsonFeed(Self.channel([first, second], language: "ru"))
        let feed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(feed["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(feed["title"] as? String == "Broadsheet — Politics")
        #expect(feed["home_page_url"] as? String == "https://news.example/eng/politics/")
        #expect(feed["feed_url"] as? String == "https://news.example/eng/politics/feed.xml")
        #expect(feed["language"] as? String == "ru")
        #expect(feed["description"] as? String == "The latest politics news")
        #expect(feed["icon"] as? String == "https://news.example/static/icon-192.png")
        let items = try #require(feed["items"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items[0]["id"] as? String == first.id)
        #expect(items[0]["url"] as? String == first.url)
        #expect(items[0]["title"] as? String == "Story budget-passes")
        #expect(items[0]["summary"] as? String == "The lead.")
        #expect(items[0]["content_html"] as? String == "<p>Body.</p>")
        #expect(items[0]["content_text"] == nil)
        #expect(items[0]["date_published"] as? String == "2025-06-30T16:53:00Z")
        #expect(items[0]["date_modified"] as? String == "2025-06-30T16:54:00Z")
        #expect((items[0]["authors"] as? [[String: String]]) == [["name": "Olena Kovalenko"], ["name": "Ivan Petrenko"]])
        #expect(items[0]["tags"] as? [String] == ["Politics", "Budget", "Parliament"])
        #expect(items[0]["image"] as? String == "https://news.example/photos/1/large.jpg")
        #expect(items[1]["content_html"] == nil)
        #expect(items[1]["content_text"] as? String == "The lead.")
        #expect(items[1]["authors"] == nil && items[1]["tags"] == nil && items[1]["image"] == nil)
        #expect(items[1]["date_published"] as? String == "2025-06-30T14:53:00Z")
        #expect(Self.jsonFeedProblems(feed).isEmpty)
        #expect(!text.contains("\\/"))
    }

    /// The rules of /work/shared/tools/webcheck's json_feed_problems.
    static func jsonFeedProblems(_ feed: [String: Any]) -> [String] {
        var problems: [String] = []
        if feed["version"] as? String != "https://jsonfeed.org/version/1.1" { problems.append("version") }
        for key in ["title", "home_page_url", "feed_url"] where ((feed[key] as? String) ?? "").isEmpty {
            problems.append("no \(key)")
        }
        guard let items = feed["items"] as? [[String: Any]], !items.isEmpty else { return problems + ["no items"] }
        for item in items {
            for key in ["id", "url", "title", "date_published"] where ((item[key] as? String) ?? "").isEmpty {
                problems.append("item has no \(key)")
            }
            if ((item["content_html"] as? String) ?? "").isEmpty && ((item["content_text"] as? String) ?? "").isEmpty {
                problems.append("item has no content")
            }
        }
        if Set(items.compactMap { $0["id"] as? String }).count != items.count { problems.append("ids not unique") }
        return problems
    }

    // MARK: Every format

    @Test("hostile titles, summaries, names, categories and HTML come back exactly, minus what XML forbids")
    func hostileText() throws {
        let html = "<p>" + Self.hostile + "</p><![CDATA[x]]>"
        let entry = FeedEntry(
            id: "https://news.example/a?x=1&y=<2>&z=\"3\"", title: Self.hostile, url: "https://news.example/a?x=1&y=<2>&z=\"3\"",
            published: Self.monday, updated: Self.monday,
            summary: Self.hostile + "\r\nsecond line\twith a tab\n\n",
            contentHTML: html, authors: [Self.hostile], categories: [Self.hostile + "\ttab\nline"],
            image: FeedImage(url: "https://news.example/p.jpg?a=1&b='2'", width: 10, height: 10, mediaType: "image/jpeg")
        )
        let channel = FeedChannel(
            title: Self.hostile, description: Self.hostile, language: "uk", homeURL: "https://news.example/?a=1&b=2",
            feedURL: "https://news.example/feed?a=1&b=2", updated: Self.monday, iconURL: nil, entries: [entry]
        )
        let summary = Self.hostileClean + "\r\nsecond line\twith a tab\n\n"
        let cleanHTML = "<p>" + Self.hostileClean + "</p><![CDATA[x]]>"
        let category = Self.hostileClean.trimmingCharacters(in: .whitespacesAndNewlines) + "\ttab\nline"
        let author = Self.hostileClean.trimmingCharacters(in: .whitespacesAndNewlines)

        let rss = try ParsedXML.parse(FeedWriter.rss(channel))
        let rssChannel = try #require(rss.child("channel"))
        #expect(rssChannel.child("title")?.text == Self.hostileClean)
        #expect(rssChannel.child("description")?.text == Self.hostileClean)
        let item = try #require(rssChannel.child("item"))
        #expect(item.child("title")?.text == Self.hostileClean)
        #expect(item.child("link")?.text == entry.url)
        // The item's description is HTML (as readers take it): the plain-text lead, HTML-escaped.
        #expect(item.child("description")?.text == HTMLEscaping.escape(summary))
        #expect(item.child("encoded", Self.contentNS)?.text == cleanHTML)
        #expect(item.child("creator", Self.dcNS)?.text == author)
        #expect(item.child("category")?.text == category)
        #expect(item.child("enclosure")?.attributes["url"] == "https://news.example/p.jpg?a=1&b='2'")

        let atom = try ParsedXML.parse(FeedWriter.atom(channel))
        #expect(atom.child("title", Self.atomNS)?.text == Self.hostileClean)
        #expect(atom.child("subtitle", Self.atomNS)?.text == Self.hostileClean)
        #expect(atom.child("id", Self.atomNS)?.text == "https://news.example/feed?a=1&b=2")
        let atomEntry = try #require(atom.child("entry", Self.atomNS))
        #expect(atomEntry.child("title", Self.atomNS)?.text == Self.hostileClean)
        #expect(atomEntry.child("id", Self.atomNS)?.text == entry.id)
        #expect(atomEntry.child("link", Self.atomNS)?.attributes["href"] == entry.url)
        #expect(atomEntry.child("summary", Self.atomNS)?.text == summary)
        #expect(atomEntry.child("content", Self.atomNS)?.text == cleanHTML)
        #expect(atomEntry.child("author", Self.atomNS)?.child("name", Self.atomNS)?.text == author)
        #expect(atomEntry.child("category", Self.atomNS)?.attributes["term"] == category)

        let json = try #require(try JSONSerialization.jsonObject(with: Data(FeedWriter.jsonFeed(channel).utf8)) as? [String: Any])
        #expect(json["title"] as? String == Self.hostileClean)
        let jsonItem = try #require((json["items"] as? [[String: Any]])?.first)
        #expect(jsonItem["title"] as? String == Self.hostileClean)
        #expect(jsonItem["summary"] as? String == summary)
        #expect(jsonItem["content_html"] as? String == cleanHTML)
        #expect(jsonItem["id"] as? String == entry.id)
        #expect(jsonItem["tags"] as? [String] == [category])
    }

    @Test("XMLText escapes text and attributes, splits ]]> in CDATA and drops only forbidden characters")
    func xmlText() {
        #expect(XMLText.text("a & b < c > d \"e\" 'f'") == "a &amp; b &lt; c &gt; d \"e\" 'f'")
        #expect(XMLText.attribute("a & b < c > d \"e\" 'f'\t\n\r") == "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;&#9;&#10;&#13;")
        #expect(XMLText.text("]]>") == "]]&gt;")
        #expect(XMLText.cdata("a]]>b]]>") == "<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]>")
        #expect(XMLText.clean("\u{0}a\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{E}\u{1F} \u{D7FF}\u{E000}\u{FFFD}\u{FFFE}\u{FFFF}\u{10000}\u{10FFFF}")
            == "a\u{9}\u{A}\u{D} \u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}")
        #expect(XMLText.text("Київ 🇺🇦") == "Київ 🇺🇦")
    }

    @Test("entries keep the caller's order in every format")
    func order() throws {
        let entries = [Self.entry("c", hoursAgo: 0), Self.entry("a", hoursAgo: 1), Self.entry("b", hoursAgo: 1)]
        let ids = entries.map(\.id)
        let rss = try ParsedXML.parse(FeedWriter.rss(Self.channel(entries)))
        #expect(rss.child("channel")?.children("item").compactMap { $0.child("guid")?.text } == ids)
        let atom = try ParsedXML.parse(FeedWriter.atom(Self.channel(entries)))
        #expect(atom.children("entry", Self.atomNS).compactMap { $0.child("id", Self.atomNS)?.text } == ids)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(FeedWriter.jsonFeed(Self.channel(entries)).utf8)) as? [String: Any])
        #expect((json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ids)
    }

    @Test("an empty channel is still a valid feed in every format")
    func emptyChannel() throws {
        let channel = FeedChannel(
            title: "Broadsheet — Культура", description: "", language: "uk", homeURL: "https://news.example/culture/",
            feedURL: "https://news.example/culture/feed.xml", updated: Self.monday, iconURL: nil, entries: []
        )
        let rss = try ParsedXML.parse(FeedWriter.rss(channel))
        let rssChannel = try #require(rss.child("channel"))
        #expect(rssChannel.children("item").isEmpty)
        #expect(rssChannel.child("title")?.text == "Broadsheet — Культура")
        #expect(rssChannel.child("description") != nil)
        #expect(rssChannel.child("lastBuildDate")?.text == "Mon, 30 Jun 2025 16:53:00 +0000")
        #expect(rssChannel.child("image") == nil)

        let atom = try ParsedXML.parse(FeedWriter.atom(channel))
        #expect(atom.children("entry", Self.atomNS).isEmpty)
        #expect(atom.child("id", Self.atomNS)?.text == "https://news.example/culture/feed.xml")
        #expect(atom.child("updated", Self.atomNS)?.text == "2025-06-30T16:53:00Z")
        #expect(atom.child("author", Self.atomNS) == nil)
        #expect(atom.child("subtitle", Self.atomNS) == nil)

        let json = try #require(try JSONSerialization.jsonObject(with: Data(FeedWriter.jsonFeed(channel).utf8)) as? [String: Any])
        #expect((json["items"] as? [Any])?.isEmpty == true)
        #expect(json["title"] as? String == "Broadsheet — Культура")
        #expect(json["icon"] == nil && json["description"] == nil)
    }
}

/// XML parsed back into a small tree with Foundation's XMLParser (namespaces resolved), so tests
/// can check well-formedness and read element text and attributes.
final class ParsedXML {
    let namespace: String
    let name: String
    let attributes: [String: String]
    fileprivate(set) var elements: [ParsedXML] = []
    /// The element's own text: character data and CDATA, joined.
    fileprivate(set) var text = ""

    init(namespace: String, name: String, attributes: [String: String]) {
        self.namespace = namespace
        self.name = name
        self.attributes = attributes
    }

    func children(_ name: String, _ namespace: String = "") -> [ParsedXML] {
        elements.filter { $0.name == name && $0.namespace == namespace }
    }

    func child(_ name: String, _ namespace: String = "") -> ParsedXML? {
        children(name, namespace).first
    }

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ xml: String) throws -> ParsedXML {
        let parser = XMLParser(data: Data(xml.utf8))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root, builder.stack.isEmpty else {
            throw Malformed(description: "not well-formed: \(parser.parserError.map(String.init(describing:)) ?? "no root") at line \(parser.lineNumber)")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: ParsedXML?
        var stack: [ParsedXML] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            let element = ParsedXML(namespace: namespaceURI ?? "", name: elementName, attributes: attributes)
            if let parent = stack.last {
                parent.elements.append(element)
            } else {
                root = element
            }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}
