import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird
import Logging

/// The newsroom at /admin: sign-in, sign-out, the dashboard and one's password. Every page but sign-in
/// needs a session; every form that changes something carries the session's CSRF token.
struct NewsroomSite: Sendable {
    let site: SiteContext
    let staff: StaffStore
    let sessions: SessionStore
    let throttle: SignInThrottle
    let audit: AuditLog
    let desk: DeskQueries
    let passwords: Passwords
    let security: NewsroomSecurity
    let views: NewsroomViews
    let clock: @Sendable () -> Date

    func addRoutes(to router: Router<BroadsheetRequestContext>) {
        let admin = router.group("admin")
        admin.get("sign-in") { request, _ in try await self.signInForm(request: request, message: nil, email: "") }
        admin.post("sign-in") { request, context in try await self.signIn(request: request, context: context) }
        admin.post("sign-out") { request, context in try await self.signOut(request: request, context: context) }
        admin.get("/") { request, context in
            try await self.signedIn(request, context, may: .viewNewsroom) { member, session, _ in
                try await self.dashboard(member: member, session: session)
            }
        }
        admin.get("password") { request, context in
            try await self.signedIn(request, context, may: .viewNewsroom) { member, session, _ in
                try views.password(member: member, csrf: session.csrfToken, message: nil)
            }
        }
        admin.post("language") { request, context in
            try await self.signedIn(request, context, may: .viewNewsroom, form: true) { member, _, form in
                if views.languages[form["language"]] != nil {
                    try await staff.setLanguage(staffID: member.id, language: form["language"])
                }
                return security.seeOther("/admin/password")
            }
        }
        admin.post("password") { request, context in
            try await self.signedIn(request, context, may: .viewNewsroom, form: true) { member, session, form in
                try await self.changePassword(form: form, member: member, session: session)
            }
        }
    }

    // MARK: The gate

    /// Runs `page` for a live session whose role allows `action`: 303 to sign-in without one, 403 without the role.
    /// With `form`, the request's CSRF token must match the session's, or nothing happens.
    func signedIn(
        _ request: Request, _ context: BroadsheetRequestContext, may action: NewsroomAction, form: Bool = false,
        page: (StaffMember, StaffSession, FormFields) async throws -> Response
    ) async throws -> Response {
        guard let token = request.cookies[NewsroomSecurity.sessionCookie]?.value,
            let (session, member) = try await sessions.resume(token: token, now: clock())
        else {
            return security.seeOther("/admin/sign-in?next=\(Self.encoded(request.uri.path))")
        }
        if SecondFactor.isNeeded(member: member, session: session) {
            return security.seeOther("/admin/second-factor")
        }
        guard Permissions.allows(member.role, action) else {
            return try views.forbidden(member: member, csrf: session.csrfToken)
        }
        guard form else { return try await page(member, session, FormFields()) }
        let fields = try await FormFields.read(from: request)
        guard NewsroomSecurity.tokensMatch(fields["csrf"], session.csrfToken) else {
            context.logger.notice("newsroom form without a valid CSRF token refused for \(member.email)")
            return try views.forbidden(member: member, csrf: session.csrfToken, status: .forbidden)
        }
        return try await page(member, session, fields)
    }

    // MARK: Sign-in and sign-out

    func signInForm(request: Request, message: String?, email: String, status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let language = views.language(query: request.uri.queryParameters["lang"].map(String.init))
        let csrf = request.cookies[NewsroomSecurity.signInCookie]?.value ?? RandomToken.make()
        let next = request.uri.queryParameters["next"].map(String.init).flatMap(Self.safeNext)
        var response = try views.signIn(
            language: language, csrf: csrf, message: message, email: email, next: next, status: status)
        response.setCookie(security.cookie(NewsroomSecurity.signInCookie, value: csrf, maxAge: 3600))
        return response
    }

    func signIn(request: Request, context: BroadsheetRequestContext) async throws -> Response {
        let language = views.language(query: request.uri.queryParameters["lang"].map(String.init))
        let strings = views.strings(language)
        let form = try await FormFields.read(from: request)
        let email = StaffMember.normalise(email: form["email"])
        guard let cookie = request.cookies[NewsroomSecurity.signInCookie]?.value,
            NewsroomSecurity.tokensMatch(form["csrf"], cookie)
        else {
            return try await signInForm(request: request, message: strings["formExpired"], email: email, status: .forbidden)
        }
        let now = clock()
        let address = context.clientAddress
        if let until = try await throttle.lockedUntil(email: email, address: address, now: now) {
            context.logger.notice("sign-in refused while locked: \(email) from \(address)")
            let time = views.time(until, language: language)
            return try await signInForm(
                request: request, message: "\(strings["lockedUntil"]) \(time).", email: email, status: .tooManyRequests)
        }
        let account = try await staff.find(email: email)
        // Verify against a decoy when there is no such account: the answer takes as long either way.
        let verified = try await passwords.verify(form["password"], hash: account?.passwordHash ?? passwords.decoyHash)
        guard let account, verified, !account.member.disabled else {
            try await throttle.record(email: email, address: address, succeeded: false, now: now)
            context.logger.notice("failed sign-in for \(email) from \(address)")
            return try await signInForm(
                request: request, message: strings["wrongCredentials"], email: email, status: .unauthorized)
        }
        try await throttle.record(email: email, address: address, succeeded: true, now: now)
        let session = try await sessions.create(staffID: account.member.id, now: now)
        try await audit.record("signed in", by: account.member, detail: address, now: now)
        context.logger.info("\(email) signed in")
        var response = security.seeOther(Self.safeNext(form["next"]) ?? "/admin/")
        response.setCookie(security.cookie(NewsroomSecurity.sessionCookie, value: session.token, maxAge: nil))
        response.setCookie(security.cookie(NewsroomSecurity.signInCookie, value: "", maxAge: 0))
        return response
    }

    func signOut(request: Request, context: BroadsheetRequestContext) async throws -> Response {
        try await signedIn(request, context, may: .viewNewsroom, form: true) { member, session, _ in
            try await sessions.end(token: session.token)
            try await audit.record("signed out", by: member, now: clock())
            var response = security.seeOther("/admin/sign-in")
            response.setCookie(security.cookie(NewsroomSecurity.sessionCookie, value: "", maxAge: 0))
            return response
        }
    }

    /// Only paths inside the newsroom: never an open redirect to another site.
    static func safeNext(_ path: String) -> String? {
        path.hasPrefix("/admin/") && !path.hasPrefix("//") && !path.contains("\\") && !path.hasPrefix("/admin/sign-")
            ? path : nil
    }

    static func encoded(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/admin/"
    }

    // MARK: Pages

    func dashboard(member: StaffMember, session: StaffSession) async throws -> Response {
        let now = clock()
        let calendar = EditionCalendar(localeIdentifier: "uk_UA", timeZone: site.configuration.timeZone)
        let today = calendar.startOfDay(calendar.localDay(now))
        let editions = site.configuration.editions.all.map(\.code)
        let lists = NewsroomViews.DashboardLists(
            myDrafts: try await desk.drafts(of: member.id),
            inReview: try await desk.inStatus(.inReview, oldestFirst: true),
            scheduled: try await desk.inStatus(.scheduled, oldestFirst: true),
            publishedToday: try await desk.published(since: today, until: now),
            lackingTranslation: try await desk.lackingTranslation(
                editions: editions, since: now.addingTimeInterval(-7 * 86_400)))
        return try views.dashboard(member: member, csrf: session.csrfToken, lists: lists)
    }

    func changePassword(form: FormFields, member: StaffMember, session: StaffSession) async throws -> Response {
        let strings = views.strings(member.language)
        let new = form["new"]
        let message: String
        var status = HTTPResponse.Status.badRequest
        if let account = try await staff.find(id: member.id),
            !(try await passwords.verify(form["current"], hash: account.passwordHash))
        {
            message = strings["passwordWrong"]
        } else if new != form["repeat"] {
            message = strings["passwordsDiffer"]
        } else if new.utf8.count < PasswordRule.minimumLength {
            message = strings["passwordTooShort"]
        } else if new.utf8.count > PasswordRule.maximumLength {
            message = strings["passwordTooLong"]
        } else {
            try await staff.setPassword(staffID: member.id, hash: try await passwords.hash(new))
            try await audit.record("changed password", by: member, now: clock())
            message = strings["passwordChanged"]
            status = .ok
        }
        return try views.password(member: member, csrf: session.csrfToken, message: message, status: status)
    }
}
