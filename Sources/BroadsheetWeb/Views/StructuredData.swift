import BroadsheetDomain
import Foundation

/// JSON-LD for search engines and aggregators: schema.org types, serialised safely for a `<script>` element.
enum StructuredData {
    /// schema.org's subtype for each kind, where one fits.
    static func type(of kind: ArticleKind) -> String {
        switch kind {
        case .news, .interview: "NewsArticle"
        case .opinion: "OpinionNewsArticle"
        case .explainer: "BackgroundNewsArticle"
        case .analysis: "AnalysisNewsArticle"
        case .feature: "ReportageNewsArticle"
        case .live: "LiveBlogPosting"
        }
    }

    static func organization(name: String, url: String, logo: String) -> [String: Any] {
        [
            "@context": "https://schema.org", "@type": "Organization", "name": name, "url": url,
            "logo": ["@type": "ImageObject", "url": logo],
        ]
    }

    /// The site, and with `searchURL` (the search page's URL up to `?q=`) how search engines may offer a search
    /// box for it: a `SearchAction` whose target takes the query in place of `{search_term_string}`.
    static func website(name: String, url: String, language: String, searchURL: String? = nil) -> [String: Any] {
        var website: [String: Any] = [
            "@context": "https://schema.org", "@type": "WebSite", "name": name, "url": url, "inLanguage": language,
        ]
        if let searchURL {
            website["potentialAction"] = [
                "@type": "SearchAction",
                "target": ["@type": "EntryPoint", "urlTemplate": searchURL + "?q={search_term_string}"],
                "query-input": "required name=search_term_string",
            ] as [String: Any]
        }
        return website
    }

    static func breadcrumbs(_ items: [(name: String, url: String)]) -> [String: Any] {
        [
            "@context": "https://schema.org", "@type": "BreadcrumbList",
            "itemListElement": items.enumerated().map { index, item in
                ["@type": "ListItem", "position": index + 1, "name": item.name, "item": item.url] as [String: Any]
            },
        ]
    }

    struct ArticleFacts {
        let kind: ArticleKind
        let headline: String
        let description: String
        let url: String
        let published: Date
        let modified: Date
        let language: String
        let authors: [(name: String, url: String)]
        let image: (url: String, width: Int, height: Int)?
        let section: String?
        let keywords: [String]
        let publisherName: String
        let publisherURL: String
        let logo: String
    }

    static func article(_ facts: ArticleFacts) -> [String: Any] {
        var item: [String: Any] = [
            "@context": "https://schema.org", "@type": type(of: facts.kind), "headline": facts.headline,
            "datePublished": ISO8601.string(facts.published), "dateModified": ISO8601.string(facts.modified),
            "inLanguage": facts.language, "mainEntityOfPage": ["@type": "WebPage", "@id": facts.url], "url": facts.url,
            "author": facts.authors.map { ["@type": "Person", "name": $0.name, "url": $0.url] },
            "publisher": [
                "@type": "Organization", "name": facts.publisherName, "url": facts.publisherURL,
                "logo": ["@type": "ImageObject", "url": facts.logo],
            ],
            // Without a photo the logo stands in: consumers want an image on every article.
            "image": facts.image.map {
                [["@type": "ImageObject", "url": $0.url, "width": $0.width, "height": $0.height]]
            } ?? [["@type": "ImageObject", "url": facts.logo]],
        ]
        if facts.authors.isEmpty {
            item["author"] = [["@type": "Organization", "name": facts.publisherName, "url": facts.publisherURL]]
        }
        if !facts.description.isEmpty { item["description"] = facts.description }
        if let section = facts.section { item["articleSection"] = section }
        if !facts.keywords.isEmpty { item["keywords"] = facts.keywords.joined(separator: ", ") }
        if facts.kind == .live { item["coverageStartTime"] = ISO8601.string(facts.published) }
        return item
    }

    /// JSON with "/" escaped, so that "</script>" in a headline cannot close the element.
    /// JSON with sorted keys, "/" written as "\\/" (so no "</script>" can appear) and "<!--" as "<\\!--".
    /// Written here rather than by JSONSerialization, which took a tenth of an article page's render time.
    static func serialise(_ object: [String: Any]) -> String {
        var json: [UInt8] = []
        json.reserveCapacity(2048)
        write(object, into: &json)
        let text = String(decoding: json, as: UTF8.self)
        // Foundation's replacing is slow even when there is nothing to replace; most pages have no "<!--".
        return json.contains(UInt8(ascii: "<")) && text.contains("<!--")
            ? text.replacingOccurrences(of: "<!--", with: "<\\!--") : text
    }

    /// Writes UTF-8 bytes: every character JSON escapes is ASCII, and no byte of a multi-byte character is, so
    /// the text is copied in runs between escapes instead of one character at a time.
    private static func write(_ value: Any, into json: inout [UInt8]) {
        switch value {
        case let text as String:
            json.append(UInt8(ascii: "\""))
            var text = text
            text.withUTF8 { bytes in
                var run = 0
                for (index, byte) in bytes.enumerated() {
                    let escape: String? =
                        switch byte {
                        case UInt8(ascii: "\""): "\\\""
                        case UInt8(ascii: "\\"): "\\\\"
                        case UInt8(ascii: "/"): "\\/"
                        case 0x0A: "\\n"
                        case 0x0D: "\\r"
                        case 0x09: "\\t"
                        case 0x08: "\\b"
                        case 0x0C: "\\f"
                        case ..<0x20:
                            "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
                        default: nil
                        }
                    guard let escape else { continue }
                    json.append(contentsOf: bytes[run..<index])
                    json.append(contentsOf: escape.utf8)
                    run = index + 1
                }
                json.append(contentsOf: bytes[run...])
            }
            json.append(UInt8(ascii: "\""))
        case let number as Int:
            json.append(contentsOf: String(number).utf8)
        case let flag as Bool:
            json.append(contentsOf: (flag ? "true" : "false").utf8)
        case let list as [Any]:
            json.append(UInt8(ascii: "["))
            for (index, item) in list.enumerated() {
                if index > 0 { json.append(UInt8(ascii: ",")) }
                write(item, into: &json)
            }
            json.append(UInt8(ascii: "]"))
        case let object as [String: Any]:
            json.append(UInt8(ascii: "{"))
            for (index, entry) in object.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { json.append(UInt8(ascii: ",")) }
                write(entry.key, into: &json)
                json.append(UInt8(ascii: ":"))
                write(entry.value, into: &json)
            }
            json.append(UInt8(ascii: "}"))
        default:
            json.append(contentsOf: "null".utf8)
        }
    }
}
