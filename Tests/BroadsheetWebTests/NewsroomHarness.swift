import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import BroadsheetWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import HummingbirdOTP
import Testing

/// Counts a run's second-factor codes per member and moment, so that no code is used twice.
final class CodeCounter: Sendable {
    private let used = Mutex<[String: Int]>([:])

    func next(staffID: Int, at date: Date) -> Int {
        used.withLock { used in
            let key = "\(staffID)@\(Int(date.timeIntervalSince1970) / 30)"
            let next = used[key, default: 0]
            used[key] = next + 1
            return next
        }
    }
}

/// A clock tests can move forward.
final class TestClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// The real application with the fixture newsroom and three staff accounts (cheap bcrypt for speed).
struct NewsroomHarness: Sendable {
    static let password = "correct horse battery"
    /// Editors' and admins' TOTP secret in the harness.
    static let totpSecret = "HARNESSSECRET2345678"
    let client: any TestClientProtocol
    let database: NewsDatabase
    let clock: TestClock
    let editor: StaffMember
    let author: StaffMember
    let contributor: StaffMember
    let admin: StaffMember
    /// The photo store of this run (a temporary folder).
    let photoDirectory: String
    let codes = CodeCounter()

    static func run(_ test: @escaping @Sendable (NewsroomHarness) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            try await NewsroomFixture.build(in: database)
            var logger = Logger(label: "newsroom.test")
            logger.logLevel = .error
            let clock = TestClock(NewsroomFixture.now)
            let passwords = Passwords(cost: 4)
            let staff = StaffStore(database: database)
            let hash = try await passwords.hash(password)
            let editor = try await staff.add(
                email: "editor@example.org", name: "Iryna Editor", role: .editor, passwordHash: hash, language: "en")
            let author = try await staff.add(
                email: "author@example.org", name: "Petro Author", role: .author, passwordHash: hash, language: "uk")
            let contributor = try await staff.add(
                email: "stringer@example.org", name: "Ola Stringer", role: .contributor, passwordHash: hash,
                language: "en")
            let admin = try await staff.add(
                email: "admin@example.org", name: "Ada Admin", role: .admin, passwordHash: hash, language: "en")
            for member in [editor, admin] { try await staff.setSecondFactor(staffID: member.id, secret: totpSecret) }
            let photoDirectory = FileManager.default.temporaryDirectory
                .appendingPathComponent("newsroom-photos-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: photoDirectory) }
            let app = try await buildApplication(
                site: SiteConfiguration(
                    publicBaseURL: "https://news.example.com", photoDirectory: photoDirectory,
                    sessionIdleTimeout: 3600, passwordCost: 4, maxUploadBytes: 200_000),
                database: database, logger: logger, clock: { clock.now })
            try await app.test(.router) { client in
                try await test(
                    NewsroomHarness(
                        client: client, database: database, clock: clock, editor: editor, author: author,
                        contributor: contributor, admin: admin, photoDirectory: photoDirectory))
            }
        }
    }

    /// What a browser would keep from a response: the value of each Set-Cookie by name.
    static func cookies(_ response: TestResponse) -> [String: String] {
        var cookies: [String: String] = [:]
        for field in response.headers[values: .setCookie] {
            let pair = field.split(separator: ";").first ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { cookies[String(parts[0])] = String(parts[1]) }
        }
        return cookies
    }

    /// Fetches the sign-in form: its CSRF token and the cookie that goes with it.
    func signInForm() async throws -> (csrf: String, cookie: String) {
        let response = try await client.executeRequest(uri: "/admin/sign-in", method: .get, headers: [:], body: nil)
        let html = String(buffer: response.body)
        let csrf = try #require(html.firstMatch(of: /name="csrf" value="([^"]+)"/)).1
        let cookie = try #require(Self.cookies(response)["broadsheet_signin"])
        return (String(csrf), cookie)
    }

    /// Posts the sign-in form as a browser would.
    func postSignIn(email: String, password: String, csrf: String? = nil, cookie: String? = nil) async throws
        -> TestResponse
    {
        let form = try await signInForm()
        let body = Self.encode(["email": email, "password": password, "csrf": csrf ?? form.csrf])
        return try await client.executeRequest(
            uri: "/admin/sign-in", method: .post,
            headers: [
                .contentType: "application/x-www-form-urlencoded",
                .cookie: "broadsheet_signin=\(cookie ?? form.cookie)",
            ],
            body: ByteBuffer(string: body))
    }

    /// Signs in (with the second step for editors and admins) and returns the session cookie's value.
    func signIn(_ member: StaffMember) async throws -> String {
        let response = try await postSignIn(email: member.email, password: Self.password)
        #expect(response.status == .seeOther)
        let session = try #require(Self.cookies(response)["broadsheet_session"])
        guard member.role.requiresSecondFactor else { return session }
        let page = try await get("/admin/second-factor", session: session)
        let csrf = String(try #require(page.html.firstMatch(of: /name="csrf" value="([^"]+)"/)).1)
        // A code works once and the clock stands still in tests: each sign-in takes the next step within the
        // tolerance (the one before, now, the one after).
        let step = Int(clock.now.timeIntervalSince1970) / 30 - 1 + nextCodeOffset(member.id)
        let code = TOTP(secret: Self.totpSecret).compute(date: Date(timeIntervalSince1970: TimeInterval(step * 30)))
        let verified = try await post(
            "/admin/second-factor", session: session, fields: ["csrf": csrf, "code": String(format: "%06d", code)])
        #expect(verified.status == .seeOther, "second step refused for \(member.email)")
        return session
    }

    /// 0, 1, 2 for a member's successive sign-ins at one moment of this run's clock.
    func nextCodeOffset(_ staffID: Int) -> Int {
        codes.next(staffID: staffID, at: clock.now)
    }

    func get(_ uri: String, session: String?) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, html: String) {
        let headers: HTTPFields = session.map { [.cookie: "broadsheet_session=\($0)"] } ?? [:]
        let response = try await client.executeRequest(uri: uri, method: .get, headers: headers, body: nil)
        return (response.status, response.headers, String(buffer: response.body))
    }

    func post(_ uri: String, session: String, fields: [String: String]) async throws -> TestResponse {
        try await post(uri, session: session, pairs: fields.map { ($0.key, $0.value) })
    }

    /// A form whose fields repeat, in order, as a browser sends them.
    func post(_ uri: String, session: String, pairs: [(String, String)]) async throws -> TestResponse {
        try await client.executeRequest(
            uri: uri, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "broadsheet_session=\(session)"],
            body: ByteBuffer(string: Self.encode(pairs)))
    }

    /// The CSRF token printed in a signed-in page's forms.
    func csrf(session: String) async throws -> String {
        let page = try await get("/admin/", session: session)
        return String(try #require(page.html.firstMatch(of: /name="csrf" value="([^"]+)"/)).1)
    }

    static func encode(_ fields: [String: String]) -> String {
        encode(fields.map { ($0.key, $0.value) })
    }

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }
}
