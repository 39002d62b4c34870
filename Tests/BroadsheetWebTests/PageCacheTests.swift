import BroadsheetDomain
import BroadsheetStorage
import Foundation
import NIOCore
import Synchronization
import Testing

@testable import BroadsheetWeb

/// The page cache on its own: purging by key, renders that race a purge, the memory budget, the clock.
@Suite("Page cache")
struct PageCacheTests {
    static let now = Date(timeIntervalSince1970: 1_751_371_200)

    static func page(_ text: String, keys: Set<SurrogateKey>, until: Date = .distantFuture) -> CacheEntry {
        .page(
            CachedPage(
                type: .article, body: ByteBuffer(string: text), contentType: "text/html", cacheControl: "public",
                keys: keys, validUntil: until))
    }

    @Test("a purge drops exactly the entries that show the purged thing")
    func purgeByKey() {
        let cache = PageCache(budgetBytes: 10_000_000)
        cache.store("/a/", Self.page("a", keys: [.article(1), .latest("en")]), renderedFrom: cache.renderStarts())
        cache.store("/b/", Self.page("b", keys: [.article(2), .latest("en")]), renderedFrom: cache.renderStarts())
        cache.store("/c/", Self.page("c", keys: [.article(3), .latest("uk")]), renderedFrom: cache.renderStarts())
        cache.purge(.keys([.article(2)]))
        #expect(cache.page("/a/", now: Self.now) != nil)
        #expect(cache.page("/b/", now: Self.now) == nil)
        cache.purge(.keys([.latest("en")]))
        #expect(cache.page("/a/", now: Self.now) == nil)
        #expect(cache.page("/c/", now: Self.now) != nil)
        cache.purge(.everything)
        #expect(cache.page("/c/", now: Self.now) == nil)
        #expect(cache.figures.entries == 0)
        #expect(cache.figures.bytes == 0)
    }

    @Test("a render that began before a purge of what it shows is not kept, since it may have read the old state")
    func raceWithPurge() {
        let cache = PageCache(budgetBytes: 10_000_000)
        let began = cache.renderStarts()
        cache.purge(.keys([.article(7)]))
        #expect(!cache.store("/x/", Self.page("old", keys: [.article(7)]), renderedFrom: began))
        #expect(cache.page("/x/", now: Self.now) == nil)
        // A purge of something else does not stop it.
        #expect(cache.store("/y/", Self.page("fine", keys: [.article(8)]), renderedFrom: began))
        // Nor does anything stop a render that began after the purge.
        #expect(cache.store("/x/", Self.page("new", keys: [.article(7)]), renderedFrom: cache.renderStarts()))
    }

    @Test("over its budget it lets go of the least recently used pages first")
    func budget() {
        let body = String(repeating: "x", count: 10_000)
        // Room for five and a half pages of this size: the sixth pushes the oldest out.
        let cost = Self.page(body + "/0/", keys: []).cost
        let cache = PageCache(budgetBytes: cost * 11 / 2)
        for name in ["/1/", "/2/", "/3/", "/4/"] {
            cache.store(name, Self.page(body + name, keys: []), renderedFrom: cache.renderStarts())
        }
        _ = cache.page("/1/", now: Self.now)
        cache.store("/5/", Self.page(body + "/5/", keys: []), renderedFrom: cache.renderStarts())
        cache.store("/6/", Self.page(body + "/6/", keys: []), renderedFrom: cache.renderStarts())
        #expect(cache.figures.bytes <= cost * 11 / 2)
        #expect(cache.figures.evictions > 0)
        #expect(cache.page("/1/", now: Self.now) != nil, "used lately, so kept")
        #expect(cache.page("/2/", now: Self.now) == nil, "the oldest unused goes first")
        #expect(cache.page("/6/", now: Self.now) != nil)
    }

    @Test("a page that changes by the clock (midnight, a banner's end) is not served after that time")
    func validUntil() {
        let cache = PageCache(budgetBytes: 10_000_000)
        cache.store(
            "/t/", Self.page("today", keys: [], until: Self.now.addingTimeInterval(60)), renderedFrom: cache.renderStarts())
        #expect(cache.page("/t/", now: Self.now.addingTimeInterval(59)) != nil)
        #expect(cache.page("/t/", now: Self.now.addingTimeInterval(60)) == nil)
    }

    @Test("fifty requests for a cold page at once cause one render, and all get its result")
    func oneRender() async throws {
        let cache = PageCache(budgetBytes: 10_000_000)
        let renders = Tally()
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    try await cache.coalesced("page /cold/") {
                        renders.add()
                        try await Task.sleep(for: .milliseconds(200))
                        return "rendered"
                    }
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(renders.count == 1)
        #expect(results.count == 50 && results.allSatisfy { $0 == "rendered" })
    }

    @Test("after a purge, new requests do not wait for a render that began before it: they start their own")
    func purgeDuringRender() async throws {
        let cache = PageCache(budgetBytes: 10_000_000)
        let renders = Tally()
        async let first = cache.coalesced("page /p/") {
            renders.add()
            try await Task.sleep(for: .milliseconds(300))
            return "before"
        }
        try await Task.sleep(for: .milliseconds(50))
        cache.purge(.keys([.latest("en")]))
        let second = try await cache.coalesced("page /p/") {
            renders.add()
            return "after"
        }
        #expect(second == "after")
        #expect(try await first == "before")
        #expect(renders.count == 2)
    }

    @Test("If-None-Match matches either representation's tag, weak or strong, or *")
    func etagMatching() {
        #expect(CachedPage.matches("\"abc\"", etag: "\"abc\""))
        #expect(CachedPage.matches("W/\"abc-gz\"", etag: "\"abc\""))
        #expect(CachedPage.matches("\"x\", \"abc\"", etag: "\"abc\""))
        #expect(CachedPage.matches("*", etag: "\"abc\""))
        #expect(!CachedPage.matches("\"abd\"", etag: "\"abc\""))
        #expect(!CachedPage.matches("abc", etag: "\"abc\""))
    }

    @Test("gzip only for clients that accept it, q=0 meaning no")
    func acceptEncoding() {
        #expect(CachedPage.acceptsGzip("gzip, deflate, br"))
        #expect(CachedPage.acceptsGzip("br;q=1.0, gzip;q=0.8"))
        #expect(!CachedPage.acceptsGzip("gzip;q=0"))
        #expect(!CachedPage.acceptsGzip("br"))
        #expect(!CachedPage.acceptsGzip(nil))
    }
}

/// A count several tasks add to.
final class Tally: Sendable {
    private let value = Atomic<Int>(0)
    func add() { value.add(1, ordering: .relaxed) }
    var count: Int { value.load(ordering: .relaxed) }
}
