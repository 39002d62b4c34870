import BroadsheetDomain
import BroadsheetTestSupport
import Foundation
import Testing

@testable import BroadsheetWeb

/// Search results kept in memory: made once, served to every reader who asks the same, and dropped as soon as
/// anything live in the edition changes.
@Suite("Search cache")
struct SearchCacheTests {
    static let searches = #"broadsheet_page_renders_total{type="search"}"#
    static let hits = #"broadsheet_page_cache_hits_total{type="search"}"#

    @Test("a search is made once, then served from memory until something live in its edition changes")
    func keptUntilTheEditionChanges() async throws {
        try await CachedSiteTests.withSite { site in
            let first = try await site.client.page("/eng/search?q=secret+story")
            #expect(SearchPageTests.headlines(first.html).isEmpty, "a draft is not found")
            // The same search however the address spells it: another order, an empty filter, %20 for the space.
            for same in ["/eng/search?q=secret+story", "/eng/search?kind=&q=secret%20story"] {
                let again = try await site.client.page(same)
                #expect(again.html == first.html)
                #expect(again.headers[.eTag] == first.headers[.eTag])
            }
            #expect(try await site.metric(Self.searches) == 1)
            #expect(try await site.metric(Self.hits) == 2)
            #expect(first.headers[.surrogateKey]?.split(separator: " ").contains("latest-en") == true)
            #expect(try await site.metric("broadsheet_search_cache_entries") == 1)

            try await site.desk.move(id: site.fixture.ids.draftEN, to: .published, by: nil, now: NewsroomFixture.now)
            let after = try await site.client.page("/eng/search?q=secret+story")
            #expect(SearchPageTests.headlines(after.html) == ["Secret draft story"], "the publish is found at once")
            #expect(try await site.metric(Self.searches) == 2)

            // Pages of one search, and other searches, are kept apart.
            _ = try await site.client.page("/eng/search?q=secret+story&page=2")
            _ = try await site.client.page("/eng/search?q=Secret+story")
            #expect(try await site.metric(Self.searches) == 4)
        }
    }

    @Test("with the search cache off every search asks the database, and the page cache still works")
    func off() async throws {
        try await CachedSiteTests.withSite(caching: PublicCaching(searchBudgetBytes: 0)) { site in
            for _ in 0..<3 { _ = try await site.client.page("/eng/search?q=heatwave") }
            #expect(try await site.metric(Self.searches) == 3)
            #expect(try await site.metric(Self.hits) == 0)
            for _ in 0..<2 { _ = try await site.client.page("/eng/") }
            #expect(try await site.metric(#"broadsheet_page_cache_hits_total{type="home"}"#) == 1)
        }
    }
}
