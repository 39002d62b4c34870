import BroadsheetDemo
import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import Logging
import SQLKit
import Testing

@Suite("Bulk newsroom for benchmarks")
struct BulkNewsroomTests {
    @Test("generated articles are live, spread over the editions in translation groups, with unique addresses")
    func generate() async throws {
        let photos = FileManager.default.temporaryDirectory.appendingPathComponent("bulk-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: photos) }
        try await TestDatabase.with { database in
            try await NewsroomWriter(database: database).syncEditions(.standard)
            let now = Date(timeIntervalSince1970: 1_782_000_000)
            let written = try await BulkNewsroom(
                database: database, editions: .standard, timeZone: TimeZone(identifier: "Europe/Kyiv")!,
                photoDirectory: photos, logger: Logger(label: "bulk")
            ).generate(articles: 901, now: now)
            #expect(written == 901)
            let queries = PublicQueries(database: database)
            for code in ["uk", "ru", "en"] {
                #expect(try await queries.liveCount(edition: code, now: now) == (code == "uk" ? 301 : 300))
            }
            struct Row: Decodable {
                let n: Int
            }
            let duplicates = try await database.sql.raw(
                "SELECT COUNT(*) AS n FROM (SELECT edition, url_day, slug FROM articles GROUP BY 1, 2, 3 HAVING COUNT(*) > 1) d"
            ).first(decoding: Row.self)
            #expect(duplicates?.n == 0)
            let latest = try #require(try await queries.latest(edition: "en", limit: 1, now: now).first)
            guard case .found(let article) = try await queries.article(edition: "en", day: latest.day, slug: latest.slug, now: now)
            else {
                Issue.record("the newest generated article is not served")
                return
            }
            #expect(!article.tags.isEmpty && !article.authors.isEmpty && article.section != nil)
            #expect(try await queries.translations(group: article.translationGroup, excluding: article.id, now: now).count == 2)
            #expect(article.body.count > 1_000)
        }
    }
}
