import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import BroadsheetWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Builds the real application over a fresh database with the fixture newsroom, and drives it through the router.
enum SiteHarness {
    static let adHTML = #"<div class="house-ad">Buy our paper</div>"#

    /// - Parameter prepare: adds to the fixture newsroom before the site is built.
    static func withSite(
        pageSize: Int = 20,
        prepare: @escaping @Sendable (NewsDatabase, NewsroomFixture) async throws -> Void = { _, _ in },
        _ test: @escaping @Sendable (any TestClientProtocol, NewsroomFixture) async throws -> Void
    ) async throws {
        try await TestDatabase.with { database in
        let fixture = try await NewsroomFixture.build(in: database)
        try await prepare(database, fixture)
        var logger = Logger(label: "broadsheet.test")
        logger.logLevel = .warning
        let app = try await buildApplication(
            site: SiteConfiguration(
                publicBaseURL: "https://news.example.com", photoDirectory: "/nonexistent", pageSize: pageSize),
            database: database,
            defaults: SettingsDefaults(
                adEvery: 2, adSlots: [AdSlot(name: "inline", html: adHTML)], supportURL: "https://example.org/support"),
            logger: logger,
            clock: { NewsroomFixture.now })
        try await app.test(.router) { client in try await test(client, fixture) }
        }
    }
}

extension SiteHarness {
    /// The real application over a database that is closed under it: every query fails.
    static func withBrokenDatabase(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var logger = Logger(label: "broadsheet.test")
        logger.logLevel = .critical
        let database = try await NewsDatabase.inMemory(logger: logger)
        let app = try await buildApplication(
            site: SiteConfiguration(publicBaseURL: "https://news.example.com", photoDirectory: "/nonexistent"),
            database: database, logger: logger, clock: { NewsroomFixture.now })
        try await database.shutdown()
        try await app.test(.router) { client in try await test(client) }
    }
}

extension TestClientProtocol {
    /// GETs a page and returns its status, headers and HTML.
    func page(_ uri: String) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, html: String) {
        let response = try await executeRequest(uri: uri, method: .get, headers: [:], body: nil)
        return (response.status, response.headers, String(buffer: response.body))
    }
}

/// Asserts that the texts occur in the HTML in this order.
func expectInOrder(_ html: String, _ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    var position = html.startIndex
    for text in texts {
        guard let range = html.range(of: text, range: position..<html.endIndex) else {
            let anywhere = html.contains(text) ? "present but out of order" : "absent"
            Issue.record("\"\(text)\" is \(anywhere)", sourceLocation: sourceLocation)
            return
        }
        position = range.upperBound
    }
}

func articlePath(_ prefix: String, hoursAgo: Double, slug: String) -> String {
    "\(prefix)news/\(NewsroomFixture.day(NewsroomFixture.hoursAgo(hoursAgo)).pathString)/\(slug)/"
}
