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
            let form = SearchForm(rawQuery: request.uri.query)
            return await answer(
                kept: searches.cache, name: SearchPages.name(of: form, in: edition), type: .search, edition: edition,
                request: request, logger: context.logger
            ) { acceptsGzip in .page(try await searches.page(form, edition: edition, acceptsGzip: acceptsGzip)) }
        case .page(let path):
            return await answer(
                kept: pages.cache, name: path.path, type: PageType(match), edition: path.edition ?? editions.primary,
                request: request, logger: context.logger
            ) { acceptsGzip in try await pages.page(path, acceptsGzip: acceptsGzip) }
        }
    }

    /// The page kept under `name` in `cache`, or built (`build` is told whether the reader takes gzip). While the
    /// database is away, what was kept, even past its time, is better than a fault page.
    private func answer(
        kept cache: PageCache?, name: String, type: PageType, edition: Edition, request: Request, logger: Logger,
        build: (_ acceptsGzip: Bool) async throws -> BuiltPage
    ) async -> Response {
        let head = request.head
        if let page = cache?.page(name, now: clock()) {
            metrics.hit(page.type)
            return Self.response(page.answer(to: head))
        }
        metrics.miss(type)
        do {
            switch try await build(CachedPage.acceptsGzip(head.headerFields[.acceptEncoding])) {
            case .page(let page): return Self.response(page.answer(to: head))
            case .moved(let location): return Self.redirect(to: location)
            case .notFound(let edition): return await errorPage(.notFound, edition: edition, logger: logger)
            case .gone(let edition): return await errorPage(.gone, edition: edition, logger: logger)
            }
        } catch let error as DatabaseUnavailable {
            if let page = cache?.stalePage(name) {
                metrics.hit(page.type)
                return Self.response(page.answer(to: head))
            }
            logger.warning("cannot render \(request.uri): \(error)")
            return await errorPage(.unavailable, edition: edition, logger: logger)
        } catch {
            logger.error("cannot render \(request.uri): \(error)")
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
        return html(ErrorView.html(model), status: status)
    }

    /// An error page: never kept in the page cache.
    func html(_ html: HTMLWriter, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: pages.caching.policy(for: .error).header],
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
