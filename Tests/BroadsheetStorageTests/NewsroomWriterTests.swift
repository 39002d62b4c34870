import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import Testing

@Suite("Newsroom writer and settings")
struct NewsroomWriterTests {
    @Test("a slug already taken that day gets -2, then -3")
    func repeatedSlugGetsSuffix() async throws {
        try await TestDatabase.with { database in
            let writer = NewsroomWriter(database: database)
            try await writer.syncEditions(.standard)
            let day = LocalDay(year: 2025, month: 6, day: 30)!
            var slugs: [String] = []
            for _ in 0..<3 {
                let group = try await writer.newTranslationGroup()
                let article = NewArticle(
                    edition: "en", translationGroup: group, kind: .news, status: .published, headline: "Same",
                    slug: "same", lead: "", body: "", publishedAt: Date(), urlDay: day)
                slugs.append(try await writer.createArticle(article).slug)
            }
            #expect(slugs == ["same", "same-2", "same-3"])
            #expect(try await writer.articleCount() == 3)
        }
    }

    @Test("settings round-trip: ad slots in order, support calls per edition")
    func settingsRoundTrip() async throws {
        try await TestDatabase.with { database in
            try await NewsroomWriter(database: database).syncEditions(.standard)
            let store = SettingsStore(database: database)
            #expect(try await store.isEmpty())
            let settings = NewsroomSettings(
                adEvery: 3, adSlots: [AdSlot(name: "a", html: "<b>A</b>"), AdSlot(name: "b", html: "<i>B</i>")],
                supportCalls: ["en": SupportCall(text: "Help us", url: "https://example.org/s")])
            try await store.save(settings, in: database)
            #expect(try await store.load() == settings)
            #expect(try await !store.isEmpty())
        }
    }
}
