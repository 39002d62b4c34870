import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import SQLKit
import Testing

/// Every rule of the desk, called on the desk itself: what it refuses, that a refusal writes nothing, and that
/// what it allows leaves its revision and audit line behind.
@Suite("The desk's rules")
struct ArticleDeskRulesTests {
    static let now = NewsroomFixture.now

    /// A fixture newsroom with one staff member of each writing role.
    struct Desk {
        let database: NewsDatabase
        let fixture: NewsroomFixture
        let desk: ArticleDesk
        let contributor: StaffMember
        let author: StaffMember
        let editor: StaffMember

        static func run(_ test: @Sendable @escaping (Desk) async throws -> Void) async throws {
            try await TestDatabase.with { database in
                let fixture = try await NewsroomFixture.build(in: database)
                let staff = StaffStore(database: database)
                func add(_ name: String, _ role: StaffRole) async throws -> StaffMember {
                    try await staff.add(
                        email: "\(name)@example.org", name: name, role: role, passwordHash: "x", language: "en")
                }
                try await test(
                    Desk(
                        database: database, fixture: fixture,
                        desk: ArticleDesk(database: database, timeZone: NewsroomFixture.kyiv),
                        contributor: try await add("contributor", .contributor), author: try await add("author", .author),
                        editor: try await add("editor", .editor)))
            }
        }

        func article(_ id: Int) async throws -> EditableArticle {
            try #require(try await desk.load(id: id))
        }

        /// The audit lines about one article, oldest first.
        func audit(_ id: Int) async throws -> [String] {
            try await AuditLog(database: database).recent(limit: 100).filter { $0.subject == "article \(id)" }
                .reversed().map(\.action)
        }

        func count(_ table: String) async throws -> Int {
            try await database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    static func refused(_ expected: DeskError, _ work: () async throws -> Void) async {
        do {
            try await work()
            Issue.record("expected the desk to refuse with \(expected)")
        } catch let error as DeskError {
            #expect(error == expected)
        } catch {
            Issue.record("expected \(expected), got \(error)")
        }
    }

    // MARK: Permissions

    @Test("the permission table holds on the desk: a contributor may neither publish, edit another's draft, translate, correct nor delete")
    func permissions() async throws {
        try await Desk.run { d in
            let own = try await d.desk.create(ArticleDraft(edition: "en", headline: "Own draft"), by: d.contributor, now: Self.now)
            let other = try await d.desk.create(ArticleDraft(edition: "en", headline: "Someone else's"), by: d.editor, now: Self.now)
            await Self.refused(.moveNotAllowed(from: .draft, to: .published)) {
                try await d.desk.move(id: own, to: .published, by: d.contributor, now: Self.now)
            }
            await Self.refused(.notAllowed(.editAnyArticle)) {
                try await d.desk.save(id: other, ArticleDraft(edition: "en", headline: "Mine now"), by: d.contributor, now: Self.now)
            }
            await Self.refused(.notAllowed(.translate)) {
                _ = try await d.desk.translate(id: own, into: "uk", by: d.contributor, now: Self.now)
            }
            await Self.refused(.notAllowed(.addCorrection)) {
                try await d.desk.addCorrection(id: d.fixture.ids.showcaseEN, text: "No.", by: d.contributor, now: Self.now)
            }
            await Self.refused(.notAllowed(.deleteArticle)) {
                try await d.desk.delete(id: d.fixture.ids.showcaseEN, by: d.editor, now: Self.now)
            }
            #expect(try await d.article(other).draft.headline == "Someone else's")
            #expect(try await d.article(own).status == .draft)
            // An author sends their own draft for review; then it is the editors' and no longer theirs to edit.
            let authors = try await d.desk.create(ArticleDraft(edition: "en", headline: "For review"), by: d.author, now: Self.now)
            try await d.desk.move(id: authors, to: .inReview, by: d.author, now: Self.now)
            await Self.refused(.notAllowed(.editAnyArticle)) {
                try await d.desk.save(id: authors, ArticleDraft(edition: "en", headline: "Changed"), by: d.author, now: Self.now)
            }
            #expect(try await d.audit(authors) == ["created article", "sent for review"])
        }
    }

    @Test("only those who arrange the home page set its flags: a contributor's 'top story' is not kept")
    func homePageFlags() async throws {
        try await Desk.run { d in
            let draft = ArticleDraft(edition: "en", headline: "Top, says the intern", isBreaking: true, isTop: true)
            let id = try await d.desk.create(draft, by: d.contributor, now: Self.now)
            #expect(try await d.article(id).draft.isTop == false)
            #expect(try await d.article(id).draft.isBreaking == false)
            let editors = try await d.desk.create(draft, by: d.editor, now: Self.now)
            #expect(try await d.article(editors).draft.isTop == true)
        }
    }

    // MARK: Photos, times, editions

    @Test("an article is not published or scheduled while a photo it shows lacks a caption, credit or alt text")
    func photoCompleteness() async throws {
        try await Desk.run { d in
            let bare = try await NewsroomWriter(database: d.database).createPhoto(
                file: "ffffffffffffffff.png", width: 10, height: 10, credit: "Agency", texts: [:], now: Self.now)
            let id = try await d.desk.create(
                ArticleDraft(edition: "en", headline: "Pictured", body: "Text.\n\n[photo: \(bare)]"), by: d.editor, now: Self.now)
            let gap = PhotoGap(photoID: bare, missing: [.caption, .altText])
            await Self.refused(.photosIncomplete([gap])) {
                try await d.desk.move(id: id, to: .published, by: d.editor, now: Self.now)
            }
            await Self.refused(.photosIncomplete([gap])) {
                try await d.desk.move(id: id, to: .scheduled, at: Self.now.addingTimeInterval(60), by: d.editor, now: Self.now)
            }
            #expect(try await d.article(id).status == .draft)
            #expect(try await d.audit(id) == ["created article"], "a refusal leaves no audit line")
        }
    }

    @Test("a photo captioned in English but not in Ukrainian stops the Ukrainian article, not the English one")
    func photoCompletenessPerEdition() async throws {
        try await Desk.run { d in
            let photo = try await NewsroomWriter(database: d.database).createPhoto(
                file: "eeeeeeeeeeeeeeee.png", width: 10, height: 10, credit: "Agency",
                texts: ["en": PhotoText(caption: "Cranes at dawn", altText: "Three cranes over a port")], now: Self.now)
            let english = try await d.desk.create(
                ArticleDraft(edition: "en", headline: "Pictured", body: "Text.\n\n[photo: \(photo)]"), by: d.editor,
                now: Self.now)
            let ukrainian = try await d.desk.create(
                ArticleDraft(edition: "uk", headline: "На фото", mainPhotoID: photo), by: d.editor, now: Self.now)
            await Self.refused(.photosIncomplete([PhotoGap(photoID: photo, missing: [.caption, .altText])])) {
                try await d.desk.move(id: ukrainian, to: .published, by: d.editor, now: Self.now)
            }
            #expect(try await d.article(ukrainian).status == .draft)
            try await d.desk.move(id: english, to: .published, by: d.editor, now: Self.now)
            #expect(try await d.article(english).status == .published)
        }
    }

    @Test("scheduling needs a time, and one still to come")
    func scheduleTime() async throws {
        try await Desk.run { d in
            let id = try await d.desk.create(ArticleDraft(edition: "en", headline: "Later"), by: d.editor, now: Self.now)
            await Self.refused(.missingScheduleTime) {
                try await d.desk.move(id: id, to: .scheduled, by: d.editor, now: Self.now)
            }
            await Self.refused(.scheduleInThePast) {
                try await d.desk.move(id: id, to: .scheduled, at: Self.now.addingTimeInterval(-60), by: d.editor, now: Self.now)
            }
            #expect(try await d.article(id).status == .draft)
        }
    }

    @Test("one edition per article: another edition's section or author is refused, naming it, and nothing is saved")
    func editions() async throws {
        try await Desk.run { d in
            let articles = try await d.count("articles")
            await Self.refused(.otherEdition(.section, name: "Політика", edition: "uk")) {
                _ = try await d.desk.create(
                    ArticleDraft(edition: "en", headline: "Mixed", sectionID: d.fixture.ids.politicsUK), by: d.editor,
                    now: Self.now)
            }
            await Self.refused(.otherEdition(.author, name: "Олена Коваль", edition: "uk")) {
                _ = try await d.desk.create(
                    ArticleDraft(edition: "en", headline: "Mixed", authorIDs: [d.fixture.ids.authorUK]), by: d.editor,
                    now: Self.now)
            }
            await Self.refused(.unknown(.section, id: 999_999)) {
                _ = try await d.desk.create(
                    ArticleDraft(edition: "en", headline: "Mixed", sectionID: 999_999), by: d.editor, now: Self.now)
            }
            #expect(try await d.count("articles") == articles, "no article was filed")

            let id = d.fixture.ids.showcaseEN
            let before = try await d.article(id)
            var mixed = before.draft
            mixed.authorIDs = [d.fixture.ids.authorUK]
            await Self.refused(.otherEdition(.author, name: "Олена Коваль", edition: "uk")) {
                try await d.desk.save(id: id, mixed, by: d.editor, now: Self.now)
            }
            #expect(try await d.article(id).draft == before.draft, "the saved article is as it was")
        }
    }

    @Test("a retired author is not put on an article, but stays on the articles that carry them")
    func retiredAuthors() async throws {
        try await Desk.run { d in
            let person = try #require(try await NewsroomWriter(database: d.database).entry(of: .author, row: d.fixture.ids.authorEN))
            try await People(database: d.database).retire(id: person, by: d.editor, now: Self.now)
            await Self.refused(.retired("Olena Koval")) {
                _ = try await d.desk.create(
                    ArticleDraft(edition: "en", headline: "New byline", authorIDs: [d.fixture.ids.authorEN]), by: d.editor,
                    now: Self.now)
            }
            // The showcase keeps her byline through an edit.
            let showcase = try await d.article(d.fixture.ids.showcaseEN)
            var edited = showcase.draft
            edited.lead = "Edited after she retired."
            try await d.desk.save(id: showcase.id, edited, by: d.editor, now: Self.now)
            #expect(try await d.article(showcase.id).draft.authorIDs.contains(d.fixture.ids.authorEN))
        }
    }

    @Test("a past time publishes an archive story with that date in its address; a future one schedules")
    func publicationTime() async throws {
        try await Desk.run { d in
            // Monday 30 June 2025, 19:53 in Kyiv.
            let archive = Date(timeIntervalSince1970: 1_751_302_380)
            let id = try await d.desk.create(
                ArticleDraft(edition: "en", headline: "Parliament passes the budget"), by: d.editor, now: Self.now)
            try await d.desk.move(id: id, to: .published, at: archive, by: d.editor, now: Self.now)
            let published = try await d.article(id)
            #expect(published.status == .published)
            #expect(published.publishedAt == archive)
            #expect(published.day == LocalDay(year: 2025, month: 6, day: 30))
            #expect(try await d.audit(id) == ["created article", "published"])

            let later = try await d.desk.create(ArticleDraft(edition: "en", headline: "Tomorrow"), by: d.editor, now: Self.now)
            try await d.desk.move(id: later, to: .published, at: Self.now.addingTimeInterval(3600), by: d.editor, now: Self.now)
            #expect(try await d.article(later).status == .scheduled)
        }
    }

    @Test("an editor corrects a published article's time: the address keeps its date unless moved, then the old one is kept for a 301")
    func retime() async throws {
        try await Desk.run { d in
            let id = d.fixture.ids.showcaseEN
            let before = try await d.article(id)
            let queries = PublicQueries(database: d.database)
            let dayBefore = try #require(before.day)
            let twoDaysEarlier = try #require(before.publishedAt).addingTimeInterval(-2 * 86_400)
            await Self.refused(.notAllowed(.setPublicationTime)) {
                try await d.desk.retime(id: id, to: twoDaysEarlier, by: d.author, now: Self.now)
            }
            await Self.refused(.publicationTimeInTheFuture) {
                try await d.desk.retime(id: id, to: Self.now.addingTimeInterval(60), by: d.editor, now: Self.now)
            }
            try await d.desk.retime(id: id, to: twoDaysEarlier, by: d.editor, now: Self.now)
            var after = try await d.article(id)
            #expect(after.publishedAt == twoDaysEarlier)
            #expect(after.day == dayBefore, "the URL keeps its date")

            try await d.desk.retime(id: id, to: twoDaysEarlier, movingAddress: true, by: d.editor, now: Self.now)
            after = try await d.article(id)
            #expect(after.day == NewsroomFixture.day(twoDaysEarlier))
            guard case .moved(let moved) = try await queries.article(edition: "en", day: dayBefore, slug: before.slug, now: Self.now)
            else { Issue.record("the old address does not lead to the article"); return }
            #expect(moved.id == id && moved.day == after.day)
            #expect(try await d.audit(id).suffix(2) == ["changed the publication time", "changed the publication time"])

            let draft = try await d.desk.create(ArticleDraft(edition: "en", headline: "Undated"), by: d.editor, now: Self.now)
            await Self.refused(.notDated(.draft)) {
                try await d.desk.retime(id: draft, to: Self.now, by: d.editor, now: Self.now)
            }
        }
    }

    // MARK: Translations, corrections

    @Test("a translation's address comes from its translated headline, never the original's")
    func translationSlug() async throws {
        try await Desk.run { d in
            let original = try await d.desk.create(
                ArticleDraft(edition: "en", headline: "Ferry service returns"), by: d.editor, now: Self.now)
            let translation = try await d.desk.translate(id: original, into: "uk", by: d.editor, now: Self.now)
            var draft = try await d.article(translation).draft
            #expect(draft.slug == "", "an undated draft's slug follows its headline")
            draft.headline = "Пором повертається"
            try await d.desk.save(id: translation, draft, by: d.editor, now: Self.now)
            try await d.desk.move(id: translation, to: .published, by: d.editor, now: Self.now)
            #expect(try await d.article(translation).slug == "porom-povertaietsia")
            #expect(try await d.audit(translation).first == "started a translation")
            await Self.refused(.noSuchEdition("de")) {
                _ = try await d.desk.translate(id: original, into: "de", by: d.editor, now: Self.now)
            }
        }
    }

    @Test("a correction needs text and a published article, and is audited with it")
    func corrections() async throws {
        try await Desk.run { d in
            await Self.refused(.correctionEmpty) {
                try await d.desk.addCorrection(id: d.fixture.ids.showcaseEN, text: "  ", by: d.editor, now: Self.now)
            }
            await Self.refused(.correctionTooLong) {
                try await d.desk.addCorrection(
                    id: d.fixture.ids.showcaseEN, text: String(repeating: "a", count: 2_001), by: d.editor, now: Self.now)
            }
            await Self.refused(.notPublished) {
                try await d.desk.addCorrection(id: d.fixture.ids.draftEN, text: "Fixed.", by: d.editor, now: Self.now)
            }
            try await d.desk.addCorrection(id: d.fixture.ids.showcaseEN, text: "Fixed.", by: d.editor, now: Self.now)
            #expect(try await d.audit(d.fixture.ids.showcaseEN) == ["added a correction"])
        }
    }
}
