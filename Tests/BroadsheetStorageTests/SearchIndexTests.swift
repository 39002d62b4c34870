import BroadsheetDomain
@testable import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import SQLKit
import Testing

/// The full-text index on both engines: kept by the desk's own transactions, rebuilt on demand, and found
/// by the words readers type.
@Suite("Search index")
struct SearchIndexTests {
    static let now = NewsroomFixture.now

    struct Desk {
        let database: NewsDatabase
        let desk: ArticleDesk
        let staff: StaffMember

        init(_ database: NewsDatabase) async throws {
            try await NewsroomWriter(database: database).syncEditions(.standard)
            self.database = database
            desk = ArticleDesk(database: database, timeZone: NewsroomFixture.kyiv)
            staff = try await StaffStore(database: database).add(
                email: "e@example.org", name: "E", role: .admin, passwordHash: "x", language: "uk")
        }

        func publish(_ edition: String, _ headline: String, lead: String = "", body: String = "", hoursAgo: Double = 1)
            async throws -> Int
        {
            let at = SearchIndexTests.now.addingTimeInterval(-hoursAgo * 3600)
            let id = try await desk.create(
                ArticleDraft(edition: edition, headline: headline, lead: lead, body: body), by: staff, now: at)
            try await desk.move(id: id, to: .published, by: staff, now: at)
            return id
        }

        func find(_ text: String, _ edition: String, limit: Int = 20, offset: Int = 0) async throws -> [Int] {
            let language = ["uk": "uk", "ru": "ru", "en": "en"][edition]!
            return try await SearchQueries(database: database).find(
                try SearchRequest(parsing: text, language: language), edition: edition, limit: limit, offset: offset,
                now: SearchIndexTests.now
            ).ids
        }
    }

    @Test("every form of a word finds the article, in its edition only, published only")
    func formsFindTheArticle() async throws {
        try await TestDatabase.with { database in
            let desk = try await Desk(database)
            let war = try await desk.publish("uk", "Війна змінила Україну", body: "Солдатами стали вчителі. П'ять років.")
            let russian = try await desk.publish("ru", "Война и ёлка", body: "Солдатов стало больше.")
            let english = try await desk.publish("en", "Soldiers killed at the border")
            let draft = try await desk.desk.create(ArticleDraft(edition: "uk", headline: "Війна в чернетці"), by: desk.staff)
            for query in ["війна", "війни", "війною", "Україна", "України", "Україні", "солдат", "солдатів",
                          "пʼять", "п’ять", "п'ять"] {
                #expect(try await desk.find(query, "uk") == [war], "\(query)")
            }
            for query in ["войны", "войной", "елка", "ёлки", "солдат"] {
                #expect(try await desk.find(query, "ru") == [russian], "\(query)")
            }
            for query in ["soldier", "kill", "KILLED", "bord"] {
                #expect(try await desk.find(query, "en") == [english], "\(query)")
            }
            #expect(try await desk.find("війна", "ru").isEmpty, "another edition's articles are not found")
            #expect(try await !desk.find("чернетці", "uk").contains(draft), "a draft is never found")
        }
    }

    @Test("a phrase in quotes matches only the words in that order")
    func phrases() async throws {
        try await TestDatabase.with { database in
            let desk = try await Desk(database)
            let inOrder = try await desk.publish("en", "Grid survives the heatwave")
            let apart = try await desk.publish("en", "The heatwave tests the grid")
            #expect(Set(try await desk.find("grid heatwave", "en")) == [inOrder, apart])
            #expect(try await desk.find("\"grid survives\"", "en") == [inOrder])
            #expect(try await desk.find("\"heatwave grid\"", "en").isEmpty)
        }
    }

    @Test("a headline match ranks above a body match, and a newer article above an older equal one")
    func ranking() async throws {
        try await TestDatabase.with { database in
            let desk = try await Desk(database)
            let inBody = try await desk.publish("en", "Council meeting", body: "The budget was passed late.", hoursAgo: 1)
            let inHeadline = try await desk.publish("en", "Budget passed", body: "The council met.", hoursAgo: 2)
            #expect(try await desk.find("budget", "en") == [inHeadline, inBody])
            let older = try await desk.publish("en", "Floods in the valley", hoursAgo: 24 * 60)
            let newer = try await desk.publish("en", "Floods in the valley", hoursAgo: 3)
            #expect(try await desk.find("floods", "en") == [newer, older])
        }
    }

    @Test("edits, unpublishing and deletion are in the index at once; reindex rebuilds the same")
    func keptInStep() async throws {
        try await TestDatabase.with { database in
            let desk = try await Desk(database)
            let id = try await desk.publish("en", "Bridge reopens")
            var edited = try #require(try await desk.desk.load(id: id)).draft
            edited.headline = "Ferry resumes"
            try await desk.desk.save(id: id, edited, by: desk.staff, now: Self.now)
            #expect(try await desk.find("bridge", "en").isEmpty)
            #expect(try await desk.find("ferry", "en") == [id])
            try await desk.desk.move(id: id, to: .unpublished, by: desk.staff, now: Self.now)
            #expect(try await desk.find("ferry", "en").isEmpty)
            try await desk.desk.move(id: id, to: .published, by: desk.staff, now: Self.now)
            #expect(try await desk.find("ferry", "en") == [id])
            #expect(try await SearchIndex.rebuild(in: database) == 1)
            #expect(try await desk.find("ferry", "en") == [id])
            try await desk.desk.delete(id: id, by: desk.staff, now: Self.now)
            #expect(try await desk.find("ferry", "en").isEmpty)
            let rows = try await database.sql.raw("SELECT count(*) AS n FROM article_search").first(decodingColumn: "n", as: Int.self)
            #expect(rows == 0)
        }
    }

    @Test("articles written before the index existed are indexed by catching up, newest first, once")
    func catchUp() async throws {
        try await TestDatabase.with { database in
            let desk = try await Desk(database)
            let old = try await desk.publish("en", "Archive story about tramways", hoursAgo: 500)
            let new = try await desk.publish("en", "Tramways return", hoursAgo: 2)
            // As a database migrated to the index with its archive in it: no rows yet.
            try await database.sql.raw("DELETE FROM article_search").run()
            if database.engine == .sqlite { try await database.sql.raw("DELETE FROM article_search_rows").run() }
            #expect(try await desk.find("tramways", "en").isEmpty)
            #expect(try await !SearchIndex.isComplete(in: database))
            #expect(try await SearchIndex.catchUp(in: database, batch: 1) == 2)
            #expect(try await desk.find("tramways", "en") == [new, old])
            #expect(try await SearchIndex.isComplete(in: database))
            #expect(try await SearchIndex.catchUp(in: database) == 0)
        }
    }

    @Test("pages neither skip nor repeat, and the total counts every match")
    func pagination() async throws {
        try await TestDatabase.with { database in
            let desk = try await Desk(database)
            var ids: [Int] = []
            for n in 0..<7 { ids.append(try await desk.publish("en", "Harvest report \(n)", hoursAgo: Double(n + 1))) }
            var paged: [Int] = []
            for page in 0..<3 { paged += try await desk.find("harvest", "en", limit: 3, offset: page * 3) }
            #expect(paged == ids)
            let total = try await SearchQueries(database: database).find(
                try SearchRequest(parsing: "harvest", language: "en"), edition: "en", limit: 3, now: Self.now
            ).total
            #expect(total == 7)
        }
    }

    @Test("only the newest matches are ranked, by publication time: a draft written long ago counts from its publication")
    func newestMatchesOnly() async throws {
        try await TestDatabase.with { database in
            let desk = try await Desk(database)
            // Written first, so its id is the oldest; published last.
            let draft = try await desk.desk.create(
                ArticleDraft(edition: "en", headline: "Ferry timetable", body: "The ferry returns."), by: desk.staff,
                now: Self.now.addingTimeInterval(-90 * 86_400))
            var ids: [Int] = []
            for n in 0..<5 {
                ids.append(try await desk.publish("en", "Ferry report \(n)", hoursAgo: Double(10 + n)))
            }
            try await desk.desk.move(id: draft, to: .published, by: desk.staff, now: Self.now.addingTimeInterval(-3600))
            let queries = SearchQueries(database: database, candidateLimit: 3)
            let found = try await queries.find(
                try SearchRequest(parsing: "ferry", language: "en"), edition: "en", limit: 10, now: Self.now)
            // The newest three by publication: the draft (published an hour ago), then reports 0 and 1.
            #expect(Set(found.ids) == [draft, ids[0], ids[1]])
            #expect(found.total == 4)
            // The limit is the ranking's: a page asks for its articles, however many.
            #expect(try await queries.found(ids, now: Self.now).map(\.summary.id) == ids)
            // A date range reaches the older ones.
            let older = try await queries.find(
                try SearchRequest(parsing: "ferry", language: "en"), edition: "en",
                filter: SearchFilter(before: Self.now.addingTimeInterval(-11.5 * 3600)), limit: 10, now: Self.now)
            #expect(older.ids == [ids[2], ids[3], ids[4]])
        }
    }

    @Test("filters narrow inside the index: typed words never match them, and a merged tag's articles follow it")
    func filtersFollowTheNewsroom() async throws {
        try await TestDatabase.with { database in
            let desk = try await Desk(database)
            let at = Self.now.addingTimeInterval(-3600)
            var ids: [Int] = []
            for (headline, tag) in [("Grid repairs", "Grid"), ("Grid prices", "Power grid"), ("Grid map", "Maps")] {
                let id = try await desk.desk.create(
                    ArticleDraft(edition: "en", kind: tag == "Maps" ? .explainer : .news, headline: headline, tags: [tag]),
                    by: desk.staff, now: at)
                try await desk.desk.move(id: id, to: .published, by: desk.staff, now: at)
                ids.append(id)
            }
            let queries = PublicQueries(database: database)
            let grid = try #require(try await queries.tag(edition: "en", slug: "grid"))
            let power = try #require(try await queries.tag(edition: "en", slug: "power-grid"))
            func find(_ text: String, _ filter: SearchFilter) async throws -> Set<Int> {
                Set(try await SearchQueries(database: database).find(
                    try SearchRequest(parsing: text, language: "en"), edition: "en", filter: filter, limit: 10,
                    now: Self.now
                ).ids)
            }
            #expect(try await find("grid", SearchFilter(tagID: grid.id)) == [ids[0]])
            #expect(try await find("grid", SearchFilter(kind: .explainer)) == [ids[2]])
            #expect(try await find("grid", SearchFilter(kind: .news)) == [ids[0], ids[1]])
            try await NewsroomSetup(database: database).mergeTag(power.id, into: grid.id)
            #expect(try await find("grid", SearchFilter(tagID: grid.id)) == [ids[0], ids[1]])
            // The index's own words for filters are not words a reader can find.
            for typed in ["ft\(grid.id)", "fkennews", "fkenexplainer"] {
                #expect(try await find(typed, SearchFilter()).isEmpty, "\(typed)")
            }
        }
    }

    @Test("a query of symbols only, or too long, is refused with a reason; quotes are not query syntax")
    func badQueries() throws {
        #expect(throws: SearchRequest.Problem.noWords) { try SearchRequest(parsing: "!!! *** ???", language: "en") }
        #expect(throws: SearchRequest.Problem.noWords) { try SearchRequest(parsing: "   ", language: "uk") }
        #expect(throws: SearchRequest.Problem.tooLong) {
            try SearchRequest(parsing: String(repeating: "war ", count: 51), language: "en")
        }
        let hostile = try SearchRequest(parsing: "grid\" OR * NEAR(\"x", language: "en")
        // The words between the quotes became a phrase; the symbols are gone; the last word is a prefix.
        #expect(SearchQueries.ftsQuery(hostile) == "\"grid\" \"or near\" \"x\"*")
        #expect(SearchQueries.tsQuery(hostile) == "grid & (or <-> near) & x:*")
    }
}
