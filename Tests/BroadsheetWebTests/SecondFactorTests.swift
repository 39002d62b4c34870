import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdOTP
import HummingbirdTesting
import SQLKit
import Testing

@Suite("Two-step sign-in")
struct SecondFactorTests {
    static func code(_ secret: String, at date: Date) -> String {
        String(format: "%06d", TOTP(secret: secret).compute(date: date))
    }

    static func secondStep(_ harness: NewsroomHarness, session: String, code: String) async throws -> TestResponse {
        let page = try await harness.get("/admin/second-factor", session: session)
        let csrf = String(try #require(page.html.firstMatch(of: /name="csrf" value="([^"]+)"/)).1)
        return try await harness.post("/admin/second-factor", session: session, fields: ["csrf": csrf, "code": code])
    }

    @Test("an editor's password alone opens nothing: every newsroom page sends to the second step")
    func editorNeedsSecondStep() async throws {
        try await NewsroomHarness.run { harness in
            let response = try await harness.postSignIn(email: harness.editor.email, password: NewsroomHarness.password)
            let session = try #require(NewsroomHarness.cookies(response)["broadsheet_session"])
            for path in ["/admin/", "/admin/articles", "/admin/photos"] {
                let page = try await harness.get(path, session: session)
                #expect(page.status == .seeOther, "\(path)")
                #expect(page.headers[.location] == "/admin/second-factor")
            }
            let wrong = try await Self.secondStep(harness, session: session, code: "000000")
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("That code is not right, or it was used already."))
            let right = try await Self.secondStep(
                harness, session: session, code: Self.code(NewsroomHarness.totpSecret, at: harness.clock.now))
            #expect(right.status == .seeOther)
            #expect(try await harness.get("/admin/", session: session).status == .ok)
        }
    }

    @Test("a code works once: the same code in a second session is refused")
    func noReplay() async throws {
        try await NewsroomHarness.run { harness in
            let code = Self.code(NewsroomHarness.totpSecret, at: harness.clock.now)
            for expected in [HTTPResponse.Status.seeOther, .unauthorized] {
                let response = try await harness.postSignIn(email: harness.admin.email, password: NewsroomHarness.password)
                let session = try #require(NewsroomHarness.cookies(response)["broadsheet_session"])
                #expect(try await Self.secondStep(harness, session: session, code: code).status == expected)
            }
        }
    }

    @Test("an editor without a second factor sets one up: the key is shown, and the first right code turns it on")
    func setUp() async throws {
        try await NewsroomHarness.run { harness in
            let staff = StaffStore(database: harness.database)
            try await staff.setSecondFactor(staffID: harness.editor.id, secret: nil)
            let response = try await harness.postSignIn(email: harness.editor.email, password: NewsroomHarness.password)
            let session = try #require(NewsroomHarness.cookies(response)["broadsheet_session"])
            let page = try await harness.get("/admin/second-factor", session: session)
            #expect(page.html.contains("Set up two-step sign-in"))
            #expect(page.html.contains("otpauth://totp/"))
            let pending = try await harness.database.sql.select().column("pending_totp_secret").from("staff_sessions")
                .where("token", .equal, SQLBind(session)).first(decodingColumn: "pending_totp_secret", as: String.self)
            let secret = try #require(pending)
            let done = try await Self.secondStep(harness, session: session, code: Self.code(secret, at: harness.clock.now))
            #expect(done.status == .seeOther)
            #expect(try await staff.secondFactorSecret(staffID: harness.editor.id) == secret)
            #expect(try await harness.get("/admin/", session: session).status == .ok)
        }
    }

    @Test("contributors and authors are not asked for a second step")
    func writersAreNotAsked() async throws {
        try await NewsroomHarness.run { harness in
            for member in [harness.contributor, harness.author] {
                let response = try await harness.postSignIn(email: member.email, password: NewsroomHarness.password)
                let session = try #require(NewsroomHarness.cookies(response)["broadsheet_session"])
                #expect(try await harness.get("/admin/", session: session).status == .ok)
            }
        }
    }
}
