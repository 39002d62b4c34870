import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The editor and the workflow, driven as a browser would: forms with the session's CSRF token.
@Suite("Newsroom editor and workflow")
struct ArticleWorkflowTests {
    static let story: [String: String] = [
        "edition": "en", "kind": "news", "headline": "Ferry service returns to the Dnipro",
        "lead": "Boats run again from Monday.", "body": "First paragraph.\n\nSecond paragraph.",
        "tags": "Rivers, Energy", "sources": "Port authority | timetable | https://example.org/t", "do": "save",
    ]

    /// Files the story as `member` and returns its id.
    static func file(_ harness: NewsroomHarness, as member: StaffMember, fields: [String: String] = story) async throws
        -> (id: Int, session: String, csrf: String)
    {
        let session = try await harness.signIn(member)
        let csrf = try await harness.csrf(session: session)
        var fields = fields
        fields["csrf"] = csrf
        let response = try await harness.post("/admin/articles/new", session: session, fields: fields)
        #expect(response.status == .seeOther)
        let location = try #require(response.headers[.location])
        let match = try #require(location.firstMatch(of: /\/admin\/articles\/(\d+)/))
        let id = try #require(Int(match.1))
        return (id, session, csrf)
    }

    static func move(_ harness: NewsroomHarness, _ id: Int, to status: String, session: String, csrf: String,
                     at: String? = nil) async throws -> TestResponse
    {
        var fields = ["csrf": csrf, "to": status]
        fields["at"] = at
        return try await harness.post("/admin/articles/\(id)/move", session: session, fields: fields)
    }

    static func status(_ harness: NewsroomHarness, _ id: Int) async throws -> ArticleStatus? {
        try await ArticleDesk(database: harness.database, timeZone: NewsroomFixture.kyiv).load(id: id)?.status
    }

    @Test("a contributor files a draft: it opens in the editor with its fields, a preview and revision 1")
    func createDraft() async throws {
        try await NewsroomHarness.run { harness in
            let (id, session, _) = try await Self.file(harness, as: harness.contributor)
            let page = try await harness.get("/admin/articles/\(id)?saved=1", session: session)
            #expect(page.status == .ok)
            expectInOrder(page.html, [
                "Saved.", "value=\"Ferry service returns to the Dnipro\"", "Boats run again from Monday.",
                "value=\"Rivers, Energy\"", "Port authority | timetable | https://example.org/t", "draft",
                "<p>First paragraph.</p>", "Revision 1",
            ])
            let loaded = try await ArticleDesk(database: harness.database, timeZone: NewsroomFixture.kyiv).load(id: id)
            let article = try #require(loaded)
            #expect(article.createdBy == harness.contributor.id)
            #expect(article.draft.tags == ["Rivers", "Energy"])
            #expect(article.slug == "ferry-service-returns-to-the-dnipro")
            let dashboard = try await harness.get("/admin/", session: session)
            expectInOrder(dashboard.html, ["My drafts", "Ferry service returns to the Dnipro", "Waiting for review"])
        }
    }

    @Test("a draft with problems is refused with messages a person can act on, and nothing is filed")
    func invalidDraft() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.editor)
            let csrf = try await harness.csrf(session: session)
            var fields = Self.story
            fields["csrf"] = csrf
            fields["headline"] = "   "
            fields["slug"] = "Not A Slug!"
            let response = try await harness.post("/admin/articles/new", session: session, fields: fields)
            #expect(response.status == .badRequest)
            let html = String(buffer: response.body)
            #expect(html.contains("The headline is missing."))
            #expect(html.contains("The slug may hold only lowercase Latin letters"))
            #expect(html.contains("Boats run again from Monday."))  // what was typed is kept
            let list = try await DeskQueries(database: harness.database).articles(ArticleFilter(words: "Ferry"))
            #expect(list.items.isEmpty)
        }
    }

    @Test("an editor form without the CSRF token files nothing")
    func editorCSRF() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.editor)
            let response = try await harness.post("/admin/articles/new", session: session, fields: Self.story)
            #expect(response.status == .forbidden)
            let list = try await DeskQueries(database: harness.database).articles(ArticleFilter(words: "Ferry"))
            #expect(list.items.isEmpty)
        }
    }

    @Test("forbidden moves answer 403 and change nothing; allowed ones move the article")
    func workflowPermissions() async throws {
        try await NewsroomHarness.run { harness in
            let (id, contributorSession, contributorCSRF) = try await Self.file(harness, as: harness.contributor)
            let refused = try await Self.move(harness, id, to: "in_review", session: contributorSession, csrf: contributorCSRF)
            #expect(refused.status == .forbidden)
            #expect(try await Self.status(harness, id) == .draft)

            let (own, authorSession, authorCSRF) = try await Self.file(harness, as: harness.author)
            #expect(try await Self.move(harness, own, to: "published", session: authorSession, csrf: authorCSRF).status
                    == .forbidden)
            #expect(try await Self.status(harness, own) == .draft)
            #expect(try await Self.move(harness, own, to: "in_review", session: authorSession, csrf: authorCSRF).status
                    == .seeOther)
            #expect(try await Self.status(harness, own) == .inReview)
            // Once in review the author may no longer edit it, but still sees it (read-only) and may withdraw it.
            let inReview = try await harness.get("/admin/articles/\(own)?moved=1", session: authorSession)
            #expect(inReview.status == .ok)
            #expect(inReview.html.contains("Ви вже не можете змінювати цю статтю"))  // Petro works in Ukrainian
            #expect(!inReview.html.contains("value=\"save\""))
            #expect(inReview.html.contains("value=\"draft\""))  // the withdraw button
            var edit = Self.story
            edit["csrf"] = authorCSRF
            edit["headline"] = "Sneaky edit"
            #expect(try await harness.post("/admin/articles/\(own)", session: authorSession, fields: edit).status == .forbidden)
            #expect(try await harness.get("/admin/articles/\(id)", session: authorSession).status == .forbidden)

            let editorSession = try await harness.signIn(harness.editor)
            let editorCSRF = try await harness.csrf(session: editorSession)
            #expect(try await Self.move(harness, own, to: "unpublished", session: editorSession, csrf: editorCSRF).status
                    == .forbidden)
            #expect(try await Self.move(harness, own, to: "published", session: editorSession, csrf: editorCSRF).status
                    == .seeOther)
            #expect(try await Self.status(harness, own) == .published)
            let log = try await AuditLog(database: harness.database).recent(limit: 3)
            #expect(log.first?.action == "published" && log.first?.staffName == "Iryna Editor")
        }
    }

    @Test("publishing shows the article on the public site at once; unpublishing makes its URL answer 410")
    func publishAndUnpublish() async throws {
        try await NewsroomHarness.run { harness in
            let (id, session, csrf) = try await Self.file(harness, as: harness.editor)
            let path = "/eng/news/2025/07/01/ferry-service-returns-to-the-dnipro/"
            #expect(try await harness.get(path, session: nil).status == .notFound)
            #expect(try await Self.move(harness, id, to: "published", session: session, csrf: csrf).status == .seeOther)
            let article = try await harness.get(path, session: nil)
            #expect(article.status == .ok)
            expectInOrder(article.html, ["Ferry service returns to the Dnipro", "Tuesday, 1 July 2025, 15:00",
                                         "Source:", "Port authority", "Rivers", "Energy"])
            for page in ["/eng/", "/eng/news/", "/eng/tags/energy/"] {
                #expect(try await harness.get(page, session: nil).html.contains("Ferry service returns"), "\(page)")
            }
            #expect(try await Self.move(harness, id, to: "unpublished", session: session, csrf: csrf).status == .seeOther)
            #expect(try await harness.get(path, session: nil).status == .gone)
            #expect(!(try await harness.get("/eng/", session: nil).html.contains("Ferry service returns")))
        }
    }

    @Test("editing a published article marks it updated, and a new slug leaves the old URL answering 301")
    func editPublished() async throws {
        try await NewsroomHarness.run { harness in
            let (id, session, csrf) = try await Self.file(harness, as: harness.editor)
            _ = try await Self.move(harness, id, to: "published", session: session, csrf: csrf)
            harness.clock.advance(2 * 3600)
            // Two hours idle end the session (the harness's idle time is one hour): sign in again.
            let later = try await harness.signIn(harness.editor)
            var fields = Self.story
            fields["csrf"] = try await harness.csrf(session: later)
            fields["headline"] = "Ferry service returns to the Dnipro after ten years"
            fields["slug"] = "ferry-service-returns-after-ten-years"
            let saved = try await harness.post("/admin/articles/\(id)", session: later, fields: fields)
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/admin/articles/\(id)?saved=1")
            let old = try await harness.client.executeRequest(
                uri: "/eng/news/2025/07/01/ferry-service-returns-to-the-dnipro/", method: .get, headers: [:], body: nil)
            #expect(old.status == .movedPermanently)
            #expect(old.headers[.location] == "/eng/news/2025/07/01/ferry-service-returns-after-ten-years/")
            let page = try await harness.get("/eng/news/2025/07/01/ferry-service-returns-after-ten-years/", session: nil)
            expectInOrder(page.html, ["after ten years", "Tuesday, 1 July 2025, 15:00", "Updated", "Tuesday, 1 July 2025, 17:00"])
            let revisions = try await ArticleDesk(database: harness.database, timeZone: NewsroomFixture.kyiv).revisions(of: id)
            #expect(revisions.map(\.number) == [2, 1])
        }
    }

    @Test("a scheduled article goes live when its time comes, through the background scheduler")
    func scheduling() async throws {
        try await NewsroomHarness.run { harness in
            let (id, session, csrf) = try await Self.file(harness, as: harness.editor)
            let past = try await Self.move(harness, id, to: "scheduled", session: session, csrf: csrf, at: "2025-07-01T14:00")
            #expect(past.status == .badRequest)
            #expect(String(buffer: past.body).contains("The scheduled time must be in the future."))
            #expect(try await Self.status(harness, id) == .draft)

            let scheduled = try await Self.move(harness, id, to: "scheduled", session: session, csrf: csrf, at: "2025-07-01T15:30")
            #expect(scheduled.status == .seeOther)
            #expect(try await Self.status(harness, id) == .scheduled)
            let path = "/eng/news/2025/07/01/ferry-service-returns-to-the-dnipro/"
            #expect(try await harness.get(path, session: nil).status == .notFound)

            harness.clock.advance(31 * 60)
            var published = false
            for _ in 0..<30 where !published {
                try await Task.sleep(for: .milliseconds(200))
                published = try await Self.status(harness, id) == .published
            }
            #expect(published, "the scheduler did not publish within 6 seconds")
            let page = try await harness.get(path, session: nil)
            #expect(page.status == .ok)
            #expect(page.html.contains("Tuesday, 1 July 2025, 15:30"))
        }
    }

    @Test("the article list filters by edition, status and words in the headline, and pages")
    func articleList() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.editor)
            let drafts = try await harness.get("/admin/articles?edition=en&status=draft", session: session)
            #expect(drafts.status == .ok)
            #expect(drafts.html.contains("Secret draft story"))
            #expect(!drafts.html.contains("Wind farm opens"))
            let words = try await harness.get("/admin/articles?q=мережа", session: session)
            #expect(words.html.contains("Як мережа переживає спеку"))
            #expect(!words.html.contains("Wind farm opens"))
            let none = try await harness.get("/admin/articles?q=zzzz", session: session)
            #expect(none.html.contains("No article matches."))
        }
    }
}

@Suite("Scheduling across a daylight-saving change")
struct DaylightSavingTests {
    @Test("09:00 in Kyiv on the day winter time starts is 07:00 UTC, though the day before it was 06:00 UTC")
    func scheduleAcrossChange() async throws {
        try await TestDatabase.with { database in
            try await NewsroomWriter(database: database).syncEditions(.standard)
            let staff = try await StaffStore(database: database).add(
                email: "e@example.org", name: "E", role: .editor, passwordHash: "x", language: "en")
            let desk = ArticleDesk(database: database, timeZone: NewsroomFixture.kyiv)
            // Saturday 25 October 2025, noon UTC; clocks go back at 04:00 on Sunday 26 October.
            let now = Date(timeIntervalSince1970: 1_761_393_600)
            let id = try await desk.create(ArticleDraft(edition: "en", headline: "Clocks go back"), by: staff, now: now)
            let at = try #require(EditorFormProbe.localTime("2025-10-26T09:00"))
            #expect(at == Date(timeIntervalSince1970: 1_761_462_000))  // 2025-10-26T07:00:00Z
            try await desk.move(id: id, to: .scheduled, at: at, by: staff, now: now)
            #expect(try await desk.publishDue(now: at.addingTimeInterval(-1)).isEmpty)
            #expect(try await desk.publishDue(now: at) == [id])
            let loaded = try await desk.load(id: id)
            let article = try #require(loaded)
            #expect(article.status == .published && article.day == LocalDay(year: 2025, month: 10, day: 26))
        }
    }

    @Test("articles that fell due while the server was down are published on the first tick")
    func catchUp() async throws {
        try await TestDatabase.with { database in
            try await NewsroomWriter(database: database).syncEditions(.standard)
            let staff = try await StaffStore(database: database).add(
                email: "e@example.org", name: "E", role: .editor, passwordHash: "x", language: "en")
            let desk = ArticleDesk(database: database, timeZone: NewsroomFixture.kyiv)
            let now = NewsroomFixture.now
            var ids: [Int] = []
            for hour in 1...3 {
                let id = try await desk.create(ArticleDraft(edition: "en", headline: "Due \(hour)"), by: staff, now: now)
                try await desk.move(id: id, to: .scheduled, at: now.addingTimeInterval(Double(hour) * 3600), by: staff, now: now)
                ids.append(id)
            }
            // The server was down for a day.
            #expect(Set(try await desk.publishDue(now: now.addingTimeInterval(86_400))) == Set(ids))
            #expect(try await desk.publishDue(now: now.addingTimeInterval(86_401)).isEmpty)
        }
    }
}

/// `EditorForm` is internal to the web module; the same reading of a datetime-local value, in Kyiv.
enum EditorFormProbe {
    static func localTime(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = NewsroomFixture.kyiv
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.date(from: text)
    }
}
