import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird
import Logging

/// The public site: every reader-facing path goes through `SitePath.match` and one dispatcher,
/// so routing and link printing cannot disagree.
struct PublicSite: Sendable {
    let site: SiteContext
    let queries: PublicQueries
    let searches: SearchPages
    let photos: PhotoFiles
    let pages: PublicPages
    let metrics: SiteMetrics
    let clock: @Sendable () -> Date

    func addRoutes(to router: Router<BroadsheetRequestContext>) {
        // "**" does not match the root itself, so "/" is routed on its own. HEAD gets GET's status and headers
        // (the cached answer leaves the body out itself; Hummingbird drops any other body).
        for path in ["/", "**"] {
            router.get(RouterPath(path)) { request, context in await self.respond(to: request, context: context) }
            router.head(RouterPath(path)) { request, context in await self.respond(to: request, context: context) }
        }
    }

    func respond(to request: Request, context: some RequestContext) async -> Response {
        let started = ContinuousClock.now
        let tally = StatementTally()
        let editions = site.configuration.editions
        let match = SitePath.match(
            path: request.uri.path, page: request.uri.queryParameters["page"].map(String.init), editions: editions)
        let type = PageType(match)
        let response = await StatementTally.$current.withValue(tally) {
            await answer(match, request: request, context: context)
        }
        metrics.answered(type, in: ContinuousClock.now - started)
        metrics.ran(statements: tally.count, for: type)
        return response
    }

    private func answer(_ match: SitePathMatch, request: Request, context: some RequestContext) async -> Response {
        let editions = site.configuration.editions
        switch match {
        case .redirect(let location):
            return Self.redirect(to: location)
        case .notFound(let edition):
            return await errorPage(.notFound, edition: edition, logger: context.logger)
        case .page(.stylesheet(let file)):
            guard let asset = [site.stylesheet, site.logo].first(where: { $0.fileName == file }) else {
                return await errorPage(.notFound, edition: editions.primary, logger: context.logger)
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: file.hasSuffix(".css") ? "text/css; charset=utf-8" : "image/png",
                    .cacheControl: CachePolicy.immutable,
                ],
                body: .init(byteBuffer: asset.bytes))
        case .page(.photo(let file)):
            do {
                if let response = try await photos.response(file: file, context: context) { return response }
            } catch {
                context.logger.error("cannot serve photo \(file): \(error)")
                return await errorPage(.failure, edition: editions.primary, logger: context.logger)
            }
            return await errorPage(.notFound, edition: editions.primary, logger: context.logger)
        case .page(.search(let edition)):
            return await searchPage(edition: edition, request: request, logger: context.logger)
        case .page(let path):
            let edition = path.edition ?? editions.primary
            let head = request.head
            if let cache = pages.cache, let page = cache.page(path.path, now: clock()) {
                metrics.hit(page.type)
                return Self.response(page.answer(to: head))
            }
            metrics.miss(PageType(match))
            do {
                switch try await pages.page(path, acceptsGzip: CachedPage.acceptsGzip(head.headerFields[.acceptEncoding])) {
                case .page(let page): return Self.response(page.answer(to: head))
                case .moved(let location): return Self.redirect(to: location)
                case .notFound(let edition): return await errorPage(.notFound, edition: edition, logger: context.logger)
                case .gone(let edition): return await errorPage(.gone, edition: edition, logger: context.logger)
                }
            } catch let error as DatabaseUnavailable {
                // What was cached, even past its time, is better than a fault page while the database is away.
                if let cache = pages.cache, let page = cache.stalePage(path.path) {
                    metrics.hit(page.type)
                    return Self.response(page.answer(to: head))
                }
                context.logger.warning("cannot render \(request.uri.path): \(error)")
                return await errorPage(.unavailable, edition: edition, logger: context.logger)
            } catch {
                context.logger.error("cannot render \(request.uri.path): \(error)")
                return await errorPage(.failure, edition: edition, logger: context.logger)
            }
        }
    }

    /// Search results: from the search cache, else searched (once for all who ask the same at the same time).
    private func searchPage(edition: Edition, request: Request, logger: Logger) async -> Response {
        let form = SearchForm(rawQuery: request.uri.query)
        let head = request.head
        if let page = searches.cached(form, edition: edition) {
            metrics.hit(.search)
            return Self.response(page.answer(to: head))
        }
        metrics.miss(.search)
        do {
            let page = try await searches.page(
                form, edition: edition, acceptsGzip: CachedPage.acceptsGzip(head.headerFields[.acceptEncoding]))
            return Self.response(page.answer(to: head))
        } catch let error as DatabaseUnavailable {
            if let page = searches.stale(form, edition: edition) {
                metrics.hit(.search)
                return Self.response(page.answer(to: head))
            }
            logger.warning("cannot search: \(error)")
            return await errorPage(.unavailable, edition: edition, logger: logger)
        } catch {
            logger.error("cannot search for \(form.words.debugDescription): \(error)")
            return await errorPage(.failure, edition: edition, logger: logger)
        }
    }

    static func response(_ answer: (head: HTTPResponse, body: ByteBuffer?)) -> Response {
        Response(
            status: answer.head.status, headers: answer.head.headerFields,
            body: answer.body.map { ResponseBody(byteBuffer: $0) } ?? ResponseBody())
    }

    /// Renders 404, 410, 500 and 503 pages; when even the database fails, the page still comes, without menus.
    func errorPage(_ kind: ErrorPage.Kind, edition: Edition, logger: Logger) async -> Response {
        let context = site.context(for: edition)
        let now = clock()
        var builder = ChromeBuilder(site: site, edition: context, sections: [], support: nil)
        var recent: [ArticleSummary] = []
        if kind == .unavailable {
            // Asking the database again would only make the reader wait once more: menus only if at hand.
            return WaitingRoom.unavailable(
                builder: pages.frames.loadedFrame(site: site, edition: edition, now: now)?.builder ?? builder)
        }
        // The menus and recent news come from the database; when it is the database that failed,
        // the page still comes, with the masthead and the edition switcher only.
        do {
            let frame = try await pages.frames.frame(site: site, edition: edition, now: now)
            builder = frame.builder
            recent = try await queries.latest(edition: edition.code, limit: 5, now: now)
        } catch {
            logger.error("cannot load the menus of an error page: \(error)")
        }
        let model = ErrorPage.model(kind: kind, builder: builder, recent: recent, now: now)
        let status = HTTPResponse.Status(code: kind.status)
        return html(ErrorView.html(model), status: status, type: .error)
    }

    /// A page that is not kept in the page cache, with the Cache-Control of its type.
    func html(_ html: HTMLWriter, status: HTTPResponse.Status, type: PageType) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: pages.caching.policy(for: type).header],
            body: .init(byteBuffer: html.bytes))
    }

    static func redirect(to location: String) -> Response {
        Response(status: .movedPermanently, headers: [.location: location, .cacheControl: "public, max-age=300"])
    }
}

extension PageType {
    init(_ match: SitePathMatch) {
        switch match {
        case .redirect: self = .other
        case .notFound: self = .error
        case .page(let path):
            switch path {
            case .home: self = .home
            case .article: self = .article
            case .allNews, .day, .section, .tag, .author: self = .list
            case .search: self = .search
            case .feed: self = .feed
            case .sitemapIndex, .sitemap, .pagesSitemap, .newsSitemap, .rootSitemap, .robots: self = .sitemap
            case .stylesheet: self = .asset
            case .photo: self = .photo
            }
        }
    }
}
