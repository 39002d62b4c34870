import BroadsheetTestSupport
import BroadsheetWeb
import Foundation
import HummingbirdTesting
import Logging
import Testing

@Suite("Edition footers")
struct FooterTests {
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
