/// The kinds of public response, for caching rules and metrics.
public enum PageType: String, Sendable, CaseIterable {
    case home, article, list, search, feed, sitemap, error, asset, photo, other
}

/// How long browsers and CDNs may keep a page: `Cache-Control` with max-age, stale-while-revalidate and
/// stale-if-error. The site itself never serves stale content after a change; these bound how long a copy
/// held elsewhere may lag behind it.
public struct CachePolicy: Sendable, Equatable {
    public var maxAge: Int
    public var staleWhileRevalidate: Int
    public var staleIfError: Int

    public init(maxAge: Int, staleWhileRevalidate: Int, staleIfError: Int) {
        self.maxAge = maxAge
        self.staleWhileRevalidate = staleWhileRevalidate
        self.staleIfError = staleIfError
    }

    public var header: String {
        "public, max-age=\(maxAge), stale-while-revalidate=\(staleWhileRevalidate), stale-if-error=\(staleIfError)"
    }

    /// Assets and photos have their content's hash in their name: they never change.
    public static let immutable = "public, max-age=31536000, immutable"
}

/// The page cache and HTTP caching, read once at start-up.
public struct PublicCaching: Sendable {
    /// The page cache's memory budget; 0 turns the cache off (every request renders).
    public var budgetBytes: Int
    /// The search results' own budget, apart from the pages': readers can ask for endless different searches,
    /// and those must never push the articles out. 0 searches the database for every request.
    public var searchBudgetBytes: Int
    /// Cache-Control per page type; types not named get `fallback`.
    public var policies: [PageType: CachePolicy]
    public var fallback: CachePolicy

    public init(
        budgetBytes: Int = 128 * 1_048_576,
        searchBudgetBytes: Int = 16 * 1_048_576,
        policies: [PageType: CachePolicy] = PublicCaching.standardPolicies,
        fallback: CachePolicy = CachePolicy(maxAge: 60, staleWhileRevalidate: 60, staleIfError: 86_400)
    ) {
        self.budgetBytes = budgetBytes
        self.searchBudgetBytes = searchBudgetBytes
        self.policies = policies
        self.fallback = fallback
    }

    /// Home pages change most often; an article rarely changes after its first hour; error pages not for long.
    public static let standardPolicies: [PageType: CachePolicy] = [
        .home: CachePolicy(maxAge: 30, staleWhileRevalidate: 30, staleIfError: 86_400),
        .article: CachePolicy(maxAge: 120, staleWhileRevalidate: 600, staleIfError: 604_800),
        .list: CachePolicy(maxAge: 60, staleWhileRevalidate: 120, staleIfError: 86_400),
        .search: CachePolicy(maxAge: 60, staleWhileRevalidate: 60, staleIfError: 3_600),
        .feed: CachePolicy(maxAge: 60, staleWhileRevalidate: 300, staleIfError: 86_400),
        .sitemap: CachePolicy(maxAge: 300, staleWhileRevalidate: 600, staleIfError: 86_400),
        .error: CachePolicy(maxAge: 10, staleWhileRevalidate: 0, staleIfError: 0),
    ]

    public func policy(for type: PageType) -> CachePolicy { policies[type] ?? fallback }

    public var isOn: Bool { budgetBytes > 0 }
}
