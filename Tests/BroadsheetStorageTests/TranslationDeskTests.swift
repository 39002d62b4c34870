import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import Testing

/// Translating on the desk: what a translation carries, under which names, and naming what has none yet.
@Suite("Translations on the desk")
struct TranslationDeskTests {
    static let now = NewsroomFixture.now

    @Test("a translation carries kind, flags, photos, sources, section, tags and authors under the new edition's names")
    func carries() async throws {
        try await TestDatabase.with { database in
            let fixture = try await NewsroomFixture.build(in: database)
            let editor = try await StaffStore(database: database).add(
                email: "e@example.org", name: "E", role: .editor, passwordHash: "x", language: "en")
            let desk = ArticleDesk(database: database, timeZone: NewsroomFixture.kyiv)
            let original = try #require(try await desk.load(id: fixture.ids.showcaseEN))
            // A fresh English story translated into Ukrainian: Politics, Energy and Olena Koval have Ukrainian names.
            var draft = original.draft
            draft.headline = "Grid holds in the heat"
            let id = try await desk.create(draft, by: editor, now: Self.now)
            try await desk.move(id: id, to: .published, by: editor, now: Self.now)
            // The showcase's group already has a Ukrainian version; this new one has none.
            let translation = try await desk.translate(id: id, into: "uk", by: editor, now: Self.now)
            let carried = try #require(try await desk.load(id: translation)).draft
            #expect(carried.edition == "uk")
            #expect(carried.kind == .explainer)
            #expect(carried.sectionID == fixture.ids.politicsUK)
            #expect(carried.tags == ["Енергетика"])
            #expect(carried.authorIDs == [fixture.ids.authorUK])
            #expect(carried.mainPhotoID == fixture.ids.photo)
            #expect(carried.body == original.draft.body, "inline photos come with the text to translate over")
            #expect(carried.sources == original.draft.sources)
            #expect(carried.slug == "", "the address will come from the translated headline")
            // Budget and Andrii Melnyk have no Ukrainian name: the translator is asked for one.
            let unnamed = try await desk.unnamed(in: try #require(try await desk.load(id: translation)))
            #expect(unnamed.map(\.kind) == [.tag, .author])
            #expect(unnamed.map(\.originalName) == ["Budget", "Andrii Melnyk"])
        }
    }

    @Test("naming an entry on the spot files the edition's name in the same entry and puts it on the article")
    func namesOnTheSpot() async throws {
        try await TestDatabase.with { database in
            let fixture = try await NewsroomFixture.build(in: database)
            let editor = try await StaffStore(database: database).add(
                email: "e@example.org", name: "E", role: .editor, passwordHash: "x", language: "en")
            let desk = ArticleDesk(database: database, timeZone: NewsroomFixture.kyiv)
            let translation = try await desk.translate(id: fixture.ids.showcaseEN, into: "ru", by: editor, now: Self.now)
            var article = try #require(try await desk.load(id: translation))
            let unnamed = try await desk.unnamed(in: article)
            #expect(unnamed.map(\.originalName) == ["Energy", "Budget", "Olena Koval", "Andrii Melnyk"])
            let energy = try #require(unnamed.first)
            let olena = try #require(unnamed.first { $0.originalName == "Olena Koval" })
            await ArticleDeskRulesTests.refused(.nameUnusable("!!!")) {
                try await desk.name(
                    [EntryName(kind: .tag, entry: energy.entry, name: "!!!")], onArticle: translation, by: editor, now: Self.now)
            }
            try await desk.name(
                [
                    EntryName(kind: .tag, entry: energy.entry, name: "Энергетика"),
                    EntryName(kind: .author, entry: olena.entry, name: "Елена Коваль"),
                    EntryName(kind: .tag, entry: unnamed[1].entry, name: " "),
                ], onArticle: translation, by: editor, now: Self.now)
            article = try #require(try await desk.load(id: translation))
            #expect(article.draft.tags == ["Энергетика"])
            #expect(article.draft.sectionID != nil, "Politics has a Russian name already")
            let tag = try #require(try await PublicQueries(database: database).tag(edition: "ru", slug: "energetika"))
            let writer = NewsroomWriter(database: database)
            #expect(try await writer.entry(of: .tag, row: tag.id) == energy.entry, "the same tag, now named in Russian")
            #expect(try await desk.unnamed(in: article).map(\.originalName) == ["Budget", "Andrii Melnyk"])
            #expect(try await desk.revisions(of: translation).first?.note == "named for the edition")
        }
    }
}
