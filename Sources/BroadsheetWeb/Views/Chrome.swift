import BroadsheetDomain
import BroadsheetStorage
import Foundation

/// What the layout around every public page shows: head, masthead, menus and footer.
struct Chrome {
    struct MenuLink {
        let name: String
        let path: String
        let current: Bool
    }
    struct EditionLink {
        let name: String
        let path: String
        let lang: String
        let current: Bool
    }
    struct Alternate {
        let lang: String
        let href: String
    }
    struct Support {
        let url: String
    }
    struct Banner {
        let text: String
        let url: String?
    }
    struct FooterLink {
        let label: String
        let url: String
    }
    /// The edition's own footer lines, as its newsroom wrote them.
    struct Footer {
        let paragraphs: [String]
        let links: [FooterLink]
    }
    struct SocialImage {
        let url: String
        let width: Int
        let height: Int
        let alt: String
    }
    struct FeedLink {
        let type: String
        let title: String
        let href: String
    }

    let lang: String
    let title: String
    let description: String?
    let canonical: String
    let siteName: String
    let homePath: String
    let allNewsPath: String
    let allNewsCurrent: Bool
    let stylesheet: String
    let sections: [MenuLink]
    let editionLinks: [EditionLink]
    let alternates: [Alternate]
    let support: Support?
    let banner: Banner?
    let footer: Footer?
    let ogType: String
    let ogLocale: String
    let socialTitle: String
    let image: SocialImage?
    let twitterCard: String
    let feeds: [FeedLink]
    let jsonLD: [String]
    /// `<meta name="robots">`, for pages search engines should not keep (search results).
    let robots: String?
    /// The edition's search page, for the search box in the masthead.
    let searchPath: String
    let t: [String: String]
}

/// What a page adds to the head: its Open Graph type and image, feeds, JSON-LD, the x-default alternate.
struct HeadExtras {
    var ogType = "website"
    var image: Chrome.SocialImage?
    /// The page's own feeds (a section's, a tag's), listed before the edition's.
    var feeds: [(scope: SitePath.FeedScope, title: String)] = []
    var jsonLD: [[String: Any]] = []
    var xDefault: SitePath?
    var robots: String?
}

/// Builds the chrome for one page of one edition.
struct ChromeBuilder {
    let site: SiteContext
    let edition: EditionContext
    let sections: [Section]
    let support: SupportCall?
    var banner: BreakingBanner? = nil
    var footer: EditionFooter? = nil

    /// - Parameters:
    ///   - switcher: where each other edition's link leads (by edition code); its home page otherwise.
    ///   - alternates: hreflang alternates (edition code -> path), the page's own edition included.
    func chrome(
        title: String?, description: String?, path: SitePath, currentSectionID: Int? = nil,
        switcher: [String: SitePath] = [:], alternates: [String: SitePath] = [:], allNewsCurrent: Bool = false,
        extras: HeadExtras = HeadExtras()
    ) -> Chrome {
        let siteName = site.configuration.siteName
        let configuration = site.configuration
        return Chrome(
            lang: edition.edition.code,
            title: title.map { "\($0) — \(siteName)" } ?? siteName,
            // Every page gets a description: its own, else the edition's.
            description: description.flatMap { $0.isEmpty ? nil : $0 } ?? edition.strings["homeDescription"],
            canonical: configuration.absoluteURL(path.path),
            siteName: siteName,
            homePath: SitePath.home(edition.edition).path,
            allNewsPath: SitePath.allNews(edition.edition, page: 1).path,
            allNewsCurrent: allNewsCurrent,
            stylesheet: site.stylesheet.path,
            sections: sections.map {
                Chrome.MenuLink(
                    name: $0.name, path: SitePath.section(edition.edition, slug: $0.slug, page: 1).path,
                    current: $0.id == currentSectionID)
            },
            editionLinks: configuration.editions.all.map { other in
                let target = other == edition.edition ? path : (switcher[other.code] ?? .home(other))
                return Chrome.EditionLink(
                    name: other.name, path: target.path, lang: other.code, current: other == edition.edition)
            },
            alternates: configuration.editions.all.compactMap { other in
                alternates[other.code].map { Chrome.Alternate(lang: other.code, href: configuration.absoluteURL($0.path)) }
            } + (extras.xDefault.map { [Chrome.Alternate(lang: "x-default", href: configuration.absoluteURL($0.path))] } ?? []),
            support: support.flatMap { $0.url.isEmpty ? nil : Chrome.Support(url: $0.url) },
            banner: banner.map { Chrome.Banner(text: $0.text, url: $0.url.isEmpty ? nil : $0.url) },
            footer: footer.map { footer in
                // Checked when saved; checked again here for values that came another way (a copied database).
                Chrome.Footer(
                    paragraphs: footer.paragraphs,
                    links: footer.links.filter { LinkPolicy.isAllowed($0.url) }.map { Chrome.FooterLink(label: $0.label, url: $0.url) })
            },
            ogType: extras.ogType,
            ogLocale: edition.edition.localeIdentifier,
            socialTitle: title ?? siteName,
            image: extras.image,
            twitterCard: extras.image == nil ? "summary" : "summary_large_image",
            feeds: feedLinks(extras.feeds),
            jsonLD: extras.jsonLD.map(StructuredData.serialise),
            robots: extras.robots,
            searchPath: SitePath.search(edition.edition).path,
            t: edition.strings.values)
    }

    /// Autodiscovery: the page's own feeds first, then the edition's RSS, Atom and JSON Feed.
    private func feedLinks(_ own: [(scope: SitePath.FeedScope, title: String)]) -> [Chrome.FeedLink] {
        let edition = self.edition.edition
        let siteName = site.configuration.siteName
        let types: [(SitePath.FeedFormat, String, String)] = [
            (.rss, "application/rss+xml", "RSS"), (.atom, "application/atom+xml", "Atom"),
            (.json, "application/feed+json", "JSON Feed"),
        ]
        var links: [Chrome.FeedLink] = []
        for (scope, title) in own + [(.edition, siteName)] {
            for (format, type, name) in types where scope == .edition || format != .json {
                links.append(
                    Chrome.FeedLink(type: type, title: "\(title) (\(name))", href: SitePath.feed(edition, scope, format).path))
            }
        }
        return links
    }
}
