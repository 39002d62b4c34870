import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Newsroom sign-in and sessions")
struct SignInTests {
    @Test("newsroom pages without a session answer 303 to the sign-in page, keeping where they were going")
    func gate() async throws {
        try await NewsroomHarness.run { harness in
            for path in ["/admin/", "/admin/password"] {
                let response = try await harness.client.executeRequest(uri: path, method: .get, headers: [:], body: nil)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers[.location] == "/admin/sign-in?next=\(path)")
            }
            let forged = try await harness.get("/admin/", session: "not-a-real-session-token-at-all-000000000000")
            #expect(forged.status == .seeOther)
        }
    }

    @Test("the right password opens a session: an HttpOnly, SameSite=Lax, Secure cookie and the dashboard")
    func signInWorks() async throws {
        try await NewsroomHarness.run { harness in
            let response = try await harness.postSignIn(email: "  Stringer@Example.org ", password: NewsroomHarness.password)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/admin/")
            let setCookie = response.headers[values: .setCookie].first { $0.hasPrefix("broadsheet_session=") } ?? ""
            for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/admin"] {
                #expect(setCookie.contains(attribute), "\(attribute) missing from \(setCookie)")
            }
            let session = try #require(NewsroomHarness.cookies(response)["broadsheet_session"])
            let dashboard = try await harness.get("/admin/", session: session)
            #expect(dashboard.status == .ok)
            expectInOrder(dashboard.html, ["<html lang=\"en\">", "Ola Stringer", "contributor", "Dashboard", "My drafts",
                                           "Waiting for review", "Scheduled", "Published today"])
            #expect(dashboard.headers[.cacheControl] == "no-store")
            let policy = dashboard.headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
            #expect(policy.contains("frame-ancestors 'none'"))
            let log = try await AuditLog(database: harness.database).recent(limit: 5)
            #expect(log.first?.action == "signed in" && log.first?.staffName == "Ola Stringer")
        }
    }

    @Test("a wrong password and an unknown account get the same refusal, and no session")
    func wrongCredentials() async throws {
        try await NewsroomHarness.run { harness in
            for (email, password) in [("editor@example.org", "wrong password!!"), ("nobody@example.org", "whatever12345")] {
                let response = try await harness.postSignIn(email: email, password: password)
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("Неправильна електронна пошта або пароль."))
                #expect(NewsroomHarness.cookies(response)["broadsheet_session"] == nil)
            }
        }
    }

    @Test("a sign-in form without its matching token is refused and opens no session")
    func signInCSRF() async throws {
        try await NewsroomHarness.run { harness in
            let wrongToken = try await harness.postSignIn(
                email: "editor@example.org", password: NewsroomHarness.password, csrf: "forged")
            #expect(wrongToken.status == .forbidden)
            #expect(NewsroomHarness.cookies(wrongToken)["broadsheet_session"] == nil)
            let wrongCookie = try await harness.postSignIn(
                email: "editor@example.org", password: NewsroomHarness.password, cookie: "other")
            #expect(wrongCookie.status == .forbidden)
        }
    }

    @Test("after 5 failures for one account sign-in is refused for 15 minutes, even with the right password")
    func throttlePerAccount() async throws {
        try await NewsroomHarness.run { harness in
            for _ in 0..<5 {
                let response = try await harness.postSignIn(email: "author@example.org", password: "guess guess guess")
                #expect(response.status == .unauthorized)
            }
            let locked = try await harness.postSignIn(email: "author@example.org", password: NewsroomHarness.password)
            #expect(locked.status == .tooManyRequests)
            // Kyiv is UTC+3 in July: the fixture's 12:00 UTC is 15:00, so the lock lasts until 15:15.
            #expect(String(buffer: locked.body).contains("Вхід призупинено до 1 липня, 15:15"))
            let other = try await harness.postSignIn(email: "editor@example.org", password: NewsroomHarness.password)
            #expect(other.status == .seeOther)
            harness.clock.advance(15 * 60 + 1)
            let later = try await harness.postSignIn(email: "author@example.org", password: NewsroomHarness.password)
            #expect(later.status == .seeOther)
        }
    }

    @Test("after 20 failures from one address every account is refused from there")
    func throttlePerAddress() async throws {
        try await NewsroomHarness.run { harness in
            for index in 0..<20 {
                _ = try await harness.postSignIn(email: "probe\(index)@example.org", password: "guess guess guess")
            }
            let locked = try await harness.postSignIn(email: "editor@example.org", password: NewsroomHarness.password)
            #expect(locked.status == .tooManyRequests)
        }
    }

    @Test("sign-out needs the session's CSRF token; then the session is over")
    func signOut() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.editor)
            let forged = try await harness.post("/admin/sign-out", session: session, fields: ["csrf": "forged"])
            #expect(forged.status == .forbidden)
            #expect(try await harness.get("/admin/", session: session).status == .ok)
            let csrf = try await harness.csrf(session: session)
            let done = try await harness.post("/admin/sign-out", session: session, fields: ["csrf": csrf])
            #expect(done.status == .seeOther)
            #expect(try await harness.get("/admin/", session: session).status == .seeOther)
        }
    }

    @Test("sessions end after the idle time, and at once when the account is disabled")
    func sessionEnds() async throws {
        try await NewsroomHarness.run { harness in
            let idle = try await harness.signIn(harness.editor)
            harness.clock.advance(3000)
            #expect(try await harness.get("/admin/", session: idle).status == .ok)
            harness.clock.advance(3000)  // used 50 minutes ago: still inside the hour
            #expect(try await harness.get("/admin/", session: idle).status == .ok)
            harness.clock.advance(3601)
            #expect(try await harness.get("/admin/", session: idle).status == .seeOther)

            let session = try await harness.signIn(harness.author)
            #expect(try await harness.get("/admin/", session: session).status == .ok)
            _ = try await StaffStore(database: harness.database).setDisabled(email: harness.author.email, true)
            #expect(try await harness.get("/admin/", session: session).status == .seeOther)
            let again = try await harness.postSignIn(email: harness.author.email, password: NewsroomHarness.password)
            #expect(again.status == .unauthorized)
        }
    }

    @Test("changing one's password checks the current one, the repeat and the length")
    func changePassword() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.contributor)
            let csrf = try await harness.csrf(session: session)
            let cases: [([String: String], HTTPResponse.Status, String)] = [
                (["current": "wrong", "new": "new password 123", "repeat": "new password 123"], .badRequest,
                 "The current password is wrong."),
                (["current": NewsroomHarness.password, "new": "new password 123", "repeat": "other password 1"],
                 .badRequest, "The two new passwords differ."),
                (["current": NewsroomHarness.password, "new": "short", "repeat": "short"], .badRequest,
                 "A password needs at least 12 characters."),
                (["current": NewsroomHarness.password, "new": "new password 123", "repeat": "new password 123"], .ok,
                 "Your password has been changed."),
            ]
            for (fields, status, message) in cases {
                var fields = fields
                fields["csrf"] = csrf
                let response = try await harness.post("/admin/password", session: session, fields: fields)
                #expect(response.status == status)
                #expect(String(buffer: response.body).contains(message), "\(message)")
            }
            let old = try await harness.postSignIn(email: harness.contributor.email, password: NewsroomHarness.password)
            #expect(old.status == .unauthorized)
            let new = try await harness.postSignIn(email: harness.contributor.email, password: "new password 123")
            #expect(new.status == .seeOther)
        }
    }

    @Test("a password form without the CSRF token changes nothing")
    func passwordCSRF() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.contributor)
            let response = try await harness.post(
                "/admin/password", session: session,
                fields: ["current": NewsroomHarness.password, "new": "new password 123", "repeat": "new password 123"])
            #expect(response.status == .forbidden)
            let old = try await harness.postSignIn(email: harness.contributor.email, password: NewsroomHarness.password)
            #expect(old.status == .seeOther)
        }
    }
}
