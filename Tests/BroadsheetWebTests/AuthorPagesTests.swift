import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Newsroom authors")
struct AuthorPagesTests {
    @Test("an editor adds an author through the form and the editor of that edition offers them")
    func addThroughForm() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.editor)
            let csrf = try await harness.csrf(session: session)
            #expect(try await harness.get("/admin/", session: session).html.contains("href=\"/admin/authors\""))
            let added = try await harness.post("/admin/authors/new", session: session, fields: [
                "csrf": csrf, "name_uk": "Тетяна Олійник", "name_en": "Tetyana Oliynyk", "bio_en": "Correspondent in Kharkiv.",
                "links": "Website | https://oliynyk.example.org", "staff": String(harness.author.id),
            ])
            #expect(added.status == .seeOther)
            let location = try #require(added.headers[.location])
            let page = try await harness.get(location, session: session)
            expectInOrder(page.html, [
                "Author saved.", "value=\"Тетяна Олійник\"", "href=\"/authors/tetiana-oliinyk/\"", "value=\"Tetyana Oliynyk\"",
                "Correspondent in Kharkiv.", "href=\"/eng/authors/tetyana-oliynyk/\"", "Website | https://oliynyk.example.org",
                "selected>Petro Author",
            ])
            expectInOrder(try await harness.get("/admin/articles/new?edition=en", session: session).html, [
                "Olena Koval", "Tetyana Oliynyk",
            ])
            #expect(!(try await harness.get("/admin/articles/new?edition=ru", session: session).html.contains("Oliynyk")))
            expectInOrder(try await harness.get("/admin/authors", session: session).html, [
                "Add an author", "Українська", "English", "Тетяна Олійник", "Tetyana Oliynyk", "Petro Author",
            ])
            #expect(try await harness.get("/eng/authors/tetyana-oliynyk/", session: nil).status == .ok)
        }
    }

    @Test("a contributor and an author may not manage authors")
    func forbidden() async throws {
        try await NewsroomHarness.run { harness in
            for member in [harness.contributor, harness.author] {
                let session = try await harness.signIn(member)
                #expect(try await harness.get("/admin/authors", session: session).status == .forbidden)
                #expect(try await harness.get("/admin/authors/new", session: session).status == .forbidden)
                #expect(!(try await harness.get("/admin/", session: session).html.contains("href=\"/admin/authors\"")))
            }
        }
    }

    @Test("a bad link is refused with a message and the form keeps what was typed")
    func badLink() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.editor)
            let csrf = try await harness.csrf(session: session)
            let refused = try await harness.post("/admin/authors/new", session: session, fields: [
                "csrf": csrf, "name_en": "Ivan Sirko", "bio_en": "Columnist.", "links": "Home | javascript:alert(1)",
            ])
            #expect(refused.status == .badRequest)
            expectInOrder(String(buffer: refused.body), [
                "must start with https://", "javascript:alert(1)", "value=\"Ivan Sirko\"", "Columnist.",
                "Home | javascript:alert(1)</textarea>",
            ])
            #expect(try await People(database: harness.database).count() == 2, "Olena Koval (two bylines) and Andrii Melnyk")
        }
    }

    @Test("a retired author keeps their page and the articles that carry them, and is offered no more")
    func retire() async throws {
        try await NewsroomHarness.run { harness in
            let queries = PublicQueries(database: harness.database)
            let koval = try #require(try await queries.author(edition: "en", slug: "olena-koval"))
            let person = try #require(try await People(database: harness.database).person(ofAuthor: koval.id))
            let article = try #require(
                try await queries.byAuthor(koval.id, limit: 1, now: NewsroomFixture.now).first)
            let session = try await harness.signIn(harness.editor)
            let csrf = try await harness.csrf(session: session)
            let retired = try await harness.post("/admin/authors/\(person)", session: session, fields: [
                "csrf": csrf, "name_en": "Olena Koval", "bio_en": "Political correspondent.", "name_uk": "Олена Коваль",
                "retired": "1",
            ])
            #expect(retired.status == .seeOther)
            #expect(!(try await harness.get("/admin/articles/new?edition=en", session: session).html.contains("Olena Koval")))
            let editor = try await harness.get("/admin/articles/\(article.id)", session: session)
            #expect(editor.html.contains("value=\"\(koval.id)\" checked> Olena Koval"))
            let page = try await harness.get("/eng/authors/olena-koval/", session: nil)
            #expect(page.status == .ok)
            #expect(page.html.contains("<h1>Olena Koval</h1>"))
            #expect(try await harness.get("/admin/authors", session: session).html.contains("retired"))
        }
    }

    @Test("merging two authors moves the articles and the old author page answers 301")
    func merge() async throws {
        try await NewsroomHarness.run { harness in
            let queries = PublicQueries(database: harness.database)
            let people = People(database: harness.database)
            let koval = try #require(try await queries.author(edition: "en", slug: "olena-koval"))
            let melnyk = try #require(try await queries.author(edition: "en", slug: "andrii-melnyk"))
            let target = try #require(try await people.person(ofAuthor: koval.id))
            let source = try #require(try await people.person(ofAuthor: melnyk.id))
            let session = try await harness.signIn(harness.admin)
            let csrf = try await harness.csrf(session: session)
            let form = try await harness.get("/admin/authors/\(source)", session: session)
            #expect(form.html.contains("<option value=\"\(target)\">"))
            let merged = try await harness.post("/admin/authors/\(source)/merge", session: session,
                                                fields: ["csrf": csrf, "into": String(target)])
            #expect(merged.status == .seeOther)
            #expect(merged.headers[.location] == "/admin/authors/\(target)?saved=1")
            let old = try await harness.client.executeRequest(
                uri: "/eng/authors/andrii-melnyk/", method: .get, headers: [:], body: nil)
            #expect(old.status == .movedPermanently)
            #expect(old.headers[.location] == "/eng/authors/olena-koval/")
            let showcase = try await harness.get(ArticlePageTests.showcase, session: nil)
            #expect(!showcase.html.contains("Andrii Melnyk"))
            #expect(showcase.html.contains("Olena Koval"))
            #expect(try await harness.get("/admin/authors/\(source)", session: session).status == .notFound)
        }
    }
}
