import BroadsheetDomain
import BroadsheetStorage
import Foundation
import NIOCore

/// What building a public page comes to: the page, ready to send and to keep, or another answer.
enum BuiltPage: Sendable {
    case page(CachedPage)
    case moved(to: String)
    case notFound(Edition)
    case gone(Edition)
}

/// Builds the public pages, feeds and sitemaps as `CachedPage`s, through the page cache when it is on.
///
/// Article pages are put together from parts: the article as rendered (kept until the article, its menu or its
/// banner changes) and the blocks of other articles' headlines after it (kept until those lists change). A publish
/// re-renders the blocks once per edition; each article page is then only assembled again, with no query and no
/// template.
struct PublicPages: Sendable {
    let site: SiteContext
    let queries: PublicQueries
    let machines: MachineSite
    let caching: PublicCaching
    let cache: PageCache?
    let metrics: SiteMetrics
    let frames: FrameSource
    let clock: @Sendable () -> Date

    /// The page for `path`: from the cache, else built once however many requests ask at the same time.
    func page(_ path: SitePath, acceptsGzip: Bool) async throws -> BuiltPage {
        let name = path.path
        guard let cache else { return try await build(path, compress: acceptsGzip) }
        return try await cache.coalesced("page " + name) {
            let epoch = cache.renderStarts()
            let built = try await build(path, compress: true)
            if case .page(let page) = built { cache.store(name, .page(page), renderedFrom: epoch) }
            return built
        }
    }

    private func build(_ path: SitePath, compress: Bool) async throws -> BuiltPage {
        if path.isForMachines { return try await machineDocument(path, compress: compress) }
        let edition = path.edition ?? site.configuration.editions.primary
        if case .article(_, let day, let slug) = path {
            return try await article(path, edition: edition, day: day, slug: slug, compress: compress)
        }
        let now = clock()
        let frame = try await frames.frame(site: site, edition: edition, now: now)
        let html: HTMLWriter
        let shows: Set<SurrogateKey>
        let type: PageType
        switch path {
        case .home:
            let model = try await HomePage.model(frame: frame, queries: queries)
            (html, shows, type) = (HomeView.html(model), model.shows, .home)
        case .allNews(_, let page):
            guard let model = try await ListPage.allNews(page: page, frame: frame, queries: queries) else {
                return .notFound(edition)
            }
            (html, shows, type) = (ListView.html(model), model.shows, .list)
        case .day(_, let day):
            guard let model = try await ListPage.day(day, frame: frame, queries: queries) else { return .notFound(edition) }
            (html, shows, type) = (ListView.html(model), model.shows, .list)
        case .section(_, let slug, let page):
            guard let model = try await ListPage.section(slug: slug, page: page, frame: frame, queries: queries) else {
                return .notFound(edition)
            }
            (html, shows, type) = (ListView.html(model), model.shows, .list)
        case .tag(_, let slug, let page):
            guard let model = try await ListPage.tag(slug: slug, page: page, frame: frame, queries: queries) else {
                if let moved = try await queries.movedTag(edition: edition.code, slug: slug) {
                    return .moved(to: SitePath.tag(edition, slug: moved.slug, page: page).path)
                }
                return .notFound(edition)
            }
            (html, shows, type) = (ListView.html(model), model.shows, .list)
        case .author(_, let slug, let page):
            guard let model = try await ListPage.author(slug: slug, page: page, frame: frame, queries: queries) else {
                if let moved = try await queries.movedAuthor(edition: edition.code, slug: slug) {
                    return .moved(to: SitePath.author(edition, slug: moved.slug, page: page).path)
                }
                return .notFound(edition)
            }
            (html, shows, type) = (ListView.html(model), model.shows, .list)
        case .article, .search, .stylesheet, .photo, .feed, .sitemapIndex, .sitemap, .pagesSitemap, .newsSitemap, .rootSitemap,
            .robots:
            return .notFound(edition)
        }
        metrics.rendered(type)
        return .page(
            CachedPage(
                type: type, body: html.bytes, contentType: "text/html; charset=utf-8",
                cacheControl: caching.policy(for: type).header, keys: shows, validUntil: frame.validUntil,
                compress: compress))
    }

    // MARK: Article pages

    private func article(_ path: SitePath, edition: Edition, day: LocalDay, slug: String, compress: Bool)
        async throws -> BuiltPage
    {
        let own: PagePart
        switch try await part("article " + path.path, { try await renderArticle(edition: edition, day: day, slug: slug) }) {
        case .page(let part): own = part
        case .other(let outcome): return outcome
        }
        var pieces: [ByteBuffer] = []
        var keys = own.keys
        var validUntil = own.validUntil
        for piece in own.pieces {
            let block: PagePart
            switch piece {
            case .html(let bytes):
                pieces.append(bytes)
                continue
            case .related(let id, let tags):
                block = try await relatedBlock(articleID: id, tags: tags, edition: edition)
            case .recentNews(let id):
                block = try await recentBlock(edition: edition, without: id)
            }
            for case .html(let bytes) in block.pieces { pieces.append(bytes) }
            keys.formUnion(block.keys)
            validUntil = min(validUntil, block.validUntil)
        }
        // One buffer of the page's exact size, written once: `CachedPage` keeps it without copying again.
        var body = ByteBufferAllocator().buffer(capacity: pieces.reduce(0) { $0 + $1.readableBytes })
        for piece in pieces { body.writeImmutableBuffer(piece) }
        metrics.assembled()
        let page = CachedPage(
            type: .article, body: body, contentType: "text/html; charset=utf-8",
            cacheControl: caching.policy(for: .article).header, keys: keys, validUntil: validUntil, compress: compress)
        return .page(page)
    }

    private enum PartOutcome: Sendable {
        case page(PagePart)
        case other(BuiltPage)
    }

    /// A part from the cache, or rendered (once for all who ask at the same time) and kept.
    private func part(_ name: String, _ render: @escaping @Sendable () async throws -> PartOutcome) async throws
        -> PartOutcome
    {
        guard let cache else { return try await render() }
        if let part = cache.part(name, now: clock()) { return .page(part) }
        return try await cache.coalesced(name) {
            let epoch = cache.renderStarts()
            let outcome = try await render()
            if case .page(let part) = outcome { cache.store(name, .part(part), renderedFrom: epoch) }
            return outcome
        }
    }

    /// The article page with a marker where the blocks after the article go.
    private func renderArticle(edition: Edition, day: LocalDay, slug: String) async throws -> PartOutcome {
        let now = clock()
        let article: Article
        switch try await queries.article(edition: edition.code, day: day, slug: slug, now: now) {
        case .found(let found): article = found
        case .moved(let summary): return .other(.moved(to: SitePath.article(edition, summary.day, slug: summary.slug).path))
        case .gone: return .other(.gone(edition))
        case .notFound: return .other(.notFound(edition))
        }
        let frame = try await frames.frame(site: site, edition: edition, now: now)
        let model = try await ArticlePage.model(article: article, frame: frame, queries: queries)
        let (before, after) = ArticleView.halves(model)
        metrics.rendered(.article)
        return .page(
            PagePart(
                pieces: [
                    .html(before.bytes), .related(articleID: article.id, tags: article.tags),
                    .recentNews(articleID: article.id), .html(after.bytes),
                ],
                keys: model.shows, validUntil: frame.validUntil))
    }

    private func relatedBlock(articleID: Int, tags: [Tag], edition: Edition) async throws -> PagePart {
        let outcome = try await part("related \(articleID)") {
            let context = site.context(for: edition)
            let blocks = try await AfterArticle.related(
                articleID: articleID, tags: tags, edition: context, queries: queries, now: clock())
            return .page(
                PagePart(
                    html: AfterArticle.html(blocks),
                    keys: AfterArticle.relatedKeys(articleID: articleID, tags: tags), validUntil: .distantFuture))
        }
        guard case .page(let block) = outcome else { preconditionFailure("a headline block is always a part") }
        return block
    }

    /// The edition's recent news; the one block serves every article page but those of the articles it lists,
    /// which get a variant without themselves.
    private func recentBlock(edition: Edition, without articleID: Int) async throws -> PagePart {
        let shared = try await recentVariant(edition: edition, excluding: nil)
        guard shared.shown.contains(articleID) else { return shared }
        return try await recentVariant(edition: edition, excluding: articleID)
    }

    private func recentVariant(edition: Edition, excluding: Int?) async throws -> PagePart {
        let outcome = try await part("recent \(edition.code) \(excluding ?? 0)") {
            let now = clock()
            let context = site.context(for: edition)
            let (block, shown) = try await AfterArticle.recent(
                excluding: excluding, edition: context, queries: queries, now: now)
            return .page(
                PagePart(
                    html: AfterArticle.html(block.map { [$0] } ?? []),
                    keys: [.latest(edition.code)], validUntil: context.calendar.nextMidnight(after: now), shown: shown))
        }
        guard case .page(let block) = outcome else { preconditionFailure("a headline block is always a part") }
        return block
    }

    // MARK: Feeds and sitemaps

    private func machineDocument(_ path: SitePath, compress: Bool) async throws -> BuiltPage {
        let primary = site.configuration.editions.primary
        guard let document = try await machines.document(path) else { return .notFound(path.edition ?? primary) }
        let now = clock()
        var keys: Set<SurrogateKey> = []
        var validUntil = Date.distantFuture
        let type: PageType
        switch path {
        case .feed(let edition, _, _):
            keys = [.latest(edition.code), .taxonomy]
            type = .feed
        case .sitemapIndex(let edition), .sitemap(let edition, _):
            keys = [.latest(edition.code)]
            type = .sitemap
        case .pagesSitemap(let edition):
            keys = [.latest(edition.code), .taxonomy]
            type = .sitemap
        case .newsSitemap(let edition):
            keys = [.latest(edition.code)]
            // Articles leave it 48 hours after publication, by the clock: it is rebuilt every few minutes.
            validUntil = now.addingTimeInterval(300)
            type = .sitemap
        case .rootSitemap:
            keys = Set(site.configuration.editions.all.map { .latest($0.code) })
            type = .sitemap
        default:
            type = .other
        }
        metrics.rendered(type)
        return .page(
            CachedPage(
                type: type, body: ByteBuffer(string: document.body), contentType: document.kind.contentType,
                cacheControl: caching.policy(for: type).header, keys: keys, validUntil: validUntil,
                lastModified: document.lastModified, compress: compress))
    }
}
