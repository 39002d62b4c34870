import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Newsroom settings, sections and tags")
struct SettingsTests {
    @Test("admins set advertisement slots and support calls; the public article shows them at once")
    func adsAndSupport() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.admin)
            let csrf = try await harness.csrf(session: session)
            let ads = try await harness.post("/admin/settings/ads", session: session, fields: [
                "csrf": csrf, "every": "1", "slot_name_1": "inline", "slot_html_1": "<div class=\"house-ad\">Buy a bicycle</div>",
                "slot_on_1": "1", "slot_name_2": "off", "slot_html_2": "<div>Never shown</div>",
            ])
            #expect(ads.status == .seeOther)
            let support = try await harness.post("/admin/settings/support", session: session, fields: [
                "csrf": csrf, "text_en": "Keep local news alive.", "url_en": "https://example.org/give",
                "text_uk": "Підтримайте нас.", "url_uk": "javascript:alert(1)",
            ])
            #expect(support.status == .badRequest)
            let fixed = try await harness.post("/admin/settings/support", session: session, fields: [
                "csrf": csrf, "text_en": "Keep local news alive.", "url_en": "https://example.org/give",
                "text_uk": "Підтримайте нас.", "url_uk": "https://example.org/dai",
            ])
            #expect(fixed.status == .seeOther)
            let page = try await harness.get(ArticlePageTests.showcase, session: nil)
            expectInOrder(page.html, ["First paragraph about demand.", "Advertisement", "Buy a bicycle",
                                      "Keep local news alive.", "https://example.org/give"])
            #expect(!page.html.contains("Never shown"))
            let editor = try await harness.signIn(harness.editor)
            #expect(try await harness.get("/admin/settings", session: editor).status == .forbidden)
        }
    }

    @Test("a breaking-news banner shows across the edition until it expires")
    func banner() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.admin)
            let csrf = try await harness.csrf(session: session)
            let response = try await harness.post("/admin/settings/banners", session: session, fields: [
                "csrf": csrf, "banner_text_en": "Storm warning for the whole country", "banner_url_en": "/eng/news/",
                "banner_until_en": "2025-07-01T18:00",
            ])
            #expect(response.status == .seeOther)
            for path in ["/eng/", "/eng/news/", ArticlePageTests.showcase] {
                #expect(try await harness.get(path, session: nil).html.contains("Storm warning for the whole country"), "\(path)")
            }
            #expect(!(try await harness.get("/", session: nil).html.contains("Storm warning")))
            harness.clock.advance(4 * 3600)
            #expect(!(try await harness.get("/eng/", session: nil).html.contains("Storm warning")))
        }
    }

    @Test("a renamed tag's old address answers 301; a merged tag's articles move and its address answers 301")
    func tags() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.editor)
            let csrf = try await harness.csrf(session: session)
            let fixtureIDs = try await PublicQueries(database: harness.database).tag(edition: "en", slug: "energy")
            let energy = try #require(fixtureIDs)
            let renamed = try await harness.post("/admin/tags/\(energy.id)", session: session,
                                                 fields: ["csrf": csrf, "name": "Power", "slug": "power"])
            #expect(renamed.status == .seeOther)
            let old = try await harness.client.executeRequest(uri: "/eng/tags/energy/", method: .get, headers: [:], body: nil)
            #expect(old.status == .movedPermanently)
            #expect(old.headers[.location] == "/eng/tags/power/")
            #expect(try await harness.get("/eng/tags/power/", session: nil).html.contains("<h1>Power</h1>"))

            let budget = try #require(try await PublicQueries(database: harness.database).tag(edition: "en", slug: "budget"))
            let merged = try await harness.post("/admin/tags/\(budget.id)/merge", session: session,
                                                fields: ["csrf": csrf, "into": String(energy.id)])
            #expect(merged.status == .seeOther)
            let moved = try await harness.client.executeRequest(uri: "/eng/tags/budget/", method: .get, headers: [:], body: nil)
            #expect(moved.headers[.location] == "/eng/tags/power/")
            let power = try await harness.get("/eng/tags/power/", session: nil)
            #expect(power.html.contains("Parliament passes the budget"))
        }
    }

    @Test("admins add a section with a name in each edition and reorder it; every edition's menu follows")
    func sections() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.admin)
            let csrf = try await harness.csrf(session: session)
            let added = try await harness.post(
                "/admin/sections", session: session,
                fields: ["csrf": csrf, "name_en": "Science", "name_uk": "Наука", "name_ru": "Наука"])
            #expect(added.status == .seeOther)
            let queries = PublicQueries(database: harness.database)
            let science = try #require(try await queries.section(edition: "en", slug: "science"))
            let nauka = try #require(try await queries.section(edition: "uk", slug: "nauka"))
            let writer = NewsroomWriter(database: harness.database)
            let entry = try #require(try await writer.entry(of: .section, row: science.id))
            #expect(try await writer.entry(of: .section, row: nauka.id) == entry, "one section, named in two editions")
            #expect(try await harness.post("/admin/sections/\(entry)", session: session,
                                           fields: ["csrf": csrf, "do": "up"]).status == .seeOther)
            // The page lists Politics, Science, then Culture (named in English only); Science went up in every menu.
            let page = try await harness.get("/admin/sections", session: session)
            expectInOrder(page.html, ["value=\"Наука\"", "/science/", "value=\"Політика\"", "value=\"Politics\"", "value=\"Culture\""])
            expectInOrder(try await harness.get("/eng/", session: nil).html, [">Science<", ">Politics<", ">Culture<"])
            expectInOrder(try await harness.get("/", session: nil).html, [">Наука<", ">Політика<"])
            let editor = try await harness.signIn(harness.editor)
            #expect(try await harness.get("/admin/sections", session: editor).status == .forbidden)
        }
    }

    @Test("a tag gets its name in another edition; a name articles carry cannot be cleared")
    func tagNames() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.editor)
            let csrf = try await harness.csrf(session: session)
            let queries = PublicQueries(database: harness.database)
            let budget = try #require(try await queries.tag(edition: "en", slug: "budget"))
            let entry = try #require(try await NewsroomWriter(database: harness.database).entry(of: .tag, row: budget.id))
            let named = try await harness.post(
                "/admin/tags/names/\(entry)", session: session,
                fields: ["csrf": csrf, "name_en": "Budget", "name_uk": "Бюджет", "name_ru": ""])
            #expect(named.status == .seeOther)
            #expect(try await queries.tag(edition: "uk", slug: "biudzhet")?.name == "Бюджет")
            let cleared = try await harness.post(
                "/admin/tags/names/\(entry)", session: session,
                fields: ["csrf": csrf, "name_en": "", "name_uk": "Бюджет", "name_ru": ""])
            #expect(cleared.status == .badRequest)
            #expect(String(buffer: cleared.body).contains("is on articles of its edition"))
            #expect(try await queries.tag(edition: "en", slug: "budget") != nil)
            let added = try await harness.post(
                "/admin/tags/names", session: session,
                fields: ["csrf": csrf, "name_en": "North Korea", "name_uk": "Північна Корея", "name_ru": "Северная Корея"])
            #expect(added.status == .seeOther)
            let tags = try await harness.get("/admin/tags?q=коре", session: session)
            expectInOrder(tags.html, ["value=\"Північна Корея\"", "value=\"Северная Корея\"", "value=\"North Korea\""])
            #expect(!tags.html.contains("value=\"Energy\""), "the search keeps to matching entries")
        }
    }
}

@Suite("People")
struct StaffPageTests {
    @Test("an admin adds an account on the staff page; it signs in with its first password; bad input keeps what was typed")
    func addAccount() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.admin)
            let csrf = try await harness.csrf(session: session)
            var fields = [
                "csrf": csrf, "name": "Tetyana Oliynyk", "email": "Tetyana@Example.org", "role": "editor",
                "language": "en", "password": "short",
            ]
            let refused = try await harness.post("/admin/staff", session: session, fields: fields)
            #expect(refused.status == .badRequest)
            expectInOrder(String(buffer: refused.body), [
                "The password was refused: a password needs at least 12 characters.", "value=\"Tetyana Oliynyk\"",
                "value=\"tetyana@example.org\"",
            ])
            fields["password"] = NewsroomHarness.password
            #expect(try await harness.post("/admin/staff", session: session, fields: fields).status == .seeOther)
            let added = try #require(try await StaffStore(database: harness.database).find(email: "tetyana@example.org"))
            #expect(added.member.role == .editor && added.member.language == "en")
            let signIn = try await harness.postSignIn(email: "tetyana@example.org", password: NewsroomHarness.password)
            #expect(signIn.status == .seeOther && signIn.headers[.location] == "/admin/", "signed in")
            #expect(try await harness.post("/admin/staff", session: session, fields: fields).status == .badRequest,
                    "the address is taken")
            let editor = try await harness.signIn(harness.editor)
            let editorCSRF = try await harness.csrf(session: editor)
            fields["csrf"] = editorCSRF
            fields["email"] = "someone@example.org"
            #expect(try await harness.post("/admin/staff", session: editor, fields: fields).status == .forbidden)
            #expect(try await StaffStore(database: harness.database).find(email: "someone@example.org") == nil)
        }
    }

    @Test("an admin changes a role and disables an account; the audit log says who and when; others get 403")
    func manageStaff() async throws {
        try await NewsroomHarness.run { harness in
            let authorSession = try await harness.signIn(harness.author)
            #expect(try await harness.get("/admin/staff", session: authorSession).status == .forbidden)
            let session = try await harness.signIn(harness.admin)
            let csrf = try await harness.csrf(session: session)
            let page = try await harness.get("/admin/staff", session: session)
            expectInOrder(page.html, ["People", "Petro Author", "author@example.org", "author", "active"])
            let promoted = try await harness.post("/admin/staff/\(harness.author.id)/role", session: session,
                                                  fields: ["csrf": csrf, "role": "editor"])
            #expect(promoted.status == .seeOther)
            #expect(try await StaffStore(database: harness.database).find(id: harness.author.id)?.member.role == .editor)
            let disabled = try await harness.post("/admin/staff/\(harness.author.id)/disable", session: session,
                                                  fields: ["csrf": csrf])
            #expect(disabled.status == .seeOther)
            #expect(try await harness.get("/admin/", session: authorSession).status == .seeOther)
            let own = try await harness.post("/admin/staff/\(harness.admin.id)/disable", session: session, fields: ["csrf": csrf])
            #expect(own.status == .badRequest)
            let log = try await AuditLog(database: harness.database).recent(limit: 5)
            #expect(log.map(\.action).contains("role changed"))
            #expect(log.first?.action == "account disabled" && log.first?.staffName == "Ada Admin")
        }
    }
}
