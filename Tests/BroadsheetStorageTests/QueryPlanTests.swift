import BroadsheetDemo
import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import Logging
import SQLKit
import Testing

/// SQLite's own plans prove that the public site reads large tables through indexes, and statement counts prove
/// that a page costs the same number of queries however many articles it lists. SQLite only: PostgreSQL's
/// planner reads small tables whole by choice and its plans need a different reader (`EXPLAIN (FORMAT JSON)`).
@Suite("Query plans of the public site")
struct QueryPlanTests {
    static let now = Date(timeIntervalSince1970: 1_782_000_000)

    /// Tables that stay small however large the paper grows, so reading one whole costs nothing.
    static let smallTables: Set<String> = [
        // A few keys per edition: ad placement, support calls, banners. The banner is found by `LIKE`.
        "settings",
        // The handful of advertisement slots the admins set up.
        "ad_slots",
    ]

    @Test("every query of the public site reads large tables through an index, at thousands of articles")
    func everyQueryUsesIndexes() async throws {
        try await Self.withBulkNewsroom(articles: 4_500) { database in
            let recorder = StatementRecorder(wrapping: database.sql)
            try await Self.readEverything(NewsDatabase(sql: recorder, close: {}))
            let selects = recorder.statements.filter(\.isSelect)
            #expect(selects.count == recorder.statements.count, "the public site only reads")
            for statement in selects {
                let plan = try await QueryPlan.explain(statement, on: database.sql)
                let scans = plan.fullScans(allowing: Self.smallTables)
                #expect(scans.isEmpty, "reads \(scans.joined(separator: ", ")) whole:\n\(plan)")
            }
        }
    }

    @Test("the top story is found by its flag, also in an edition that marks none, not by walking the edition")
    func topStorySeeksByFlag() async throws {
        try await Self.withBulkNewsroom(articles: 4_500) { database in
            // An edition that marks no top stories: its front page leads with the latest article instead, and
            // learning that there is no top story must not read the edition's whole archive.
            try await database.sql.update("articles").set("is_top", to: SQLBind(false)).where("edition", .equal, SQLBind("uk"))
                .run()
            let recorder = StatementRecorder(wrapping: database.sql)
            let queries = PublicQueries(database: NewsDatabase(sql: recorder, close: {}))
            #expect(try await queries.topStory(edition: "uk", now: Self.now) == nil)
            #expect(try await queries.topStory(edition: "en", now: Self.now) != nil)
            for statement in recorder.statements {
                let plan = try await QueryPlan.explain(statement, on: database.sql)
                #expect(plan.steps.contains { $0.detail.hasPrefix("SEARCH a ") && $0.detail.contains("is_top=?") }, "\(plan)")
            }
        }
    }

    @Test("the plan check catches a query that reads a large table whole, and lets small tables be")
    func planCheckCatchesFullScans() async throws {
        try await Self.withBulkNewsroom(articles: 300) { database in
            let recorder = StatementRecorder(wrapping: database.sql)
            _ = try await recorder.select().column(SQLColumn("id", table: "a"))
                .from(SQLAlias(SQLIdentifier("articles"), as: SQLIdentifier("a")))
                .where(SQLColumn("headline", table: "a"), .equal, SQLBind("Wind farm opens")).all()
            _ = try await recorder.select().column("article_id").from("article_tags").where("position", .equal, SQLBind(2))
                .all()
            _ = try await recorder.select().column("key").from("settings").all()
            var scans: [[String]] = []
            for statement in recorder.statements {
                scans.append(try await QueryPlan.explain(statement, on: database.sql).fullScans(allowing: Self.smallTables))
            }
            #expect(scans == [["articles"], ["article_tags"], []])
        }
    }

    @Test("feeds, sitemaps and article pages run as many statements for many articles as for few")
    func statementCountsDoNotGrow() async throws {
        try await Self.withBulkNewsroom(articles: 600) { database in
            let recorder = StatementRecorder(wrapping: database.sql)
            let queries = PublicQueries(database: NewsDatabase(sql: recorder, close: {}))
            let now = Self.now
            let latest = try await queries.latest(edition: "en", limit: 50, now: now)
            try #require(latest.count == 50)

            let fewEntries = try await recorder.statements(during: { _ = try await queries.feedArticles(Array(latest.prefix(5))) })
            let manyEntries = try await recorder.statements(during: { _ = try await queries.feedArticles(latest) })
            #expect(fewEntries.count == manyEntries.count, "a feed of 50 entries: \(manyEntries.map(\.sql))")

            var sitemapStatements: [Int: Int] = [:]
            for limit in [5, 150] {
                let statements = try await recorder.statements(during: {
                    let page = try await queries.sitemapArticles(edition: "en", limit: limit, offset: 0, now: now)
                    #expect(page.count == limit && page.allSatisfy { $0.translations.count == 2 })
                })
                sitemapStatements[limit] = statements.count
            }
            #expect(sitemapStatements[5] == sitemapStatements[150])

            // The generated stories carry one to four tags and one or two authors.
            var tagCounts: Set<Int> = []
            var statementCounts: Set<Int> = []
            for summary in latest.prefix(8) {
                let statements = try await recorder.statements(during: {
                    guard case .found(let article) = try await queries.article(
                        edition: "en", day: summary.day, slug: summary.slug, now: now)
                    else {
                        Issue.record("\(summary.slug) is not served")
                        return
                    }
                    tagCounts.insert(article.tags.count)
                })
                statementCounts.insert(statements.count)
            }
            try #require(tagCounts.count > 1)
            #expect(statementCounts.count == 1, "statements per article: \(statementCounts)")
        }
    }

    /// Runs `body` over a fresh database holding a bulk newsroom of `articles`, with the planner's statistics.
    static func withBulkNewsroom(articles: Int, _ body: @Sendable (NewsDatabase) async throws -> Void) async throws {
        let photos = FileManager.default.temporaryDirectory.appendingPathComponent("query-plans-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: photos) }
        let logger = {
            var logger = Logger(label: "query-plans")
            logger.logLevel = .warning
            return logger
        }()
        try await TestDatabase.with(on: [.sqlite]) { database in
            try await NewsroomWriter(database: database).syncEditions(.standard)
            try await BulkNewsroom(
                database: database, editions: .standard, timeZone: TimeZone(identifier: "Europe/Kyiv")!,
                photoDirectory: photos, logger: logger
            ).generate(articles: articles, now: now)
            try await furnish(database)
            // As production does at start.
            try await database.optimise()
            try await body(database)
        }
    }

    /// What the bulk newsroom lacks for every lookup to find something: settings, a banner, moved addresses.
    static func furnish(_ database: NewsDatabase) async throws {
        try await SettingsStore(database: database).save(
            NewsroomSettings(
                adEvery: 3, adSlots: [AdSlot(name: "inline", html: "<p>Ad</p>")],
                supportCalls: ["en": SupportCall(text: "Support us", url: "https://example.org/support")]),
            in: database)
        let setup = NewsroomSetup(database: database)
        try await setup.saveBanner(
            edition: "en", BreakingBanner(text: "Breaking", url: "/eng/", until: now.addingTimeInterval(3600)))
        let queries = PublicQueries(database: database)
        let newest = try #require(try await queries.latest(edition: "en", limit: 1, now: now).first)
        try await NewsroomWriter(database: database).recordOldURL(
            articleID: newest.id, edition: "en", day: newest.day, slug: "an-earlier-headline")
        try await ArticleDesk(database: database, timeZone: TimeZone(identifier: "Europe/Kyiv")!).addCorrection(
            id: newest.id, text: "An earlier version misspelt a name.", by: nil, now: now)
        // Renames and merges leave a tag's old addresses behind: a few dozen in a paper's years.
        for tag in try await queries.taxonomy(edition: "en").tags.prefix(40) {
            try await setup.renameTag(id: tag.id, name: tag.name, slug: tag.slug + "-renamed")
        }
    }

    /// Calls every read of the public site's pages, feeds and sitemaps, with arguments taken from the data.
    static func readEverything(_ database: NewsDatabase) async throws {
        let queries = PublicQueries(database: database)
        // Every page's frame.
        #expect(try await SettingsStore(database: database).load().adSlots.count == 1)
        #expect(try await queries.banner(edition: "en", now: now) != nil)
        let section = try #require(try await queries.sections(edition: "en").first)

        // The front page, all news, sections.
        let latest = try await queries.latest(edition: "en", limit: 13, now: now)
        #expect(try await queries.topStory(edition: "en", now: now) != nil)
        #expect(try await queries.latest(edition: "en", limit: 20, offset: 40, now: now).count == 20)
        #expect(try await queries.section(edition: "en", slug: section.slug)?.id == section.id)
        #expect(try await !queries.inSection(section.id, limit: 4, now: now).isEmpty)
        #expect(try await !queries.inSection(section.id, limit: 20, offset: 20, now: now).isEmpty)
        let sections = try await queries.sections(edition: "en").map(\.id)
        let blocks = try await queries.newestBySection(sections, perSection: 4, now: now)
        #expect(blocks[section.id]?.map(\.id) == (try await queries.inSection(section.id, limit: 4, now: now).map(\.id)))

        // An article page, its old address, and an address that leads nowhere.
        let newest = try #require(latest.first)
        guard case .found(let article) = try await queries.article(edition: "en", day: newest.day, slug: newest.slug, now: now)
        else {
            Issue.record("the newest article is not served")
            return
        }
        guard case .moved = try await queries.article(edition: "en", day: newest.day, slug: "an-earlier-headline", now: now)
        else {
            Issue.record("the old address does not lead to the article")
            return
        }
        guard case .notFound = try await queries.article(edition: "en", day: newest.day, slug: "no-such-story", now: now)
        else {
            Issue.record("an unknown address is found")
            return
        }
        let tag = try #require(article.tags.first)
        let author = try #require(article.authors.first)
        #expect(try await queries.section(id: section.id)?.id == section.id)
        let links = try await queries.links(ofArticle: article.id)
        #expect(links.tags == article.tags && links.authors == article.authors && links.sources == article.sources)
        #expect(try await queries.translations(group: article.translationGroup, excluding: article.id, now: now).count == 2)
        #expect(article.corrections.count == 1)
        #expect(try await !queries.related(toTags: article.tags.map(\.id), excluding: article.id, limit: 5, now: now).isEmpty)
        #expect(try await !queries.withTag(tag.id, limit: 5, excluding: article.id, now: now).isEmpty)
        let photos = Set(latest.compactMap(\.photo))
        #expect(try await queries.photos(ids: photos.map(\.id), edition: "en").count == photos.count)
        #expect(try await queries.photoExists(file: try #require(photos.first).file))

        // Tag, author and day pages, and a tag's old address.
        #expect(try await queries.tag(edition: "en", slug: tag.slug)?.id == tag.id)
        #expect(try await queries.tag(id: tag.id)?.id == tag.id)
        #expect(try await !queries.withTag(tag.id, limit: 20, now: now).isEmpty)
        #expect(try await queries.author(edition: "en", slug: author.slug)?.id == author.id)
        #expect(try await !queries.byAuthor(author.id, limit: 20, offset: 20, now: now).isEmpty)
        #expect(try await !queries.onDay(edition: "en", day: newest.day, now: now).isEmpty)
        let taxonomy = try await queries.taxonomy(edition: "en")
        let renamed = try #require(taxonomy.tags.first { $0.slug.hasSuffix("-renamed") })
        #expect(
            try await queries.movedTag(edition: "en", slug: String(renamed.slug.dropLast("-renamed".count)))?.id
                == renamed.id)

        // Feeds and sitemaps.
        #expect(try await queries.feedArticles(latest).count == latest.count)
        let count = try await queries.liveCount(edition: "en", now: now)
        #expect(count == 1_500)
        #expect(try await queries.sitemapArticles(edition: "en", limit: 10_000, offset: 0, now: now).count == count)
        #expect(try await queries.sitemapArticles(edition: "en", limit: 500, offset: 1_000, now: now).count == 500)
        #expect(try await !queries.published(edition: "en", since: now.addingTimeInterval(-48 * 3600), now: now).isEmpty)
    }
}

/// What SQLite plans to do for a statement: the steps of `EXPLAIN QUERY PLAN`.
struct QueryPlan: CustomStringConvertible {
    struct Step: Decodable {
        let id: Int
        let parent: Int
        let detail: String
    }

    let statement: RecordedStatement
    let steps: [Step]

    static func explain(_ statement: RecordedStatement, on db: any SQLDatabase) async throws -> QueryPlan {
        QueryPlan(statement: statement, steps: try await db.raw("EXPLAIN QUERY PLAN \(statement)").all(decoding: Step.self))
    }

    /// The tables, other than `small` ones, that the plan reads whole: a `SCAN` without an index, or an
    /// automatic index (SQLite builds one by reading the whole table, at every run).
    func fullScans(allowing small: Set<String>) -> [String] {
        // Subqueries named by an alias (`FROM (...) AS newest`) run as co-routines or are materialised first;
        // scanning their few rows is no table scan, and their own steps are checked where they appear.
        let subqueries = Set(
            steps.compactMap { step -> String? in
                let words = step.detail.split(separator: " ").map(String.init)
                return words.count > 1 && ["CO-ROUTINE", "MATERIALIZE"].contains(words[0]) ? words[1] : nil
            })
        return steps.compactMap { step in
            let words = step.detail.split(separator: " ").map(String.init)
            // Unnamed subqueries show as "(subquery-N)"; a constant row is no table.
            guard words.count > 1, !words[1].hasPrefix("("), !subqueries.contains(words[1]),
                step.detail != "SCAN CONSTANT ROW"
            else { return nil }
            let withoutIndex = !step.detail.contains("USING INDEX") && !step.detail.contains("USING COVERING INDEX")
            guard step.detail.contains("AUTOMATIC") || (words[0] == "SCAN" && withoutIndex) else { return nil }
            let table = tables[words[1]] ?? words[1]
            return small.contains(table) ? nil : table
        }
    }

    /// Table names by the aliases the statement gives them (`"articles" AS "a"`).
    var tables: [String: String] {
        var tables: [String: String] = [:]
        for match in statement.sql.matches(of: /"(\w+)" AS "(\w+)"/) {
            tables[String(match.output.2)] = String(match.output.1)
        }
        return tables
    }

    var description: String {
        var depth: [Int: Int] = [:]
        var lines = [statement.sql, "binds: \(statement.binds.map { "\($0)" })"]
        for step in steps {
            depth[step.id] = (depth[step.parent] ?? -1) + 1
            lines.append(String(repeating: "  ", count: depth[step.id] ?? 0) + step.detail)
        }
        return lines.joined(separator: "\n")
    }
}
