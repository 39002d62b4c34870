import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Newsroom translations, revisions, corrections, deletion and the audit log")
struct ArticleToolsTests {
    typealias Flow = ArticleWorkflowTests

    @Test("translate into another edition: a draft in the same group, with the original shown beside it")
    func translate() async throws {
        try await NewsroomHarness.run { harness in
            let (id, session, csrf) = try await Flow.file(harness, as: harness.editor)
            let response = try await harness.post("/admin/articles/\(id)/translate", session: session,
                                                   fields: ["csrf": csrf, "edition": "uk"])
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            let page = try await harness.get(location, session: session)
            expectInOrder(page.html, ["Translations", "en", "Ferry service returns to the Dnipro", "draft", "uk",
                                      "Translate into Русский", "Original (en)", "Boats run again from Monday."])
            let desk = ArticleDesk(database: harness.database, timeZone: NewsroomFixture.kyiv)
            let originalArticle = try await desk.load(id: id)
            let translationID = try #require(Int(location.split(separator: "/").last ?? ""))
            let translation = try await desk.load(id: translationID)
            #expect(translation?.draft.edition == "uk")
            #expect(translation?.translationGroup == originalArticle?.translationGroup)
            #expect(translation?.status == .draft)
            // An author may not start translations.
            let authorSession = try await harness.signIn(harness.author)
            let authorCSRF = try await harness.csrf(session: authorSession)
            let refused = try await harness.post("/admin/articles/\(id)/translate", session: authorSession,
                                                 fields: ["csrf": authorCSRF, "edition": "ru"])
            #expect(refused.status == .forbidden)
            #expect(try await DeskQueries(database: harness.database).versions(group: originalArticle!.translationGroup).count == 2)
        }
    }

    @Test("two revisions compare with the changed words marked, and an old one can be restored as a new revision")
    func revisions() async throws {
        try await NewsroomHarness.run { harness in
            let (id, session, csrf) = try await Flow.file(harness, as: harness.editor)
            var fields = Flow.story
            fields["csrf"] = csrf
            fields["headline"] = "Ferry service returns to the Desna"
            #expect(try await harness.post("/admin/articles/\(id)", session: session, fields: fields).status == .seeOther)
            let compare = try await harness.get("/admin/articles/\(id)/revisions?from=1&to=2", session: session)
            #expect(compare.status == .ok)
            #expect(compare.html.contains("<del title=\"removed\">Dnipro</del><ins title=\"added\">Desna</ins>"))
            let restored = try await harness.post("/admin/articles/\(id)/restore", session: session,
                                                  fields: ["csrf": csrf, "revision": "1"])
            #expect(restored.status == .seeOther)
            let desk = ArticleDesk(database: harness.database, timeZone: NewsroomFixture.kyiv)
            #expect(try await desk.load(id: id)?.draft.headline == "Ferry service returns to the Dnipro")
            let revisions = try await desk.revisions(of: id)
            #expect(revisions.map(\.number) == [3, 2, 1])
            #expect(revisions.first?.note == "restored revision 1")
        }
    }

    @Test("a correction on a published article shows at its end with its date")
    func correction() async throws {
        try await NewsroomHarness.run { harness in
            let (id, session, csrf) = try await Flow.file(harness, as: harness.editor)
            _ = try await Flow.move(harness, id, to: "published", session: session, csrf: csrf)
            let response = try await harness.post("/admin/articles/\(id)/correction", session: session,
                                                   fields: ["csrf": csrf, "text": "The ferry runs from Tuesday, not Monday."])
            #expect(response.status == .seeOther)
            let page = try await harness.get("/eng/news/2025/07/01/ferry-service-returns-to-the-dnipro/", session: nil)
            expectInOrder(page.html, ["Second paragraph.", "Correction, <time", "Tuesday, 1 July 2025, 15:00",
                                      "The ferry runs from Tuesday, not Monday.", "Tags"])
        }
    }

    @Test("only an admin deletes; the URL then answers 410 and the audit log keeps who and when")
    func deletion() async throws {
        try await NewsroomHarness.run { harness in
            let (id, session, csrf) = try await Flow.file(harness, as: harness.editor)
            _ = try await Flow.move(harness, id, to: "published", session: session, csrf: csrf)
            let refused = try await harness.post("/admin/articles/\(id)/delete", session: session, fields: ["csrf": csrf])
            #expect(refused.status == .forbidden)
            let path = "/eng/news/2025/07/01/ferry-service-returns-to-the-dnipro/"
            #expect(try await harness.get(path, session: nil).status == .ok)

            let adminSession = try await harness.signIn(harness.admin)
            let adminCSRF = try await harness.csrf(session: adminSession)
            let deleted = try await harness.post("/admin/articles/\(id)/delete", session: adminSession,
                                                 fields: ["csrf": adminCSRF])
            #expect(deleted.status == .seeOther)
            #expect(try await harness.get(path, session: nil).status == .gone)
            let audit = try await harness.get("/admin/audit", session: adminSession)
            #expect(audit.status == .ok)
            expectInOrder(audit.html, ["Audit log", "Ada Admin", "deleted article", "Ferry service returns to the Dnipro",
                                       "Iryna Editor", "published"])
            #expect(try await harness.get("/admin/audit", session: session).status == .forbidden)
        }
    }
}

@Suite("Preview as readers will see it")
struct PreviewTests {
    @Test("a draft's preview is the public article page, sent no-store, while its URL still answers 404")
    func preview() async throws {
        try await NewsroomHarness.run { harness in
            let (id, session, _) = try await ArticleWorkflowTests.file(harness, as: harness.contributor)
            let page = try await harness.get("/admin/articles/\(id)/preview", session: session)
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            expectInOrder(page.html, ["<header class=\"masthead\">", "<h1>Ferry service returns to the Dnipro</h1>",
                                      "Boats run again from Monday.", "Source:", "Port authority", "<p>First paragraph.</p>",
                                      ">Rivers</a>", "<footer class=\"footer\">"])
            #expect(try await harness.get("/eng/news/2025/07/01/ferry-service-returns-to-the-dnipro/", session: nil).status == .notFound)
            let other = try await harness.signIn(harness.author)
            #expect(try await harness.get("/admin/articles/\(id)/preview", session: other).status == .forbidden)
        }
    }
}
