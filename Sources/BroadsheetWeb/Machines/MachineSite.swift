import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird

/// What the site serves to machines: feeds, sitemaps and robots.txt, with validators for conditional requests.
struct MachineSite: Sendable {
    let site: SiteContext
    let queries: PublicQueries
    let clock: @Sendable () -> Date

    static let feedSize = 50
    // Well under the protocol's 50,000 (a page of 10,000 articles with translations is already ~8 MB).
    static let sitemapSize = 10_000
    static let newsWindow: TimeInterval = 48 * 3600

    /// The document for a machine path, or nil when there is no such document (404).
    func document(_ path: SitePath) async throws -> MachineDocument? {
        let now = clock()
        switch path {
        case .feed(let edition, let scope, let format):
            return try await feed(edition: edition, scope: scope, format: format, now: now)
        case .rootSitemap:
            var sitemaps: [(loc: String, lastmod: Date?)] = []
            for edition in site.configuration.editions.all { sitemaps += try await editionSitemaps(edition, now: now) }
            return MachineDocument(body: SitemapWriter.index(sitemaps), kind: .xml, lastModified: sitemaps.compactMap(\.lastmod).max())
        case .sitemapIndex(let edition):
            let sitemaps = try await editionSitemaps(edition, now: now)
            return MachineDocument(body: SitemapWriter.index(sitemaps), kind: .xml, lastModified: sitemaps.compactMap(\.lastmod).max())
        case .sitemap(let edition, let page):
            let count = try await queries.liveCount(edition: edition.code, now: now)
            guard page == 1 || (page - 1) * Self.sitemapSize < count else { return nil }
            let articles = try await queries.sitemapArticles(
                edition: edition.code, limit: Self.sitemapSize, offset: (page - 1) * Self.sitemapSize, now: now)
            let urls = articles.map { sitemapURL($0) }
            return MachineDocument(body: SitemapWriter.urlset(urls), kind: .xml, lastModified: articles.map(\.modifiedAt).max())
        case .pagesSitemap(let edition):
            let taxonomy = try await queries.taxonomy(edition: edition.code)
            var paths: [SitePath] = [.home(edition), .allNews(edition, page: 1)]
            paths += taxonomy.sections.map { .section(edition, slug: $0.slug, page: 1) }
            paths += taxonomy.tags.map { .tag(edition, slug: $0.slug, page: 1) }
            paths += taxonomy.authors.map { .author(edition, slug: $0.slug, page: 1) }
            let urls = paths.map { SitemapURL(loc: absolute($0), lastmod: nil, alternates: []) }
            return MachineDocument(body: SitemapWriter.urlset(urls), kind: .xml, lastModified: nil)
        case .newsSitemap(let edition):
            let recent = try await queries.published(edition: edition.code, since: now.addingTimeInterval(-Self.newsWindow), now: now)
            let items = recent.map {
                NewsSitemapItem(
                    loc: absolute(.article(edition, $0.day, slug: $0.slug)), publicationName: site.configuration.siteName,
                    language: edition.code, publicationDate: $0.publishedAt, title: $0.headline)
            }
            return MachineDocument(body: SitemapWriter.news(items), kind: .xml, lastModified: recent.first?.publishedAt)
        case .robots:
            let sitemaps = [absolute(.rootSitemap)] + site.configuration.editions.all.map { absolute(.newsSitemap($0)) }
            return MachineDocument(
                body: SitemapWriter.robots(sitemaps: sitemaps, disallow: ["/admin/"]), kind: .text, lastModified: nil)
        default:
            return nil
        }
    }

    private func editionSitemaps(_ edition: Edition, now: Date) async throws -> [(loc: String, lastmod: Date?)] {
        let count = try await queries.liveCount(edition: edition.code, now: now)
        let latest = try await queries.latest(edition: edition.code, limit: 1, now: now).first?.publishedAt
        var sitemaps: [(loc: String, lastmod: Date?)] = [(absolute(.pagesSitemap(edition)), nil)]
        let pages = max(1, (count + Self.sitemapSize - 1) / Self.sitemapSize)
        for page in 1...pages { sitemaps.append((absolute(.sitemap(edition, page: page)), page == pages ? latest : nil)) }
        sitemaps.append((absolute(.newsSitemap(edition)), latest))
        return sitemaps
    }

    private func sitemapURL(_ article: SitemapArticle) -> SitemapURL {
        guard let edition = site.edition(code: article.edition) else {
            return SitemapURL(loc: "", lastmod: nil, alternates: [])
        }
        let own = absolute(.article(edition, article.day, slug: article.slug))
        var alternates: [(hreflang: String, href: String)] = []
        if !article.translations.isEmpty {
            alternates.append((edition.code, own))
            for version in article.translations {
                guard let other = site.edition(code: version.edition) else { continue }
                alternates.append((other.code, absolute(.article(other, version.day, slug: version.slug))))
            }
            let primary = site.configuration.editions.primary.code
            if let xDefault = alternates.first(where: { $0.hreflang == primary }) ?? alternates.first {
                alternates.append(("x-default", xDefault.href))
            }
        }
        return SitemapURL(loc: own, lastmod: article.modifiedAt, alternates: alternates)
    }

    private func feed(edition: Edition, scope: SitePath.FeedScope, format: SitePath.FeedFormat, now: Date) async throws
        -> MachineDocument?
    {
        let context = site.context(for: edition)
        let siteName = site.configuration.siteName
        let summaries: [ArticleSummary]
        let title: String
        let home: SitePath
        switch scope {
        case .edition:
            summaries = try await queries.latest(edition: edition.code, limit: Self.feedSize, now: now)
            title = siteName
            home = .home(edition)
        case .section(let slug):
            guard let section = try await queries.section(edition: edition.code, slug: slug) else { return nil }
            summaries = try await queries.inSection(section.id, limit: Self.feedSize, now: now)
            title = "\(siteName) — \(section.name)"
            home = .section(edition, slug: slug, page: 1)
        case .tag(let slug):
            guard let tag = try await queries.tag(edition: edition.code, slug: slug) else { return nil }
            summaries = try await queries.withTag(tag.id, limit: Self.feedSize, now: now)
            title = "\(siteName) — \(tag.name)"
            home = .tag(edition, slug: slug, page: 1)
        case .author(let slug):
            guard let author = try await queries.author(edition: edition.code, slug: slug) else { return nil }
            summaries = try await queries.byAuthor(author.id, limit: Self.feedSize, now: now)
            title = "\(siteName) — \(author.name)"
            home = .author(edition, slug: slug, page: 1)
        }
        let articles = try await queries.feedArticles(summaries)
        let bodies = articles.map { ArticleBody(parsing: $0.body) }
        let photos = try await queries.photos(ids: Array(Set(bodies.flatMap(\.photoIDs))), edition: edition.code)
        let renderer = BodyRenderer(
            photos: Dictionary(uniqueKeysWithValues: photos.map { ($0.id, InlinePhoto(photo: $0)) }),
            creditLabel: context.strings["photoCredit"])
        let entries = zip(articles, bodies).map { article, body in
            let summary = article.summary
            let url = absolute(.article(edition, summary.day, slug: summary.slug))
            return FeedEntry(
                id: url, title: summary.headline, url: url, published: summary.publishedAt,
                updated: article.updatedAt ?? summary.publishedAt, summary: summary.lead,
                contentHTML: absolutised(renderer.html(body)), authors: article.authorNames,
                categories: [article.sectionName].compactMap { $0 } + article.tagNames,
                image: summary.photo.map {
                    FeedImage(
                        url: absolute(.photo(file: $0.file)), width: $0.width, height: $0.height,
                        mediaType: PhotoFiles.mediaTypes[($0.file as NSString).pathExtension.lowercased()] ?? "image/jpeg")
                })
        }
        let updated = entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 946_684_800)
        let channel = FeedChannel(
            title: title, description: context.strings["homeDescription"], language: edition.code,
            homeURL: absolute(home), feedURL: absolute(.feed(edition, scope, format)), updated: updated, iconURL: nil,
            entries: entries)
        switch format {
        case .rss: return MachineDocument(body: FeedWriter.rss(channel), kind: .rss, lastModified: updated)
        case .atom: return MachineDocument(body: FeedWriter.atom(channel), kind: .atom, lastModified: updated)
        case .json: return MachineDocument(body: FeedWriter.jsonFeed(channel), kind: .jsonFeed, lastModified: updated)
        }
    }

    /// Feed readers show content away from the site: site-relative links and images become absolute.
    private func absolutised(_ html: String) -> String {
        html.replacingOccurrences(of: "href=\"/", with: "href=\"\(site.configuration.publicBaseURL)/")
            .replacingOccurrences(of: "src=\"/", with: "src=\"\(site.configuration.publicBaseURL)/")
    }

    private func absolute(_ path: SitePath) -> String { site.configuration.absoluteURL(path.path) }
}

/// A feed, sitemap or robots.txt, as built; the page cache adds the validators (`CachedPage`).
struct MachineDocument: Sendable {
    enum Kind {
        case xml, rss, atom, jsonFeed, text

        var contentType: String {
            switch self {
            case .xml: "application/xml; charset=utf-8"
            case .rss: "application/rss+xml; charset=utf-8"
            case .atom: "application/atom+xml; charset=utf-8"
            case .jsonFeed: "application/feed+json; charset=utf-8"
            case .text: "text/plain; charset=utf-8"
            }
        }
    }

    let body: String
    let kind: Kind
    let lastModified: Date?
}

/// HTTP dates (RFC 9110 IMF-fixdate): "Sun, 06 Nov 1994 08:49:37 GMT".
enum HTTPDate {
    // Formatting with one DateFormatter from several threads at once is not safe: every use takes the lock.
    private static let formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }()
    private static let lock = NSLock()

    static func string(_ date: Date) -> String { lock.withLock { formatter.string(from: date) } }
    static func parse(_ text: String) -> Date? { lock.withLock { formatter.date(from: text) } }
}
