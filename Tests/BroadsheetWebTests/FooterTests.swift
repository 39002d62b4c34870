import BroadsheetStorage
import BroadsheetTestSupport
import BroadsheetWeb
import Foundation
import HummingbirdTesting
import Logging
import Testing

@Suite("Edition footers")
struct FooterTests {
    static let englishLinks = "About us | /eng/\nWrite to the desk | mailto:desk@example.org\nTerms & <rules> | https://example.org/terms"

    @Test("an admin's English footer shows its text and links under English pages only, and an empty form removes it")
    func adminSetsTheEnglishFooter() async throws {
        try await NewsroomHarness.run { harness in
            // Kept in the page cache before the change: the save must drop it.
            #expect(try await harness.get("/eng/", session: nil).status == .ok)
            let session = try await harness.signIn(harness.admin)
            let csrf = try await harness.csrf(session: session)
            let saved = try await harness.post("/admin/settings/footers", session: session, fields: [
                "csrf": csrf, "footer_text_en": "Broadsheet Media, 1 Quay Street, Kyiv.\r\n\r\nPublished <daily>.",
                "footer_links_en": Self.englishLinks,
            ])
            #expect(saved.status == .seeOther)
            for path in ["/eng/", ArticlePageTests.showcase] {
                let page = try await harness.get(path, session: nil)
                expectInOrder(page.html, [
                    "<footer class=\"footer\">", ">Broadsheet</a></p>", "<p>Broadsheet Media, 1 Quay Street, Kyiv.</p>",
                    "<p>Published &lt;daily&gt;.</p>", "<ul class=\"footer-links\">", "<a href=\"/eng/\">About us</a>",
                    "<a href=\"mailto:desk@example.org\">Write to the desk</a>",
                    "<a href=\"https://example.org/terms\">Terms &amp; &lt;rules&gt;</a>", "</footer>",
                ])
            }
            let ukrainian = try await harness.get("/", session: nil)
            #expect(!ukrainian.html.contains("Quay Street"))
            #expect(!ukrainian.html.contains("footer-links"))
            let form = try await harness.get("/admin/settings", session: session)
            #expect(form.html.contains("Write to the desk | mailto:desk@example.org"))
            #expect(try await AuditLog(database: harness.database).recent(limit: 1).first?.action == "changed footers")

            let cleared = try await harness.post("/admin/settings/footers", session: session, fields: [
                "csrf": csrf, "footer_text_en": "", "footer_links_en": "",
            ])
            #expect(cleared.status == .seeOther)
            let english = try await harness.get("/eng/", session: nil)
            #expect(!english.html.contains("Quay Street"))
            #expect(english.html.contains("<footer class=\"footer\">\n<p class=\"footer-brand\"><a href=\"/eng/\">Broadsheet</a></p>\n</footer>"))
        }
    }

    @Test("a link address the link policy refuses is named on the form, which keeps what was typed and saves nothing")
    func refusedLinkKeepsTheForm() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.admin)
            let csrf = try await harness.csrf(session: session)
            let refused = try await harness.post("/admin/settings/footers", session: session, fields: [
                "csrf": csrf, "footer_text_uk": "Редакція: Київ, вулиця Набережна, 1.",
                "footer_text_en": "Letters to the editor are welcome.",
                "footer_links_en": "About us | /eng/\nSay hello | javascript:alert(1)",
            ])
            #expect(refused.status == .badRequest)
            let html = String(buffer: refused.body)
            #expect(html.contains(
                "English (Footers): A link&#39;s address must start with https://, http://, mailto: or / (a page of this site): javascript:alert(1)"))
            #expect(html.contains("Редакція: Київ, вулиця Набережна, 1.</textarea>"))
            #expect(html.contains("Letters to the editor are welcome.</textarea>"))
            #expect(html.contains("About us | /eng/\nSay hello | javascript:alert(1)</textarea>"))
            #expect(!(try await harness.get("/", session: nil).html.contains("Набережна")))
            #expect(!(try await harness.get("/eng/", session: nil).html.contains("Letters to the editor")))

            let unlabelled = try await harness.post("/admin/settings/footers", session: session, fields: [
                "csrf": csrf, "footer_links_en": "https://example.org/about",
            ])
            #expect(unlabelled.status == .badRequest)
            #expect(String(buffer: unlabelled.body).contains(
                "A link needs a label and an address, as label | https://address: https://example.org/about"))
        }
    }

    @Test("contributors and editors cannot post the footer form")
    func onlyAdminsPost() async throws {
        try await NewsroomHarness.run { harness in
            for member in [harness.contributor, harness.editor] {
                let session = try await harness.signIn(member)
                let csrf = try await harness.csrf(session: session)
                let response = try await harness.post("/admin/settings/footers", session: session, fields: [
                    "csrf": csrf, "footer_text_en": "Taken over",
                ])
                #expect(response.status == .forbidden, "\(member.role)")
            }
            #expect(!(try await harness.get("/eng/", session: nil).html.contains("Taken over")))
        }
    }

    @Test("a newsroom started without the demo shows only the paper's name in every edition's footer")
    func noDemoNoDisclaimer() async throws {
        try await TestDatabase.with { database in
            var logger = Logger(label: "footer.test")
            logger.logLevel = .warning
            let photos = FileManager.default.temporaryDirectory.appendingPathComponent("footer-\(UUID().uuidString)").path
            let site = SiteConfiguration(publicBaseURL: "http://127.0.0.1:8080", photoDirectory: photos)
            let app = try await buildApplication(site: site, database: database, logger: logger)
            try await app.test(.router) { client in
                for (path, home) in [("/", "/"), ("/rus/", "/rus/"), ("/eng/", "/eng/"), ("/eng/no-such-page/", "/eng/")] {
                    let page = try await client.page(path)
                    #expect(page.html.contains(
                        "<footer class=\"footer\">\n<p class=\"footer-brand\"><a href=\"\(home)\">Broadsheet</a></p>\n</footer>"),
                        "\(path)")
                    for disclaimer in ["invented", "вигадані", "вымышлены"] {
                        #expect(!page.html.contains(disclaimer), "\(path)")
                    }
                }
            }
        }
    }
}
