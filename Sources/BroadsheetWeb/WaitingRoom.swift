import BroadsheetDomain
import Foundation
import Hummingbird
import Logging
import Synchronization

/// What a node answers while its database cannot be reached at start: live but not ready, and a "back in a
/// moment" page (503, in the edition's language) to any reader who gets through. A load balancer sends it
/// no traffic until `/health/ready` says so; `serve` replaces it with the real site once the database answers.
public enum WaitingRoom {
    /// Why the node is waiting, shown by `/health/ready`; the caller updates it after every attempt.
    public final class Reason: Sendable {
        private let text = Mutex("starting")
        public init() {}
        public var current: String {
            get { text.withLock { $0 } }
            set { text.withLock { $0 = newValue } }
        }
    }

    public static func application(
        listen: ListenAddress, site configuration: SiteConfiguration, reason: Reason, logger: Logger
    ) async throws -> some ApplicationProtocol {
        let site = try SiteContext(
            configuration: configuration, stylesheet: try StaticFile.stylesheet(), logo: try StaticFile.logo(),
            renderer: try await PageRenderer.load())
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            answer(request, site: site, reason: reason)
        }
        return Application(
            responder: responder,
            configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: "Broadsheet"),
            logger: logger)
    }

    private static func answer(_ request: Request, site: SiteContext, reason: Reason) -> Response {
        let path = request.uri.path
        if path == "/health/live" { return HealthEndpoints.answer(.ok, "live\n") }
        if path == "/health/ready" {
            var response = HealthEndpoints.answer(.serviceUnavailable, "not ready: waiting for the database (\(reason.current))\n")
            response.headers[.retryAfter] = "5"
            return response
        }
        let editions = site.configuration.editions
        let match = SitePath.match(path: path, page: nil, editions: editions)
        if case .page(.stylesheet(let file)) = match,
            let asset = [site.stylesheet, site.logo].first(where: { $0.fileName == file })
        {
            return Response(
                status: .ok,
                headers: [.contentType: file.hasSuffix(".css") ? "text/css; charset=utf-8" : "image/png"],
                body: .init(byteBuffer: asset.bytes))
        }
        return unavailable(match: match, site: site)
    }

    /// The "back in a moment" page (503) in the language of the edition `match` belongs to, without menus:
    /// nothing here asks the database.
    static func unavailable(match: SitePathMatch, site: SiteContext) -> Response {
        let editions = site.configuration.editions
        let edition: Edition =
            switch match {
            case .page(let page): page.edition ?? editions.primary
            case .notFound(let edition): edition
            case .redirect: editions.primary
            }
        return unavailable(builder: ChromeBuilder(site: site, edition: site.context(for: edition), sections: [], support: nil))
    }

    /// The same page inside the chrome `builder` makes (the public site passes the menus it has at hand).
    static func unavailable(builder: ChromeBuilder) -> Response {
        let model = ErrorPage.model(kind: .unavailable, builder: builder, recent: [], now: Date())
        return Response(
            status: .serviceUnavailable,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .retryAfter: "30"],
            body: .init(byteBuffer: ErrorView.html(model).bytes))
    }
}
