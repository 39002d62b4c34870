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

    @Test("settings round-trip: ad slots in order, support calls and footers per edition")
    func settingsRoundTrip() async throws {
        try await TestDatabase.with { database in
            try await NewsroomWriter(database: database).syncEditions(.standard)
            let store = SettingsStore(database: database)
            #expect(try await store.isEmpty())
            let settings = NewsroomSettings(
                adEvery: 3, adSlots: [AdSlot(name: "a", html: "<b>A</b>"), AdSlot(name: "b", html: "<i>B</i>")],
                supportCalls: ["en": SupportCall(text: "Help us", url: "https://example.org/s")],
                footers: [
                    "en": EditionFooter(text: "Line one\nLine two", links: [.init(label: "About \"us\"", url: "/eng/")]),
                    "uk": EditionFooter(text: "Лише текст", links: []),
                ])
            try await store.save(settings, in: database)
            #expect(try await store.load() == settings)
            #expect(try await !store.isEmpty())
        }
    }
}

@Suite("Newsroom setup: footers")
struct FooterSetupTests {
    @Test("saving footers replaces each edition's, an empty one removes it, and a refused one saves nothing")
    func saveFooters() async throws {
        try await TestDatabase.with { database in
            try await NewsroomWriter(database: database).syncEditions(.standard)
            let setup = NewsroomSetup(database: database)
            let english = EditionFooter(text: "Letters welcome.", links: [.init(label: "Terms", url: "https://example.org/t")])
            try await setup.saveFooters(["en": english, "uk": EditionFooter(text: "Листи", links: [])])
            #expect(try await SettingsStore(database: database).load().footers == ["en": english, "uk": EditionFooter(text: "Листи", links: [])])
            try await setup.saveFooters(["en": english, "uk": EditionFooter(text: "", links: [])])
            #expect(try await SettingsStore(database: database).load().footers == ["en": english])
            let bad = EditionFooter(text: "Other", links: [.init(label: "Run", url: "javascript:alert(1)")])
            let refused = await #expect(throws: NewsroomSetup.FooterRejected.self) {
                try await setup.saveFooters(["en": EditionFooter(text: "Changed", links: []), "ru": bad])
            }
            #expect(refused?.edition == "ru" && refused?.problems == [.linkNotAllowed("javascript:alert(1)")])
            #expect(try await SettingsStore(database: database).load().footers == ["en": english])
        }
    }
}
