import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird
import HummingbirdOTP

/// The second step of sign-in: a TOTP code from an authenticator app. Editors and admins must pass it;
/// others may set it up. A code works once; wrong codes count towards the sign-in throttle.
struct SecondFactor: Sendable {
    let gate: NewsroomSite

    /// Codes from one step before or after are accepted too: phones' clocks drift.
    static let tolerance = 1
    static let timeStep = 30

    func addRoutes(to router: Router<BroadsheetRequestContext>) {
        router.get("admin/second-factor") { request, context in
            try await pending(request, context) { member, session, _ in
                try await page(member: member, session: session, message: nil, status: .ok)
            }
        }
        router.post("admin/second-factor") { request, context in
            try await pending(request, context, form: true) { member, session, form in
                try await verify(member: member, session: session, code: form["code"], context: context)
            }
        }
    }

    /// Like `NewsroomSite.signedIn`, but for a session that has not passed the second step yet.
    private func pending(
        _ request: Request, _ context: BroadsheetRequestContext, form: Bool = false,
        page: (StaffMember, StaffSession, FormFields) async throws -> Response
    ) async throws -> Response {
        guard let token = request.cookies[NewsroomSecurity.sessionCookie]?.value,
            let (session, member) = try await gate.sessions.resume(token: token, now: gate.clock())
        else { return gate.security.seeOther("/admin/sign-in") }
        guard form else { return try await page(member, session, FormFields()) }
        let fields = try await FormFields.read(from: request)
        guard NewsroomSecurity.tokensMatch(fields["csrf"], session.csrfToken) else {
            return try gate.views.forbidden(member: member, csrf: session.csrfToken, status: .forbidden)
        }
        return try await page(member, session, fields)
    }

    /// Whether this session must still pass the second step before the newsroom opens.
    static func isNeeded(member: StaffMember, session: StaffSession) -> Bool {
        !session.secondFactorDone && (member.role.requiresSecondFactor || session.accountHasSecondFactor)
    }

    private func page(member: StaffMember, session: StaffSession, message: String?, status: HTTPResponse.Status)
        async throws -> Response
    {
        var setup: NewsroomViews.SecondFactorSetup?
        if try await gate.staff.secondFactorSecret(staffID: member.id) == nil {
            // A new secret for this session, kept until a code confirms it.
            let secret = session.pendingSecret ?? Self.newSecret()
            if session.pendingSecret == nil { try await gate.sessions.setPendingSecret(token: session.token, secret: secret) }
            let url = TOTP(secret: secret).createAuthenticatorURL(
                label: member.email, issuer: gate.site.configuration.siteName)
            let key = url.split(separator: "secret=").last?.split(separator: "&").first.map(String.init) ?? ""
            setup = NewsroomViews.SecondFactorSetup(key: Self.grouped(key), url: url)
        }
        return try gate.views.secondFactor(member: member, csrf: session.csrfToken, setup: setup, message: message, status: status)
    }

    private func verify(member: StaffMember, session: StaffSession, code: String, context: BroadsheetRequestContext)
        async throws -> Response
    {
        let now = gate.clock()
        let stored = try await gate.staff.secondFactorSecret(staffID: member.id)
        guard let secret = stored ?? session.pendingSecret else {
            return try await page(member: member, session: session, message: nil, status: .ok)
        }
        if let until = try await gate.throttle.lockedUntil(email: member.email, address: context.clientAddress, now: now) {
            let strings = gate.views.strings(member.language)
            return try await page(
                member: member, session: session,
                message: "\(strings["lockedUntil"]) \(gate.views.time(until, language: member.language)).",
                status: .tooManyRequests)
        }
        let digits = code.filter(\.isNumber)
        let step = Self.matchingStep(code: digits, secret: secret, at: now)
        let fresh: Bool
        if let step {
            if stored == nil { try await gate.staff.setSecondFactor(staffID: member.id, secret: secret) }
            fresh = try await gate.staff.useSecondFactorStep(staffID: member.id, step: step)
        } else {
            fresh = false
        }
        guard fresh else {
            try await gate.throttle.record(email: member.email, address: context.clientAddress, succeeded: false, now: now)
            context.logger.notice("wrong second-factor code for \(member.email)")
            return try await page(
                member: member, session: session, message: gate.views.strings(member.language)["secondFactorWrong"],
                status: .unauthorized)
        }
        try await gate.sessions.markSecondFactorDone(token: session.token)
        try await gate.audit.record(
            stored == nil ? "set up two-step sign-in" : "passed two-step sign-in", by: member, now: now)
        return gate.security.seeOther("/admin/")
    }

    /// The time step whose code this is, within the tolerance, or nil.
    static func matchingStep(code: String, secret: String, at date: Date) -> Int? {
        guard code.count == 6, let number = Int(code) else { return nil }
        let totp = TOTP(secret: secret, timeStep: timeStep)
        let current = Int(date.timeIntervalSince1970) / timeStep
        for offset in -tolerance...tolerance {
            let step = current + offset
            if totp.compute(date: Date(timeIntervalSince1970: TimeInterval(step * timeStep))) == number { return step }
        }
        return nil
    }

    /// 20 random letters and digits: 100+ bits, and what HummingbirdOTP keys its HMAC with.
    static func newSecret() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// "ABCD EFGH ..." is easier to type from a screen.
    static func grouped(_ key: String) -> String {
        stride(from: 0, to: key.count, by: 4).map { start in
            let from = key.index(key.startIndex, offsetBy: start)
            let to = key.index(from, offsetBy: min(4, key.count - start))
            return String(key[from..<to])
        }.joined(separator: " ")
    }
}
