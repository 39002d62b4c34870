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
    let settings: SettingsStore
    let photos: PhotoFiles
    let machines: MachineSite
    let clock: @Sendable () -> Date

    func addRoutes(to router: Router<BroadsheetRequestContext>) {
        // "**" does not match the root itself, so "/" is routed on its own.
        for path in ["/", "**"] {
            router.get(RouterPath(path)) { request, context in await self.respond(to: request, context: context) }
            router.head(RouterPath(path)) { request, context in
            // HEAD answers with GET's status and headers; the body is dropped here, its length kept.
            var response = await self.respond(to: request, context: context)
            let length = response.body.contentLength
            response.body = ResponseBody()
                if let length { response.headers[.contentLength] = String(length) }
                return response
            }
        }
    }

    func respond(to request: Request, context: some RequestContext) async -> Response {
        let editions = site.configuration.editions
        let match = SitePath.match(
            path: request.uri.path, page: request.uri.queryParameters["page"].map(String.init), editions: editions)
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
                    .cacheControl: "public, max-age=31536000, immutable",
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
        case .page(let path) where path.isForMachines:
            let edition = path.edition ?? editions.primary
            do {
                guard let document = try await machines.document(path) else {
                    return await errorPage(.notFound, edition: edition, logger: context.logger)
                }
                return document.response(to: request)
            } catch {
                context.logger.error("cannot build \(request.uri.path): \(error)")
                return await errorPage(.failure, edition: edition, logger: context.logger)
            }
        case .page(let path):
            let edition = path.edition ?? editions.primary
            do {
                switch try await page(path, edition: edition) {
                case .html(let html): return Self.html(html, status: .ok)
                case .moved(let location): return Self.redirect(to: location)
                case .notFound(let edition): return await errorPage(.notFound, edition: edition, logger: context.logger)
                case .gone(let edition): return await errorPage(.gone, edition: edition, logger: context.logger)
                }
            } catch {
                context.logger.error("cannot render \(request.uri.path): \(error)")
                return await errorPage(.failure, edition: edition, logger: context.logger)
            }
        }
    }

    private func page(_ path: SitePath, edition: Edition) async throws -> PageOutcome {
        let now = clock()
        let frame = try await PageFrame.load(site: site, edition: edition, queries: queries, settings: settings, now: now)
        let renderer = site.renderer
        switch path {
        case .home:
            return .html(try renderer.render(try await HomePage.model(frame: frame, queries: queries), template: "home"))
        case .allNews(_, let page):
            guard let model = try await ListPage.allNews(page: page, frame: frame, queries: queries) else {
                return .notFound(edition)
            }
            return .html(try renderer.render(model, template: "list"))
        case .day(_, let day):
            guard let model = try await ListPage.day(day, frame: frame, queries: queries) else { return .notFound(edition) }
            return .html(try renderer.render(model, template: "list"))
        case .section(_, let slug, let page):
            guard let model = try await ListPage.section(slug: slug, page: page, frame: frame, queries: queries) else {
                return .notFound(edition)
            }
            return .html(try renderer.render(model, template: "list"))
        case .tag(_, let slug, let page):
            guard let model = try await ListPage.tag(slug: slug, page: page, frame: frame, queries: queries) else {
                if let moved = try await queries.movedTag(edition: edition.code, slug: slug) {
                    return .moved(to: SitePath.tag(edition, slug: moved.slug, page: page).path)
                }
                return .notFound(edition)
            }
            return .html(try renderer.render(model, template: "list"))
        case .author(_, let slug, let page):
            guard let model = try await ListPage.author(slug: slug, page: page, frame: frame, queries: queries) else {
                return .notFound(edition)
            }
            return .html(try renderer.render(model, template: "list"))
        case .article(_, let day, let slug):
            switch try await queries.article(edition: edition.code, day: day, slug: slug, now: now) {
            case .found(let article):
                let model = try await ArticlePage.model(article: article, frame: frame, queries: queries)
                return .html(try renderer.render(model, template: "article"))
            case .moved(let summary):
                return .moved(to: SitePath.article(edition, summary.day, slug: summary.slug).path)
            case .gone:
                return .gone(edition)
            case .notFound:
                return .notFound(edition)
            }
        case .stylesheet, .photo, .feed, .sitemapIndex, .sitemap, .pagesSitemap, .newsSitemap, .rootSitemap, .robots:
            return .notFound(edition)
        }
    }

    /// Renders 404, 410 and 500 pages; when even the database fails, the page still comes, without menus.
    func errorPage(_ kind: ErrorPage.Kind, edition: Edition, logger: Logger) async -> Response {
        let context = site.context(for: edition)
        let now = clock()
        var builder = ChromeBuilder(site: site, edition: context, sections: [], support: nil)
        var recent: [ArticleSummary] = []
        // The menus and recent news come from the database; when it is the database that failed,
        // the page still comes, with the masthead and the edition switcher only.
        do {
            let frame = try await PageFrame.load(site: site, edition: edition, queries: queries, settings: settings, now: now)
            builder = frame.builder
            recent = try await queries.latest(edition: edition.code, limit: 5, now: now)
        } catch {
            logger.error("cannot load the menus of an error page: \(error)")
        }
        let model = ErrorPage.model(kind: kind, builder: builder, recent: recent, now: now)
        let status = HTTPResponse.Status(code: kind.status)
        do {
            return Self.html(try site.renderer.render(model, template: "error"), status: status)
        } catch {
            logger.error("cannot render the error page: \(error)")
            return Response(
                status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: context.strings["errorTitle"])))
        }
    }

    static func html(_ html: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "public, max-age=30"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func redirect(to location: String) -> Response {
        Response(status: .movedPermanently, headers: [.location: location, .cacheControl: "public, max-age=300"])
    }
}
