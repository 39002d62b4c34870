import BroadsheetDomain
import Foundation

/// An article's picture as feeds describe it.
struct FeedImage: Sendable, Equatable {
    let url: String  // absolute
    let width: Int
    let height: Int
    let mediaType: String  // "image/jpeg"
}

/// One article in a feed.
struct FeedEntry: Sendable {
    let id: String  // a stable unique id: the article's absolute canonical URL
    let title: String
    let url: String  // absolute
    let published: Date
    let updated: Date  // == published when never updated
    let summary: String  // the lead, plain text
    let contentHTML: String?  // the rendered body (already-safe HTML from our renderer)
    let authors: [String]  // names
    let categories: [String]  // section name then tag names
    let image: FeedImage?
}

/// A feed: what it mirrors, where it lives and its newest entries.
struct FeedChannel: Sendable {
    let title: String  // "Broadsheet — Politics"
    let description: String
    let language: String  // "uk", "ru", "en"
    let homeURL: String  // absolute: the page this feed mirrors
    let feedURL: String  // absolute: the feed's own URL (self link)
    let updated: Date  // the newest entry's updated time, or a fixed time when there are none
    let iconURL: String?  // absolute
    let entries: [FeedEntry]  // newest first, at most 50 (the caller limits)
}

/// Pure writers of RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents from a `FeedChannel`.
///
/// All three are UTF-8 text; serve them as `application/rss+xml`, `application/atom+xml` and
/// `application/feed+json` (each with `; charset=utf-8`). Characters XML 1.0 forbids (C0
/// controls other than tab/LF/CR, U+FFFE, U+FFFF) are dropped from every string, in the JSON
/// feed too, so the three formats carry the same text. Blank author names and categories are
/// left out, and repeated categories are listed once.
enum FeedWriter {
    static let rssNamespaces = [
        ("atom", "http://www.w3.org/2005/Atom"),
        ("dc", "http://purl.org/dc/elements/1.1/"),
        ("content", "http://purl.org/rss/1.0/modules/content/"),
        ("media", "http://search.yahoo.com/mrss/"),
    ]

    // MARK: RSS 2.0

    static func rss(_ channel: FeedChannel) -> String {
        var xml = XMLWriter()
        xml.declaration()
        xml.open("rss", [("version", "2.0")] + rssNamespaces.map { ("xmlns:\($0.0)", $0.1) })
        xml.open("channel")
        xml.element("title", channel.title)
        xml.element("link", channel.homeURL)
        xml.element("description", channel.description)
        if !channel.language.isEmpty {
            xml.element("language", channel.language)
        }
        xml.element("lastBuildDate", MachineDate.rfc822(channel.updated))
        xml.empty("atom:link", [("href", channel.feedURL), ("rel", "self"), ("type", "application/rss+xml")])
        if let icon = channel.iconURL, !icon.isEmpty {
            // RSS wants the image's title and link to match the channel's.
            xml.open("image")
            xml.element("url", icon)
            xml.element("title", channel.title)
            xml.element("link", channel.homeURL)
            xml.close("image")
        }
        for entry in channel.entries {
            xml.open("item")
            xml.element("title", entry.title)
            xml.element("link", entry.url)
            xml.element("guid", entry.id, [("isPermaLink", isAbsoluteURL(entry.id) ? "true" : "false")])
            xml.element("pubDate", MachineDate.rfc822(entry.published))
            for author in names(entry.authors) {
                xml.element("dc:creator", author)
            }
            for category in categories(entry.categories) {
                xml.element("category", category)
            }
            // Readers take an item's description as HTML: the plain-text lead is HTML-escaped before XML-escaping.
            xml.element("description", HTMLEscaping.escape(entry.summary))
            if let html = entry.contentHTML, !html.isEmpty {
                xml.raw("<content:encoded>" + XMLText.cdata(html) + "</content:encoded>")
            }
            if let image = entry.image {
                // The length of the picture in bytes is unknown here: 0 is the convention.
                xml.empty("enclosure", [("url", image.url), ("length", "0"), ("type", image.mediaType)])
                xml.empty("media:content", mediaAttributes(image))
            }
            xml.close("item")
        }
        xml.close("channel")
        xml.close("rss")
        return xml.output
    }

    // MARK: Atom 1.0 (RFC 4287)

    static func atom(_ channel: FeedChannel) -> String {
        var xml = XMLWriter()
        xml.declaration()
        var feedAttributes = [("xmlns", "http://www.w3.org/2005/Atom"), ("xmlns:media", "http://search.yahoo.com/mrss/")]
        if !channel.language.isEmpty {
            feedAttributes.append(("xml:lang", channel.language))
        }
        xml.open("feed", feedAttributes)
        xml.element("id", channel.feedURL)
        xml.element("title", channel.title, [("type", "text")])
        if !channel.description.isEmpty {
            xml.element("subtitle", channel.description, [("type", "text")])
        }
        xml.element("updated", MachineDate.rfc3339(channel.updated))
        xml.empty("link", [("rel", "self"), ("type", "application/atom+xml"), ("href", channel.feedURL)])
        xml.empty("link", [("rel", "alternate"), ("type", "text/html"), ("href", channel.homeURL)])
        // RFC 4287 4.1.1: a feed names an author unless every entry names its own.
        if channel.entries.contains(where: { names($0.authors).isEmpty }) {
            xml.open("author")
            xml.element("name", channel.title)
            xml.close("author")
        }
        if let icon = channel.iconURL, !icon.isEmpty {
            xml.element("icon", icon)
        }
        for entry in channel.entries {
            xml.open("entry")
            xml.element("id", entry.id)
            xml.element("title", entry.title, [("type", "text")])
            xml.empty("link", [("rel", "alternate"), ("type", "text/html"), ("href", entry.url)])
            xml.element("published", MachineDate.rfc3339(entry.published))
            xml.element("updated", MachineDate.rfc3339(max(entry.updated, entry.published)))
            for author in names(entry.authors) {
                xml.open("author")
                xml.element("name", author)
                xml.close("author")
            }
            for category in categories(entry.categories) {
                xml.empty("category", [("term", category)])
            }
            xml.element("summary", entry.summary, [("type", "text")])
            if let html = entry.contentHTML, !html.isEmpty {
                xml.element("content", html, [("type", "html")])
            }
            if let image = entry.image {
                xml.empty("link", [("rel", "enclosure"), ("type", image.mediaType), ("length", "0"), ("href", image.url)])
                xml.empty("media:content", mediaAttributes(image))
            }
            xml.close("entry")
        }
        xml.close("feed")
        return xml.output
    }

    // MARK: JSON Feed 1.1

    static func jsonFeed(_ channel: FeedChannel) -> String {
        let feed = JSONFeed(
            version: "https://jsonfeed.org/version/1.1",
            title: XMLText.clean(channel.title),
            home_page_url: channel.homeURL,
            feed_url: channel.feedURL,
            description: channel.description.isEmpty ? nil : XMLText.clean(channel.description),
            language: channel.language.isEmpty ? nil : channel.language,
            icon: channel.iconURL.flatMap { $0.isEmpty ? nil : $0 },
            items: channel.entries.map { entry in
                let html = entry.contentHTML.flatMap { $0.isEmpty ? nil : XMLText.clean($0) }
                let summary = XMLText.clean(entry.summary)
                let authors = names(entry.authors).map { JSONFeed.Author(name: $0) }
                let tags = categories(entry.categories)
                return JSONFeed.Item(
                    id: entry.id,
                    url: entry.url,
                    title: XMLText.clean(entry.title),
                    summary: summary,
                    content_html: html,
                    // JSON Feed wants one of content_html and content_text, never neither.
                    content_text: html == nil ? summary : nil,
                    date_published: MachineDate.rfc3339(entry.published),
                    date_modified: MachineDate.rfc3339(max(entry.updated, entry.published)),
                    authors: authors.isEmpty ? nil : authors,
                    tags: tags.isEmpty ? nil : tags,
                    image: entry.image?.url
                )
            }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and optionals cannot fail.
        let data = (try? encoder.encode(feed)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private struct JSONFeed: Encodable {
        struct Author: Encodable { let name: String }
        struct Item: Encodable {
            let id: String
            let url: String
            let title: String
            let summary: String
            let content_html: String?
            let content_text: String?
            let date_published: String
            let date_modified: String
            let authors: [Author]?
            let tags: [String]?
            let image: String?
        }
        let version: String
        let title: String
        let home_page_url: String
        let feed_url: String
        let description: String?
        let language: String?
        let icon: String?
        let items: [Item]
    }

    // MARK: Shared

    private static func mediaAttributes(_ image: FeedImage) -> [(String, String)] {
        var attributes = [("url", image.url), ("medium", "image"), ("type", image.mediaType)]
        if image.width > 0 && image.height > 0 {
            attributes += [("width", String(image.width)), ("height", String(image.height))]
        }
        return attributes
    }

    /// Author names without the blank ones.
    private static func names(_ authors: [String]) -> [String] {
        authors.map { XMLText.clean($0).trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Categories without the blank ones, each once, in their first place.
    private static func categories(_ categories: [String]) -> [String] {
        var seen = Set<String>()
        return categories
            .map { XMLText.clean($0).trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    private static func isAbsoluteURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }
}
