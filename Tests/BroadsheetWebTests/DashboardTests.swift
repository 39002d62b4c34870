import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import HummingbirdTesting
import Testing

@Suite("Newsroom dashboard")
struct DashboardTests {
    @Test("the dashboard shows my drafts, what waits for review, the schedule, today's articles and missing translations")
    func desks() async throws {
        try await NewsroomHarness.run { harness in
            let writer = NewsroomWriter(database: harness.database)
            func file(_ headline: String, _ status: ArticleStatus, by staff: StaffMember, at date: Date?) async throws {
                let group = try await writer.newTranslationGroup()
                _ = try await writer.createArticle(
                    NewArticle(
                        edition: "en", translationGroup: group, kind: .news, status: status, headline: headline,
                        slug: Slug.make(from: headline, language: "en"), lead: "", body: "", publishedAt: date,
                        urlDay: date.map(NewsroomFixture.day), createdBy: staff.id))
            }
            try await file("Mine, half written", .draft, by: harness.editor, at: nil)
            try await file("Someone else's draft", .draft, by: harness.author, at: nil)
            try await file("Please check my figures", .inReview, by: harness.author, at: nil)
            let page = try await harness.get("/admin/", session: try await harness.signIn(harness.editor))
            #expect(page.status == .ok)
            expectInOrder(page.html, [
                "My drafts", "Mine, half written", "Waiting for review", "Please check my figures", "Scheduled",
                "Scheduled story for tomorrow", "Published today", "How the grid survives a heatwave",
                "Published this week without every translation", "Parliament passes the budget", "missing: uk, ru",
            ])
            #expect(!page.html.contains("Someone else&#39;s draft") && !page.html.contains("Someone else's draft"))
        }
    }

    @Test("the newsroom speaks the staff member's language")
    func language() async throws {
        try await NewsroomHarness.run { harness in
            let page = try await harness.get("/admin/", session: try await harness.signIn(harness.author))
            expectInOrder(page.html, ["<html lang=\"uk\">", "Petro Author", "автор", "Мої чернетки", "Чекають на перевірку"])
        }
    }
}

@Suite("Newsroom language")
struct NewsroomLanguageTests {
    @Test("each staff member picks the newsroom's language")
    func pickLanguage() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.contributor)
            #expect(try await harness.get("/admin/", session: session).html.contains("My drafts"))
            let csrf = try await harness.csrf(session: session)
            let response = try await harness.post("/admin/language", session: session, fields: ["csrf": csrf, "language": "uk"])
            #expect(response.status == .seeOther)
            let page = try await harness.get("/admin/", session: session)
            expectInOrder(page.html, ["<html lang=\"uk\">", "Мої чернетки"])
            _ = try await harness.post("/admin/language", session: session, fields: ["csrf": csrf, "language": "xx"])
            #expect(try await harness.get("/admin/", session: session).html.contains("Мої чернетки"))
        }
    }
}
