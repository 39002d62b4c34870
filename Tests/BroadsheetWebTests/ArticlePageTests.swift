import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import HummingbirdTesting
import SQLKit
import Testing

@Suite("Article page")
struct ArticlePageTests {
    static let showcase = articlePath("/eng/", hoursAgo: 3, slug: "how-the-grid-survives-a-heatwave")

    @Test("the showcase article shows all fourteen parts in reading order")
    func everyPartInOrder() async throws {
        try await SiteHarness.withSite { client, _ in
            let page = try await client.page(Self.showcase)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            expectInOrder(page.html, [
                "<header class=\"masthead\">", ">Broadsheet<", ">Українська<", ">Support us<", ">Politics<",
                ">Explainer<",
                "<h1>How the grid survives a heatwave</h1>",
                ">Olena Koval</a>", " and ", ">Andrii Melnyk</a>", "Tuesday, 1 July 2025, 12:00", "Updated",
                "Tuesday, 1 July 2025, 14:00",
                "Demand peaks at noon; here is what keeps the lights on.",
                "Dawn over the river port", "Photo: Test Studio",
                "Sources:", ">Grid operator</a>, daily report; Ministry of Energy, statement",
                "<p>First paragraph about demand.</p>", "<h2>What operators do</h2>", "<strong>bold</strong>",
                "Advertisement", SiteHarness.adHTML, "Third paragraph.",
                "Nobody wants a blackout in July.", "Fourth paragraph.", "Sixth paragraph, the last one.",
                "Independent journalism depends on its readers.", "https://example.org/support",
                ">Tags<", ">Energy</a>", ">Budget</a>",
                ">Related stories<", "Parliament passes the budget",
                "More on «Energy»", "Coal mine closes",
                ">Recent news<", "Wind farm opens", ">All news</a>",
                "<footer class=\"footer\">",
            ])
        }
    }

    @Test("a slot goes after every N paragraphs and none after the last block")
    func advertisementPlacement() async throws {
        try await SiteHarness.withSite { client, _ in
            let html = try await client.page(Self.showcase).html
            // One configured slot, six paragraphs, N = 2: the one slot follows the second paragraph.
            #expect(html.components(separatedBy: SiteHarness.adHTML).count - 1 == 1)
            expectInOrder(html, ["Second paragraph", SiteHarness.adHTML, "Third paragraph."])
        }
    }

    @Test("parts with nothing to show are left out with their headings")
    func emptyPartsLeftOut() async throws {
        try await SiteHarness.withSite { client, _ in
            let page = try await client.page(articlePath("/eng/", hoursAgo: 30, slug: "parliament-passes-the-budget"))
            #expect(page.status == .ok)
            #expect(!page.html.contains("Source:") && !page.html.contains("Sources:"))
            #expect(!page.html.contains("<figure class=\"main-photo\""))
            #expect(!page.html.contains("Updated"))
            #expect(!page.html.contains("Advertisement"))
            #expect(!page.html.contains("<p class=\"label-line\">"))
        }
    }

    @Test("one photo shows its Ukrainian caption and alt text on the Ukrainian page, its English ones on the English")
    func photoWordsPerEdition() async throws {
        try await SiteHarness.withSite(prepare: { database, fixture in
            try await database.sql.update("articles").set("main_photo_id", to: SQLBind(fixture.ids.photo))
                .set("body", to: SQLBind("Перший абзац.\n\n[photo: \(fixture.ids.photo)]"))
                .where("id", .equal, SQLBind(fixture.ids.showcaseUK)).run()
        }) { client, _ in
            let ukrainian = try await client.page(articlePath("/", hoursAgo: 2.5, slug: "yak-merezha-perezhyvaie-speku")).html
            expectInOrder(ukrainian, [
                "alt=\"Річковий порт на світанку\"", "Світанок над річковим портом", "Фото: Test Studio",
                "Перший абзац.", "alt=\"Річковий порт на світанку\"", "Світанок над річковим портом",
            ])
            #expect(!ukrainian.contains("Dawn over the river port") && !ukrainian.contains("A river port at dawn"))
            let english = try await client.page(Self.showcase).html
            expectInOrder(english, ["alt=\"A river port at dawn\"", "Dawn over the river port"])
            #expect(!english.contains("Світанок") && !english.contains("Річковий"))
        }
    }

    @Test("the edition switcher leads to the translation, else to that edition's home")
    func switcherTargets() async throws {
        try await SiteHarness.withSite { client, _ in
            let html = try await client.page(Self.showcase).html
            let ukrainian = articlePath("/", hoursAgo: 2.5, slug: "yak-merezha-perezhyvaie-speku")
            #expect(html.contains("<a href=\"\(ukrainian)\" lang=\"uk\""))
            #expect(html.contains("<a href=\"/rus/\" lang=\"ru\""))
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"uk\" href=\"https://news.example.com\(ukrainian)\">"))
            let back = try await client.page(ukrainian)
            #expect(back.status == .ok)
            #expect(back.html.contains("<a href=\"\(Self.showcase)\" lang=\"en\""))
            #expect(back.html.contains("<html lang=\"uk\">"))
        }
    }

    @Test("an old URL answers 301 to the article's current URL")
    func oldSlugRedirects() async throws {
        try await SiteHarness.withSite { client, _ in
            let old = articlePath("/eng/", hoursAgo: 30, slug: "parliament-passes-budget-draft")
            let response = try await client.executeRequest(uri: old, method: .get, headers: [:], body: nil)
            #expect(response.status == .movedPermanently)
            #expect(response.headers[.location] == articlePath("/eng/", hoursAgo: 30, slug: "parliament-passes-the-budget"))
        }
    }

    @Test("drafts, scheduled and future-dated articles answer 404; an unpublished one 410 in the edition's language")
    func hiddenArticles() async throws {
        try await SiteHarness.withSite { client, _ in
            for (slug, date) in [
                ("secret-draft-story", NewsroomFixture.hoursAgo(4)),
                ("scheduled-story-for-tomorrow", NewsroomFixture.now.addingTimeInterval(86_400)),
                ("future-dated-story", NewsroomFixture.now.addingTimeInterval(7_200)),
            ] {
                let page = try await client.page("/eng/news/\(NewsroomFixture.day(date).pathString)/\(slug)/")
                #expect(page.status == .notFound, "\(slug)")
                #expect(page.html.contains("Page not found"))
                #expect(!page.html.contains("Secret draft story"))
            }
            let gone = try await client.page(articlePath("/eng/", hoursAgo: 50, slug: "withdrawn-story"))
            #expect(gone.status == .gone)
            #expect(gone.html.contains("This article has been withdrawn"))
        }
    }
}
