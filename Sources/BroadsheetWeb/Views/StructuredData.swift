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
    static func serialise(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "</", with: "<\\/")
            .replacingOccurrences(of: "<!--", with: "<\\!--")
    }
}
