import ArgumentParser
import BroadsheetWeb

/// The page cache, HTTP caching rules and where metrics are served.
struct CacheOptions: ParsableArguments {
    @Option(
        name: .customLong("page-cache-mb"),
        help: "Memory for the page cache, in MB; 0 turns it off. [env: BROADSHEET_PAGE_CACHE_MB] (default: 128)")
    var pageCacheMB: Int?

    @Option(
        name: .customLong("search-cache-mb"),
        help: """
            Memory for search results pages, apart from the page cache, in MB; 0 searches the database for every \
            request. [env: BROADSHEET_SEARCH_CACHE_MB] (default: 16)
            """)
    var searchCacheMB: Int?

    @Option(
        name: .customLong("cache-control"),
        help: """
            Cache-Control per page type as TYPE=MAXAGE/STALE-WHILE-REVALIDATE/STALE-IF-ERROR in seconds, separated by \
            commas; types: home, article, list, search, feed, sitemap, error. [env: BROADSHEET_CACHE_CONTROL] \
            (default: home=30/30/86400,article=120/600/604800,list=60/120/86400,search=60/60/3600,feed=60/300/86400,sitemap=300/600/86400,error=10/0/0)
            """)
    var cacheControl: String?

    @Option(
        help: """
            Where /metrics (Prometheus) is served: "site" (the site's own port), a port number, or "off". \
            [env: BROADSHEET_METRICS] (default: site)
            """)
    var metrics: String?

    func caching(_ source: ConfigurationSource) throws -> PublicCaching {
        let megabytes = try source.int(
            pageCacheMB, name: "page-cache-mb", env: "BROADSHEET_PAGE_CACHE_MB", default: 128, range: 0...65_536)
        let searchMegabytes = try source.int(
            searchCacheMB, name: "search-cache-mb", env: "BROADSHEET_SEARCH_CACHE_MB", default: 16, range: 0...65_536)
        var policies = PublicCaching.standardPolicies
        let rules = source.string(cacheControl, env: "BROADSHEET_CACHE_CONTROL", default: "")
        for rule in rules.split(separator: ",") {
            let problem = ConfigurationError(
                key: "BROADSHEET_CACHE_CONTROL",
                problem: "\"\(rule)\" is not TYPE=MAXAGE/STALE-WHILE-REVALIDATE/STALE-IF-ERROR, e.g. article=120/600/604800")
            let sides = rule.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard sides.count == 2 else { throw problem }
            guard let type = PageType(rawValue: sides[0]), ![.asset, .photo, .other].contains(type) else {
                throw ConfigurationError(
                    key: "BROADSHEET_CACHE_CONTROL",
                    problem: "\"\(sides[0])\" is not a page type (home, article, list, search, feed, sitemap, error)")
            }
            let numbers = sides[1].split(separator: "/").compactMap { Int($0) }.filter { $0 >= 0 }
            guard numbers.count == 3 else { throw problem }
            policies[type] = CachePolicy(maxAge: numbers[0], staleWhileRevalidate: numbers[1], staleIfError: numbers[2])
        }
        return PublicCaching(
            budgetBytes: megabytes * 1_048_576, searchBudgetBytes: searchMegabytes * 1_048_576, policies: policies)
    }

    func metricsExposure(_ source: ConfigurationSource) throws -> MetricsExposure {
        let value = source.string(metrics, env: "BROADSHEET_METRICS", default: "site")
        switch value {
        case "site": return .onSite
        case "off": return .off
        default:
            guard let port = Int(value), (1...65_535).contains(port) else {
                throw ConfigurationError(
                    key: "BROADSHEET_METRICS", problem: "\"\(value)\" is not \"site\", \"off\" or a port number")
            }
            return .port(port)
        }
    }
}
