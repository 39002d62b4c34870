import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The desk's rules once through the newsroom's forms: the publication time an editor sets, and a save that
/// mixes editions. (Each rule is tested on the desk itself in `ArticleDeskRulesTests`.)
@Suite("The desk's rules through the newsroom's forms")
struct DeskFormsTests {
    static let day30 = "/eng/news/2025/06/30/ferry-service-returns-to-the-dnipro/"
    static let day29 = "/eng/news/2025/06/29/ferry-service-returns-to-the-dnipro/"

    @Test("an editor publishes an archive story at its real time, corrects the time, then moves its address; pages and feeds follow at once")
    func archiveStory() async throws {
        try await NewsroomHarness.run { harness in
            let (id, session, csrf) = try await ArticleWorkflowTests.file(harness, as: harness.editor)
            let published = try await ArticleWorkflowTests.move(
                harness, id, to: "published", session: session, csrf: csrf, at: "2025-06-30T19:53")
            #expect(published.status == .seeOther)
            let page = try await harness.get(Self.day30, session: nil)
            #expect(page.status == .ok)
            #expect(page.html.contains("Monday, 30 June 2025, 19:53"))
            #expect(try await harness.get("/eng/news/2025/06/30/", session: nil).html.contains("Ferry service returns"))

            // The time was wrong: the address keeps its date, the page and the feed show the new time.
            let editor = try await harness.get("/admin/articles/\(id)", session: session)
            #expect(editor.html.contains("value=\"2025-06-30T19:53\""), "the form shows the current time")
            let corrected = try await harness.post(
                "/admin/articles/\(id)/time", session: session, fields: ["csrf": csrf, "at": "2025-06-29T10:00"])
            #expect(corrected.status == .seeOther)
            #expect(try await harness.get(Self.day30, session: nil).html.contains("Sunday, 29 June 2025, 10:00"))
            #expect(try await harness.get("/eng/rss.xml", session: nil).html.contains("Sun, 29 Jun 2025 07:00:00"))

            // Moved to the new date's address: the old one answers 301.
            let moved = try await harness.post(
                "/admin/articles/\(id)/time", session: session,
                fields: ["csrf": csrf, "at": "2025-06-29T10:00", "moveAddress": "1"])
            #expect(moved.status == .seeOther)
            let old = try await harness.client.executeRequest(uri: Self.day30, method: .get, headers: [:], body: nil)
            #expect(old.status == .movedPermanently)
            #expect(old.headers[.location] == Self.day29)
            #expect(try await harness.get(Self.day29, session: nil).status == .ok)
            let log = try await AuditLog(database: harness.database).recent(limit: 2).map(\.action)
            #expect(log == ["changed the publication time", "changed the publication time"])
        }
    }

    @Test("a time in the future on a published article, or one that is not a time, is refused with words and changes nothing")
    func refusedTimes() async throws {
        try await NewsroomHarness.run { harness in
            let (id, session, csrf) = try await ArticleWorkflowTests.file(harness, as: harness.editor)
            _ = try await ArticleWorkflowTests.move(harness, id, to: "published", session: session, csrf: csrf)
            let future = try await harness.post(
                "/admin/articles/\(id)/time", session: session, fields: ["csrf": csrf, "at": "2025-07-02T10:00"])
            #expect(future.status == .badRequest)
            #expect(String(buffer: future.body).contains("time cannot be in the future. To publish it later, unpublish it and schedule it."))
            let garbled = try await ArticleWorkflowTests.move(
                harness, id, to: "unpublished", session: session, csrf: csrf, at: "yesterday")
            #expect(garbled.status == .badRequest)
            #expect(String(buffer: garbled.body).contains("This is not a date and time: “yesterday”"))
            #expect(try await ArticleWorkflowTests.status(harness, id) == .published)
            let desk = ArticleDesk(database: harness.database, timeZone: NewsroomFixture.kyiv)
            #expect(try await desk.load(id: id)?.publishedAt == NewsroomFixture.now)
        }
    }

    @Test("an English article given a Ukrainian section is refused, naming the section; the form keeps what was typed")
    func otherEditionsSection() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.editor)
            let csrf = try await harness.csrf(session: session)
            let ukrainian = try #require(
                try await PublicQueries(database: harness.database).taxonomy(edition: "uk").sections.first)
            var fields = ArticleWorkflowTests.story
            fields["csrf"] = csrf
            fields["section"] = String(ukrainian.id)
            let response = try await harness.post("/admin/articles/new", session: session, fields: fields)
            #expect(response.status == .badRequest)
            #expect(String(buffer: response.body).contains("The section “\(ukrainian.name)” belongs to the Українська edition"))
            #expect(String(buffer: response.body).contains("value=\"Ferry service returns to the Dnipro\""))
            let list = try await DeskQueries(database: harness.database).articles(ArticleFilter(words: "Ferry"))
            #expect(list.items.isEmpty)
        }
    }

    @Test("'New article' asks for the edition first, offering the one the member last wrote in; the editor then keeps to it")
    func newArticleAsksForTheEdition() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.editor)
            let chooser = try await harness.get("/admin/articles/new", session: session)
            #expect(chooser.status == .ok)
            #expect(chooser.html.contains("Which edition is this article for?"))
            #expect(chooser.html.contains("value=\"uk\" checked"), "with nothing written yet, the first edition")
            _ = try await ArticleWorkflowTests.file(harness, as: harness.editor)
            let again = try await harness.get("/admin/articles/new", session: session)
            #expect(again.html.contains("value=\"en\" checked"))
            let editor = try await harness.get("/admin/articles/new?edition=en", session: session)
            expectInOrder(editor.html, ["Edition: <strong lang=\"en\">English</strong>", "name=\"edition\" value=\"en\""])
            #expect(editor.html.contains(">Politics<"))
            #expect(!editor.html.contains(">Політика<"), "the editor offers the English edition's sections only")
        }
    }

    @Test("translating into Russian carries the section and asks for the names Russian lacks; naming them adds them")
    func translationNamesOnTheSpot() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.editor)
            let csrf = try await harness.csrf(session: session)
            let showcase = try #require(
                try await DeskQueries(database: harness.database).articles(ArticleFilter(edition: "en", words: "heatwave"))
                    .items.first)
            let started = try await harness.post(
                "/admin/articles/\(showcase.id)/translate", session: session, fields: ["csrf": csrf, "edition": "ru"])
            let location = try #require(started.headers[.location])
            let match = try #require(location.firstMatch(of: /\/admin\/articles\/(\d+)/))
            let id = try #require(Int(match.1))
            let editor = try await harness.get(location, session: session)
            expectInOrder(editor.html, [
                "Not yet named in Русский", "The tag “Energy”", "The tag “Budget”", "The author “Olena Koval”",
                "The author “Andrii Melnyk”", ">Политика<",
            ])
            let entries = editor.html.matches(of: /name="entry" value="([a-z]+:\d+)"/).map { String($0.1) }
            #expect(entries.count == 4)
            let named = try await harness.post(
                "/admin/articles/\(id)/names", session: session,
                pairs: [("csrf", csrf), ("entry", entries[0]), ("name", "Энергетика"), ("entry", entries[1]), ("name", "")])
            #expect(named.status == .seeOther)
            let after = try await harness.get("/admin/articles/\(id)", session: session)
            #expect(after.html.contains("value=\"Энергетика\""))
            #expect(!after.html.contains("The tag “Energy”"))
            #expect(after.html.contains("The tag “Budget”"))
        }
    }

    @Test("the editor picks photos from thumbnails: one as the main photo, one placed in the text by its line")
    func photoPicker() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.editor)
            let csrf = try await harness.csrf(session: session)
            let photo = try #require(try await DeskQueries(database: harness.database).thumbnails(limit: 1).first)
            let editor = try await harness.get("/admin/articles/new?edition=en", session: session)
            expectInOrder(editor.html, [
                "<legend>Photos</legend>", "<label for=\"e-main-\(photo.id)\"><img src=\"/photos/\(photo.file)\"",
                "name=\"inText\" value=\"\(photo.id)\"",
            ])
            let saved = try await harness.post(
                "/admin/articles/new", session: session,
                pairs: [
                    ("csrf", csrf), ("edition", "en"), ("headline", "Pictured twice"), ("body", "Text."),
                    ("photo", String(photo.id)), ("inText", String(photo.id)), ("do", "save"),
                ])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            let page = try await harness.get(location, session: session)
            #expect(page.html.contains("Text.\n\n[photo: \(photo.id)]</textarea>"))
            #expect(page.html.contains("id=\"e-main-\(photo.id)\" type=\"radio\" name=\"photo\" value=\"\(photo.id)\" checked"))
        }
    }
}
