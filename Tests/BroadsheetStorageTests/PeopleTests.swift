import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import Testing

@Suite("Authors as people")
struct PeopleTests {
    static let tetiana: [String: PersonDraft.Byline] = [
        "uk": .init(name: "Тетяна Олійник", bio: "Кореспондентка у Харкові."),
        "ru": .init(name: "Татьяна Олейник"),
        "en": .init(name: "Tetyana Oliynyk", bio: "Correspondent in Kharkiv."),
    ]

    @Test("three names make three slugs by each edition's transliteration; a namesake gets -2 in each")
    func slugsFromNames() async throws {
        try await TestDatabase.with { database in
            try await NewsroomWriter(database: database).syncEditions(.standard)
            let people = People(database: database)
            let first = try await people.add(PersonDraft(bylines: Self.tetiana), by: nil)
            #expect(first.bylines.map(\.edition) == ["uk", "ru", "en"])
            #expect(first.bylines.map(\.slug) == ["tetiana-oliinyk", "tatiana-oleinik", "tetyana-oliynyk"])
            #expect(first.byline("en")?.bio == "Correspondent in Kharkiv.")
            let namesake = try await people.add(PersonDraft(bylines: Self.tetiana), by: nil)
            #expect(namesake.bylines.map(\.slug) == ["tetiana-oliinyk-2", "tatiana-oleinik-2", "tetyana-oliynyk-2"])
            #expect(try await people.count() == 2)
        }
    }

    @Test("an edition may be left empty, but not every one; links must be ones the site may show")
    func refusals() async throws {
        try await TestDatabase.with { database in
            try await NewsroomWriter(database: database).syncEditions(.standard)
            let people = People(database: database)
            let agency = try await people.add(
                PersonDraft(bylines: ["en": .init(name: "Wire Agency"), "uk": .init(name: "  ")],
                            links: "Site | https://wire.example.org\n\n"),
                by: nil)
            #expect(agency.bylines.map(\.edition) == ["en"])
            #expect(agency.links == "Site | https://wire.example.org")
            await #expect(throws: PeopleError.noName) {
                try await people.add(PersonDraft(bylines: ["en": .init(name: " ")]), by: nil)
            }
            await #expect(throws: PeopleError.linkNotAllowed("javascript:alert(1)")) {
                try await people.add(
                    PersonDraft(bylines: ["en": .init(name: "X")], links: "Bad | javascript:alert(1)"), by: nil)
            }
            await #expect(throws: PeopleError.linkIncomplete("https://example.org")) {
                try await people.add(PersonDraft(bylines: ["en": .init(name: "X")], links: "https://example.org"), by: nil)
            }
            await #expect(throws: PeopleError.noSuchEdition("de")) {
                try await people.add(PersonDraft(bylines: ["de": .init(name: "X")]), by: nil)
            }
            #expect(try await people.count() == 1)
        }
    }

    @Test("removing an edition's name is refused while that edition's articles carry the byline")
    func removingUsedNameRefused() async throws {
        try await TestDatabase.with { database in
            let fixture = try await NewsroomFixture.build(in: database)
            let people = People(database: database)
            let id = try #require(try await people.person(ofAuthor: fixture.ids.authorUK))
            var draft = PersonDraft(try #require(try await people.load(id: id)))
            draft.bylines["uk"]?.name = ""
            draft.bylines["en"] = .init(name: "Olena Koval")
            await #expect(throws: PeopleError.bylineInUse(edition: "uk", articles: 1)) {
                try await people.edit(id: id, draft, remakeSlugs: false, by: nil)
            }
            let unchanged = try #require(try await people.load(id: id))
            #expect(unchanged.bylines.map(\.name) == ["Олена Коваль", "Olena Koval"])
        }
    }

    @Test("a rename keeps the address unless asked; a new address leaves the old one leading to it")
    func renameAndSlug() async throws {
        try await TestDatabase.with { database in
            try await NewsroomWriter(database: database).syncEditions(.standard)
            let people = People(database: database)
            let person = try await people.add(PersonDraft(bylines: Self.tetiana), by: nil)
            var draft = PersonDraft(person)
            draft.bylines["en"] = .init(name: "Tetiana Oliinyk")
            try await people.edit(id: person.id, draft, remakeSlugs: false, by: nil)
            #expect(try await people.load(id: person.id)?.byline("en")?.slug == "tetyana-oliynyk")
            draft.bylines["en"] = .init(name: "Tetiana Oliinyk-Koval")
            try await people.edit(id: person.id, draft, remakeSlugs: true, by: nil)
            let renamed = try #require(try await people.load(id: person.id))
            #expect(renamed.byline("en")?.slug == "tetiana-oliinyk-koval")
            // Only the renamed edition's address changes.
            #expect(renamed.byline("uk")?.slug == "tetiana-oliinyk")
            let moved = try await PublicQueries(database: database).movedAuthor(edition: "en", slug: "tetyana-oliynyk")
            #expect(moved?.slug == "tetiana-oliinyk-koval")
        }
    }

    @Test("a retired author is not offered in the editor, unless the article already carries them")
    func retiredNotOffered() async throws {
        try await TestDatabase.with { database in
            let fixture = try await NewsroomFixture.build(in: database)
            let people = People(database: database)
            let desk = DeskQueries(database: database)
            let id = try #require(try await people.person(ofAuthor: fixture.ids.authorEN))
            #expect(try await desk.authorChoices(edition: "en").map(\.label) == ["Andrii Melnyk", "Olena Koval"])
            try await people.retire(id: id, by: nil)
            #expect(try await desk.authorChoices(edition: "en").map(\.label) == ["Andrii Melnyk"])
            #expect(
                try await desk.authorChoices(edition: "en", keeping: [fixture.ids.authorEN]).map(\.label)
                    == ["Andrii Melnyk", "Olena Koval"])
            try await people.retire(id: id, false, by: nil)
            #expect(try await desk.authorChoices(edition: "en").count == 2)
        }
    }

    @Test("merging moves each edition's articles to the target's byline and leaves the old address leading there")
    func merge() async throws {
        try await TestDatabase.with { database in
            let fixture = try await NewsroomFixture.build(in: database)
            let people = People(database: database)
            let queries = PublicQueries(database: database)
            let melnykRow = try #require(try await queries.author(edition: "en", slug: "andrii-melnyk")).id
            let koval = try #require(try await people.person(ofAuthor: fixture.ids.authorEN))
            #expect(try await people.person(ofAuthor: fixture.ids.authorUK) == koval, "one person, two bylines")
            let melnyk = try #require(try await people.person(ofAuthor: melnykRow))
            let before = try await queries.byAuthor(fixture.ids.authorEN, limit: 50, now: NewsroomFixture.now)
            let melnyksOwn = try await queries.byAuthor(melnykRow, limit: 50, now: NewsroomFixture.now)
            #expect(!melnyksOwn.isEmpty)

            try await people.merge(melnyk, into: koval, by: nil)

            #expect(try await people.load(id: melnyk) == nil)
            let merged = try #require(try await people.load(id: koval))
            #expect(merged.bylines.map(\.authorID) == [fixture.ids.authorUK, fixture.ids.authorEN])
            let after = try await queries.byAuthor(fixture.ids.authorEN, limit: 50, now: NewsroomFixture.now)
            // The showcase carried both; it keeps Olena Koval once.
            #expect(after.count == Set(after.map(\.id)).count)
            #expect(Set(after.map(\.id)) == Set(before.map(\.id) + melnyksOwn.map(\.id)))
            #expect(try await queries.author(edition: "en", slug: "andrii-melnyk") == nil)
            #expect(try await queries.movedAuthor(edition: "en", slug: "andrii-melnyk")?.slug == "olena-koval")
            await #expect(throws: PeopleError.mergeIntoSelf) { try await people.merge(koval, into: koval, by: nil) }
        }
    }
}
