import Foundation
import Prometheus

/// The public site's figures in Prometheus' text format: requests and latency by page type, the page cache's
/// hits, misses and renders, SQL statements per request, purges.
final class SiteMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let requests: [PageType: Counter]
    private let latency: [PageType: DurationHistogram]
    private let hits: [PageType: Counter]
    private let misses: [PageType: Counter]
    private let renders: [PageType: Counter]
    private let assemblies: Counter
    private let statements: [PageType: Counter]
    private let statementsPerRequest: [PageType: ValueHistogram]
    private let purges: Counter
    private let cacheBytes: Gauge
    private let cacheEntries: Gauge
    private let searchCacheBytes: Gauge
    private let searchCacheEntries: Gauge

    init() {
        let registry = registry
        func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "broadsheet", metricName: metric, unitName: unit, helpText: help)
        }
        /// One series per page type, labelled `type`.
        func byType<M>(_ make: ([(String, String)]) -> M) -> [PageType: M] {
            Dictionary(uniqueKeysWithValues: PageType.allCases.map { ($0, make([("type", $0.rawValue)])) })
        }
        func counters(_ metric: String, _ help: String) -> [PageType: Counter] {
            byType { registry.makeCounter(descriptor: name(metric, "total", help), labels: $0) }
        }
        requests = counters("requests", "Public requests answered")
        hits = counters("page_cache_hits", "Requests answered from the page cache")
        misses = counters("page_cache_misses", "Requests the page cache could not answer (they rendered, or waited for a render)")
        renders = counters("page_renders", "Pages rendered from the database")
        statements = counters("sql_statements", "SQL statements run for public requests")
        let seconds: [Duration] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
        ]
        latency = byType {
            registry.makeDurationHistogram(
                descriptor: name("request_duration", "seconds", "Time to answer a public request"), labels: $0,
                buckets: seconds)
        }
        statementsPerRequest = byType {
            registry.makeValueHistogram(
                descriptor: name("sql_statements_per", "request", "SQL statements one public request ran"), labels: $0,
                buckets: [0, 1, 2, 4, 8, 12, 16, 24, 32, 64])
        }
        assemblies = registry.makeCounter(
            descriptor: name(
                "page_assemblies", "total", "Article pages put together from cached parts, without rendering the article again"))
        purges = registry.makeCounter(descriptor: name("page_cache_purges", "total", "Changes announced to the page cache"))
        cacheBytes = registry.makeGauge(descriptor: name("page_cache", "bytes", "Memory the page cache holds"))
        cacheEntries = registry.makeGauge(descriptor: name("page_cache", "entries", "Pages and parts the page cache holds"))
        searchCacheBytes = registry.makeGauge(descriptor: name("search_cache", "bytes", "Memory the search cache holds"))
        searchCacheEntries = registry.makeGauge(
            descriptor: name("search_cache", "entries", "Search results pages the search cache holds"))
    }

    func answered(_ type: PageType, in duration: Duration) {
        requests[type]?.increment()
        latency[type]?.record(duration)
    }

    func hit(_ type: PageType) { hits[type]?.increment() }
    func miss(_ type: PageType) { misses[type]?.increment() }
    func rendered(_ type: PageType) { renders[type]?.increment() }
    func assembled() { assemblies.increment() }
    func purged() { purges.increment() }

    func ran(statements count: Int, for type: PageType) {
        statements[type]?.increment(by: Int64(count))
        statementsPerRequest[type]?.record(Double(count))
    }

    /// The text format, with the caches' sizes as of now.
    func exposition(cache: PageCache?, searchCache: PageCache?) -> String {
        if let figures = cache?.figures {
            cacheBytes.set(Double(figures.bytes))
            cacheEntries.set(Double(figures.entries))
        }
        if let figures = searchCache?.figures {
            searchCacheBytes.set(Double(figures.bytes))
            searchCacheEntries.set(Double(figures.entries))
        }
        return registry.emitToString()
    }
}
