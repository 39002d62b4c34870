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

    static func website(name: String, url: String, language: String) -> [String: Any] {
        ["@context": "https://schema.org", "@type": "WebSite", "name": name, "url": url, "inLanguage": language]
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
        var json = ""
        json.reserveCapacity(1024)
        write(object, into: &json)
        // Foundation's replacing is slow even when there is nothing to replace; most pages have no "<!--".
        return json.utf8.contains(UInt8(ascii: "<")) && json.contains("<!--")
            ? json.replacingOccurrences(of: "<!--", with: "<\\!--") : json
    }

    private static func write(_ value: Any, into json: inout String) {
        switch value {
        case let text as String:
            json += "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": json += "\\\""
                case "\\": json += "\\\\"
                case "/": json += "\\/"
                case "\n": json += "\\n"
                case "\r": json += "\\r"
                case "\t": json += "\\t"
                case "\u{08}": json += "\\b"
                case "\u{0C}": json += "\\f"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: json.unicodeScalars.append(scalar)
                }
            }
            json += "\""
        case let number as Int:
            json += String(number)
        case let flag as Bool:
            json += flag ? "true" : "false"
        case let list as [Any]:
            json += "["
            for (index, item) in list.enumerated() {
                if index > 0 { json += "," }
                write(item, into: &json)
            }
            json += "]"
        case let object as [String: Any]:
            json += "{"
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { json += "," }
                write(key, into: &json)
                json += ":"
                write(object[key]!, into: &json)
            }
            json += "}"
        default:
            json += "null"
        }
    }
}
