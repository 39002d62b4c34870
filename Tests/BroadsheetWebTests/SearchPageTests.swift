import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The search page as a reader meets it, on the real application over both databases.
@Suite("Search page")
struct SearchPageTests {
    /// Publishes (or files with another status) an article of its own translation group.
    @discardableResult
    static func file(
        _ database: NewsDatabase, _ edition: String, _ headline: String, lead: String = "", body: String = "",
        kind: ArticleKind = .news, hoursAgo: Double, section: Int? = nil, tags: [Int] = [],
        status: ArticleStatus = .published
    ) async throws -> Int {
        let writer = NewsroomWriter(database: database)
        let at = NewsroomFixture.hoursAgo(hoursAgo)
        return try await writer.createArticle(
            NewArticle(
                edition: edition, translationGroup: try await writer.newTranslationGroup(now: at), kind: kind,
                status: status, headline: headline, slug: Slug.make(from: headline, language: edition), lead: lead,
                body: body, sectionID: section, publishedAt: at, urlDay: NewsroomFixture.day(at), tagIDs: tags),
            now: at
        ).id
    }

    /// Three English stories on one place, in different sections, kinds, tags and weeks.
    static func zaporizhzhia(_ database: NewsDatabase, _ fixture: NewsroomFixture) async throws {
        let ids = fixture.ids
        try await file(database, "en", "Zaporizhzhia plant inspected", hoursAgo: 2, section: ids.politicsEN, tags: [ids.energyEN])
        try await file(
            database, "en", "Zaporizhzhia: an explainer", kind: .explainer, hoursAgo: 50, section: ids.cultureEN,
            tags: [ids.budgetEN])
        try await file(database, "en", "Life in Zaporizhzhia", kind: .feature, hoursAgo: 400)
    }

    /// The headlines of the results, in order, without their marks.
    static func headlines(_ html: String) -> [String] {
        html.components(separatedBy: "<li class=\"result\">").dropFirst().compactMap { item in
            guard let start = item.range(of: "\">", range: item.range(of: "<a href=")!.upperBound..<item.endIndex),
                let end = item.range(of: "</a></h2>")
            else { return nil }
            return String(item[start.upperBound..<end.lowerBound])
                .replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
        }
    }

    @Test("a result has its marked headline, kind label, time and a snippet from the text; the query stays in the box")
    func resultPage() async throws {
        try await SiteHarness.withSite { client, _ in
            let page = try await client.page("/eng/search?q=Blackouts")
            #expect(page.status == .ok)
            #expect(Self.headlines(page.html) == ["How the grid survives a heatwave"])
            expectInOrder(page.html, [
                "<title>Search: Blackouts — ", "<meta name=\"robots\" content=\"noindex, follow\">",
                "value=\"Blackouts\"", "Articles found: 1", "<span class=\"label\">Explainer</span>",
                "<p class=\"snippet\">Nobody wants a <mark>blackout</mark> in July.", "<time datetime=\"",
                "Tuesday, 1 July 2025, 12:00",
            ])
            #expect(page.headers[.cacheControl]?.hasPrefix("public, max-age=60") == true)
            let marked = try await client.page("/eng/search?q=heat")
            #expect(marked.html.contains("How the grid survives a <mark>heatwave</mark>"))
        }
    }

    @Test("whole words first: a word is read as the start of longer ones only when nothing matches it whole")
    func wholeWordsFirst() async throws {
        try await SiteHarness.withSite(prepare: { database, _ in
            try await Self.file(database, "en", "War in the east", hoursAgo: 5)
            try await Self.file(database, "en", "Wars of the past", hoursAgo: 6)
            try await Self.file(database, "en", "Warmer winters ahead", hoursAgo: 1)
        }) { client, _ in
            #expect(Self.headlines(try await client.page("/eng/search?q=war").html) == ["War in the east", "Wars of the past"])
            let typing = try await client.page("/eng/search?q=warm")
            #expect(Self.headlines(typing.html) == ["Warmer winters ahead"])
            #expect(typing.html.contains("<mark>Warmer</mark> winters ahead"))
            // A word followed by a space was finished: it is never read as a start.
            #expect(Self.headlines(try await client.page("/eng/search?q=warm+").html).isEmpty)
        }
    }

    @Test("drafts, scheduled, future, unpublished and other editions' articles are never found")
    func onlyPublished() async throws {
        try await SiteHarness.withSite { client, _ in
            // новости, in the English edition
            for query in ["secret", "withdrawn", "%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8"] {
                let page = try await client.page("/eng/search?q=\(query)")
                #expect(page.html.contains("Articles found: 0"), "\(query)")
                #expect(Self.headlines(page.html).isEmpty, "\(query)")
            }
            let russian = try await client.page("/rus/search?q=%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D1%8C")
            #expect(Self.headlines(russian.html) == ["Новости только на русском"])
            #expect(russian.html.contains("Найдено статей: 1"))
        }
    }

    @Test("hostile article text is escaped in headlines and snippets, marks and all")
    func hostileText() async throws {
        try await SiteHarness.withSite(prepare: { database, _ in
            try await Self.file(
                database, "en", "<img src=x onerror=alert(1)> Kherson",
                lead: "Kherson <script>alert(\"Kherson\")</script> & \"more\" 'quoted'", hoursAgo: 1)
        }) { client, _ in
            let page = try await client.page("/eng/search?q=kherson")
            #expect(!page.html.contains("<img src=x"))
            #expect(!page.html.contains("<script>alert"))
            #expect(page.html.contains("&lt;img src=x onerror=alert(1)&gt; <mark>Kherson</mark></a></h2>"))
            #expect(page.html.contains(
                "<mark>Kherson</mark> &lt;script&gt;alert(&quot;<mark>Kherson</mark>&quot;)&lt;/script&gt; &amp; &quot;more&quot; &#39;quoted&#39;"))
            // What a reader types is escaped where it is shown back.
            let typed = try await client.page("/eng/search?q=%22%3E%3Cscript%3Ex%3C%2Fscript%3E")
            #expect(!typed.html.contains("<script>x"))
            #expect(typed.html.contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""))
        }
    }

    @Test("section, kind, tag and dates narrow the results; a filter not understood is said and left out")
    func filters() async throws {
        try await SiteHarness.withSite(prepare: Self.zaporizhzhia) { client, _ in
            let all = ["Zaporizhzhia plant inspected", "Zaporizhzhia: an explainer", "Life in Zaporizhzhia"]
            #expect(Self.headlines(try await client.page("/eng/search?q=zaporizhzhia").html) == all)
            let narrowed: [(String, [String])] = [
                ("section=politics", [all[0]]), ("section=culture", [all[1]]), ("kind=explainer", [all[1]]),
                ("kind=feature", [all[2]]), ("tag=budget", [all[1]]), ("tag=Budget", [all[1]]), ("tag=energy", [all[0]]),
                ("from=2025-06-29&to=2025-06-29", [all[1]]), ("from=2025-06-29&to=2025-06-01", [all[1], all[2]]),
                ("to=2025-06-20", [all[2]]), ("from=2025-06-30", [all[0]]),
            ]
            for (filter, expected) in narrowed {
                let page = try await client.page("/eng/search?q=zaporizhzhia&" + filter)
                #expect(Self.headlines(page.html) == expected, "\(filter)")
                #expect(!page.html.contains("class=\"notice\""), "\(filter)")
            }
            // The chosen filters show in the form again.
            let chosen = try await client.page("/eng/search?q=zaporizhzhia&section=culture&kind=explainer&tag=budget&from=2025-06-29")
            expectInOrder(chosen.html, [
                "<option value=\"culture\" selected>Culture</option>", "<option value=\"explainer\" selected>Explainer",
                "name=\"tag\" value=\"Budget\"", "href=\"/eng/search?q=zaporizhzhia&amp;section=culture&amp;kind=explainer&amp;from=2025-06-29\"",
                "name=\"from\" value=\"2025-06-29\"",
            ])
            for (filter, notice) in [
                ("section=nowhere", "There is no such section"), ("tag=nothing-like-it", "There is no such tag"),
                ("from=2025-13-40", "A date was not understood"), ("to=yesterday", "A date was not understood"),
            ] {
                let page = try await client.page("/eng/search?q=zaporizhzhia&" + filter)
                #expect(Self.headlines(page.html) == all, "\(filter)")
                #expect(page.html.contains(notice), "\(filter)")
            }
        }
    }

    @Test("nothing found: the words said back, what to try, and the way out of the filters")
    func nothingFound() async throws {
        try await SiteHarness.withSite(prepare: Self.zaporizhzhia) { client, _ in
            let page = try await client.page("/eng/search?q=zaporizhzhia&section=culture&kind=feature")
            #expect(page.status == .ok)
            #expect(Self.headlines(page.html).isEmpty)
            expectInOrder(page.html, [
                "Articles found: 0", "Nothing was found for <q>zaporizhzhia</q>.", "Check the spelling",
                "<a href=\"/eng/search?q=zaporizhzhia\">Search all sections, kinds, tags and dates</a>",
            ])
            let plain = try await client.page("/eng/search?q=nonexistentword")
            #expect(plain.html.contains("Nothing was found for <q>nonexistentword</q>."))
            #expect(!plain.html.contains("Search all sections"))
        }
    }

    @Test("results come ten to a page, none repeated, with links that keep the query and filters")
    func pagination() async throws {
        try await SiteHarness.withSite(prepare: { database, fixture in
            for number in 1...23 {
                try await Self.file(database, "en", "Odesa port report \(number)", hoursAgo: Double(number), section: fixture.ids.politicsEN)
            }
        }) { client, _ in
            var seen: [String] = []
            for page in 1...3 {
                let html = try await client.page("/eng/search?q=odesa&section=politics" + (page > 1 ? "&page=\(page)" : "")).html
                let headlines = Self.headlines(html)
                #expect(headlines.count == (page < 3 ? 10 : 3))
                #expect(html.contains("Page \(page) of 3"))
                #expect(html.contains("Articles found: 23"))
                seen += headlines
                if page < 3 { #expect(html.contains("href=\"/eng/search?q=odesa&amp;section=politics&amp;page=\(page + 1)\"")) }
                if page > 1 { #expect(html.contains("rel=\"prev\"")) }
            }
            #expect(Set(seen).count == 23)
            // Equal matches: the newest first.
            #expect(seen.first == "Odesa port report 1")
            let past = try await client.page("/eng/search?q=odesa&page=9")
            #expect(past.html.contains("This page is past the last result."))
            #expect(past.html.contains("href=\"/eng/search?q=odesa&amp;page=3\""))
        }
    }

    @Test("no words, symbols only, or too long: the form with a message, never an error page")
    func unsearchable() async throws {
        try await SiteHarness.withSite { client, _ in
            let empty = try await client.page("/eng/search")
            #expect(empty.status == .ok)
            #expect(empty.html.contains("Type a name, a place or an event."))
            #expect(!empty.html.contains("Articles found"))
            let slash = try await client.page("/eng/search/?q=heatwave")
            #expect(Self.headlines(slash.html) == ["How the grid survives a heatwave"])
            let symbols = try await client.page("/eng/search?q=%21%40%23+%E2%80%94+%3F")
            #expect(symbols.status == .ok)
            #expect(symbols.html.contains("symbols alone cannot be searched"))
            #expect(symbols.html.contains("value=\"!@# — ?\""))
            let long = try await client.page("/eng/search?q=" + String(repeating: "a", count: 201))
            #expect(long.status == .ok)
            #expect(long.html.contains("at most 200 characters"))
            let ukrainian = try await client.page("/search?q=%2B%2B%2B")
            #expect(ukrainian.html.contains("самі лише символи не шукаються"))
        }
    }

    @Test("every page has the search box; the home page tells search engines how to search")
    func searchBoxAndSearchAction() async throws {
        try await SiteHarness.withSite { client, _ in
            let home = try await client.page("/eng/")
            #expect(home.html.contains(
                "<form class=\"search-box\" role=\"search\" method=\"get\" action=\"/eng/search\"><label class=\"visually-hidden\" for=\"masthead-q\">Search the news</label>"))
            #expect(home.html.contains(
                #""potentialAction":{"@type":"SearchAction","query-input":"required name=search_term_string","target":{"@type":"EntryPoint","urlTemplate":"https:\/\/news.example.com\/eng\/search?q={search_term_string}"}}"#))
            let ukrainian = try await client.page("/")
            #expect(ukrainian.html.contains("action=\"/search\""))
            #expect(ukrainian.html.contains(#"https:\/\/news.example.com\/search?q={search_term_string}"#))
        }
    }
}
