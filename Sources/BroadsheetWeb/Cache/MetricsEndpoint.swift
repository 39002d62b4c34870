import Hummingbird

/// `GET /metrics`: the site's figures for Prometheus.
struct MetricsEndpoint: Sendable {
    let metrics: SiteMetrics
    let cache: PageCache?
    let searchCache: PageCache?

    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.exposition(cache: cache, searchCache: searchCache))))
        }
    }
}
