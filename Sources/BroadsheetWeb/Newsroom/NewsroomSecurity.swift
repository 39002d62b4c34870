import BroadsheetStorage
import Foundation
import HTTPTypes
import Hummingbird

/// Headers, cookies and form checks that every newsroom page shares.
struct NewsroomSecurity: Sendable {
    static let sessionCookie = "broadsheet_session"
    /// The sign-in form's token travels in this cookie and in the form: before there is a session,
    /// a cross-site form cannot read it to copy it.
    static let signInCookie = "broadsheet_signin"

    /// Set when the public base URL is https: cookies then only travel over TLS.
    let secureCookies: Bool

    static let headers: HTTPFields = [
        .cacheControl: "no-store",
        .contentType: "text/html; charset=utf-8",
        HTTPField.Name("Content-Security-Policy")!:
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        HTTPField.Name("X-Frame-Options")!: "DENY",
        HTTPField.Name("Referrer-Policy")!: "same-origin",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
    ]

    func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: Self.headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// 303: after a form, or to the sign-in page.
    func seeOther(_ location: String) -> Response {
        var headers = Self.headers
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    func cookie(_ name: String, value: String, maxAge: Int?) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: "/admin", secure: secureCookies, httpOnly: true,
            sameSite: .lax)
    }

    /// Compares without an early exit, so that timing says nothing about how much of a token matched.
    static func tokensMatch(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
