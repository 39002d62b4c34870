/// Every public page of the site as data: the same definition matches request paths and prints links.
public enum SitePath: Hashable, Sendable {
    case home(Edition)
    case allNews(Edition, page: Int)
    case day(Edition, LocalDay)
    case article(Edition, LocalDay, slug: String)
    case section(Edition, slug: String, page: Int)
    case tag(Edition, slug: String, page: Int)
    case author(Edition, slug: String, page: Int)
    /// The edition's search page; what to search for is in the query (`SearchForm`).
    case search(Edition)
    case stylesheet(file: String)
    case photo(file: String)
    /// A feed of the latest articles: of an edition, or of one of its sections, tags or authors.
    case feed(Edition, FeedScope, FeedFormat)
    /// The edition's sitemap index, its paged article sitemaps, its sitemap of other pages, its news sitemap.
    case sitemapIndex(Edition)
    case sitemap(Edition, page: Int)
    case pagesSitemap(Edition)
    case newsSitemap(Edition)
    /// The whole site's sitemap index and robots.txt, at the root.
    case rootSitemap
    case robots

    public enum FeedScope: Hashable, Sendable {
        case edition
        case section(String)
        case tag(String)
        case author(String)
    }

    public enum FeedFormat: String, Hashable, Sendable, CaseIterable {
        case rss = "rss.xml"
        case atom = "atom.xml"
        case json = "feed.json"
    }

    /// First path segments with a fixed meaning: no edition prefix or slug can take their place.
    public static let reservedSegments: Set<String> = [
        "news", "sections", "tags", "authors", "search", "static", "photos", "admin", "api",
        "sitemap.xml", "sitemap-index.xml", "sitemap-pages.xml", "sitemap-news.xml", "robots.txt", "rss.xml",
        "atom.xml", "feed.json", "metrics", "health",
    ]

    /// The path with a trailing slash for pages; a page number other than 1 goes in the query.
    public var path: String {
        switch self {
        case .home(let edition): edition.homePath
        case .allNews(let edition, let page): edition.homePath + "news/" + Self.pageQuery(page)
        case .day(let edition, let day): edition.homePath + "news/\(day.pathString)/"
        case .article(let edition, let day, let slug): edition.homePath + "news/\(day.pathString)/\(slug)/"
        case .section(let edition, let slug, let page): edition.homePath + "sections/\(slug)/" + Self.pageQuery(page)
        case .tag(let edition, let slug, let page): edition.homePath + "tags/\(slug)/" + Self.pageQuery(page)
        case .author(let edition, let slug, let page): edition.homePath + "authors/\(slug)/" + Self.pageQuery(page)
        case .search(let edition): edition.homePath + "search"
        case .stylesheet(let file): "/static/\(file)"
        case .photo(let file): "/photos/\(file)"
        case .feed(let edition, let scope, let format):
            switch scope {
            case .edition: edition.homePath + format.rawValue
            case .section(let slug): edition.homePath + "sections/\(slug)/" + format.rawValue
            case .tag(let slug): edition.homePath + "tags/\(slug)/" + format.rawValue
            case .author(let slug): edition.homePath + "authors/\(slug)/" + format.rawValue
            }
        case .sitemapIndex(let edition): edition.homePath + "sitemap-index.xml"
        case .sitemap(let edition, let page): edition.homePath + "sitemap-\(page).xml"
        case .pagesSitemap(let edition): edition.homePath + "sitemap-pages.xml"
        case .newsSitemap(let edition): edition.homePath + "sitemap-news.xml"
        case .rootSitemap: "/sitemap.xml"
        case .robots: "/robots.txt"
        }
    }

    /// The edition a page belongs to; nil for files.
    public var edition: Edition? {
        switch self {
        case .home(let e), .allNews(let e, _), .day(let e, _), .article(let e, _, _), .section(let e, _, _),
            .tag(let e, _, _), .author(let e, _, _), .search(let e), .feed(let e, _, _), .sitemapIndex(let e), .sitemap(let e, _),
            .pagesSitemap(let e), .newsSitemap(let e):
            e
        case .stylesheet, .photo, .rootSitemap, .robots: nil
        }
    }

    /// Feeds, sitemaps and robots.txt: documents for machines rather than pages for people.
    public var isForMachines: Bool {
        switch self {
        case .feed, .sitemapIndex, .sitemap, .pagesSitemap, .newsSitemap, .rootSitemap, .robots: true
        default: false
        }
    }

    private static func pageQuery(_ page: Int) -> String { page > 1 ? "?page=\(page)" : "" }
}

/// What a request path means.
public enum SitePathMatch: Hashable, Sendable {
    case page(SitePath)
    /// The path names a page but not in its canonical form (a missing trailing slash): redirect there.
    case redirect(to: String)
    /// No such page; the edition says which language the 404 page speaks.
    case notFound(Edition)
}

extension SitePath {
    /// Matches a request path (without query) and its `page` query value against the configured editions.
    public static func match(path: String, page pageValue: String?, editions: Editions) -> SitePathMatch {
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var edition = editions.primary
        if let first = segments.first, let prefixed = editions.edition(pathPrefix: first), !first.isEmpty {
            edition = prefixed
            segments.removeFirst()
        }
        guard let page = pageNumber(pageValue) else { return .notFound(edition) }
        let matched: SitePath?
        switch segments.count {
        case 0:
            matched = .home(edition)
        case 1:
            matched = Self.matchFile(segments[0], edition: edition, isPrimary: edition == editions.primary)
                ?? (segments[0] == "news" ? .allNews(edition, page: page) : nil)
                ?? (segments[0] == "search" ? .search(edition) : nil)
        case 2:
            matched =
                switch segments[0] {
                case "sections" where isSlug(segments[1]): .section(edition, slug: segments[1], page: page)
                case "tags" where isSlug(segments[1]): .tag(edition, slug: segments[1], page: page)
                case "authors" where isSlug(segments[1]): .author(edition, slug: segments[1], page: page)
                case "static" where edition == editions.primary && isFileName(segments[1]):
                    .stylesheet(file: segments[1])
                case "photos" where edition == editions.primary && isFileName(segments[1]):
                    .photo(file: segments[1])
                default: nil
                }
        case 3:
            if let format = FeedFormat(rawValue: segments[2]), isSlug(segments[1]) {
                matched =
                    switch segments[0] {
                    case "sections": .feed(edition, .section(segments[1]), format)
                    case "tags": .feed(edition, .tag(segments[1]), format)
                    case "authors": .feed(edition, .author(segments[1]), format)
                    default: nil
                    }
            } else {
                matched = nil
            }
        case 4, 5:
            guard segments[0] == "news", let day = localDay(segments[1], segments[2], segments[3]) else {
                matched = nil
                break
            }
            if segments.count == 4 {
                matched = .day(edition, day)
            } else {
                matched = isSlug(segments[4]) ? .article(edition, day, slug: segments[4]) : nil
            }
        default:
            matched = nil
        }
        guard let matched else { return .notFound(edition) }
        switch matched {
        case .stylesheet, .photo, .feed, .sitemapIndex, .sitemap, .pagesSitemap, .newsSitemap, .rootSitemap, .robots:
            return .page(matched)
        case .search:
            // `/search` and `/search/` both: a redirect would lose the query, and results are never indexed.
            return .page(matched)
        default:
            // Pages end with a slash; answer the slashless form with a redirect rather than a duplicate page.
            let canonical = matched.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
            return path == canonical ? .page(matched) : .redirect(to: matched.path)
        }
    }

    /// Files at the top of an edition (feeds, sitemaps) and of the site (robots.txt, the root sitemap).
    private static func matchFile(_ name: String, edition: Edition, isPrimary: Bool) -> SitePath? {
        if let format = FeedFormat(rawValue: name) { return .feed(edition, .edition, format) }
        switch name {
        case "sitemap-index.xml": return .sitemapIndex(edition)
        case "sitemap-pages.xml": return .pagesSitemap(edition)
        case "sitemap-news.xml": return .newsSitemap(edition)
        case "sitemap.xml" where isPrimary: return .rootSitemap
        case "robots.txt" where isPrimary: return .robots
        default: break
        }
        if name.hasPrefix("sitemap-"), name.hasSuffix(".xml"),
            let page = Int(name.dropFirst("sitemap-".count).dropLast(".xml".count)), page >= 1, page <= 100_000,
            name == "sitemap-\(page).xml"
        {
            return .sitemap(edition, page: page)
        }
        return nil
    }

    private static func pageNumber(_ value: String?) -> Int? {
        guard let value else { return 1 }
        guard let number = Int(value), number >= 1, number <= 100_000 else { return nil }
        return number
    }

    private static func localDay(_ year: String, _ month: String, _ day: String) -> LocalDay? {
        guard year.count == 4, month.count == 2, day.count == 2,
            let y = Int(year), let m = Int(month), let d = Int(day)
        else { return nil }
        return LocalDay(year: y, month: m, day: d)
    }

    private static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 200
            && text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    private static func isFileName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 200 && !text.hasPrefix(".")
            && text.utf8.allSatisfy {
                ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 46
                    || $0 == 95
            }
    }
}
