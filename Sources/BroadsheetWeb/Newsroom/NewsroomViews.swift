import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird

/// The newsroom's pages as typed models rendered by the templates in Resources/Templates/newsroom.
struct NewsroomViews: Sendable {
    let site: SiteContext
    let security: NewsroomSecurity
    /// The newsroom speaks these languages (each has Resources/Strings/newsroom/<code>.json).
    let languages: [String: UIStrings]
    static let languageNames = ["uk": "Українська", "en": "English"]
    static let defaultLanguage = "uk"

    init(site: SiteContext, security: NewsroomSecurity) throws {
        self.site = site
        self.security = security
        var languages: [String: UIStrings] = [:]
        for code in Self.languageNames.keys { languages[code] = try UIStrings.load(language: code, set: "newsroom") }
        self.languages = languages
    }

    func language(query: String?) -> String {
        query.flatMap { languages[$0] != nil ? $0 : nil } ?? Self.defaultLanguage
    }

    func strings(_ language: String) -> UIStrings { languages[language] ?? languages[Self.defaultLanguage]! }

    func time(_ date: Date, language: String) -> String {
        EditionCalendar(localeIdentifier: language == "en" ? "en_GB" : "uk_UA", timeZone: site.configuration.timeZone)
            .dayAndTime(date)
    }

    // MARK: Models

    struct StaffBar {
        let name: String
        let roleName: String
        let csrf: String
        let isAdmin: Bool
        let mayTags: Bool
        let mayAuthors: Bool
    }

    struct Layout {
        let lang: String
        let title: String
        let stylesheet: String
        let siteName: String
        let t: [String: String]
        let staff: StaffBar?
    }

    func layout(title: String, language: String, member: StaffMember?, csrf: String?) -> Layout {
        let strings = strings(language)
        return Layout(
            lang: language, title: title, stylesheet: site.stylesheet.path, siteName: site.configuration.siteName,
            t: strings.values,
            staff: member.map {
                StaffBar(
                    name: $0.name, roleName: strings["role_\($0.role.rawValue)"], csrf: csrf ?? "",
                    isAdmin: Permissions.allows($0.role, .readAuditLog), mayTags: Permissions.allows($0.role, .manageTags),
                    mayAuthors: Permissions.allows($0.role, .manageAuthors))
            })
    }

    /// A newsroom page: the layout's fields, and the page's own model as `content` (templates open it with
    /// `{{#content}}`, so the layout's fields stay reachable inside).
    struct Page<Content> {
        let lang: String
        let title: String
        let stylesheet: String
        let siteName: String
        let t: [String: String]
        let staff: StaffBar?
        let content: Content
    }

    func page<Content>(_ content: Content, template: String, layout: Layout, status: HTTPResponse.Status = .ok) throws
        -> Response
    {
        let model = Page(
            lang: layout.lang, title: layout.title, stylesheet: layout.stylesheet, siteName: layout.siteName,
            t: layout.t, staff: layout.staff, content: content)
        return security.page(try site.renderer.render(model, template: template), status: status)
    }

    /// A choice in one of the newsroom's select lists.
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    /// Links to the newer and older pages of a list.
    struct Pagination {
        let page: Int
        let newerPath: String?
        let olderPath: String?
    }

    struct LanguageLink {
        let code: String
        let name: String
    }

    struct SignInPage {
        let title: String
        let csrf: String
        let message: String?
        let email: String
        let next: String?
        let languageQuery: String?
        let languages: [LanguageLink]
    }

    func signIn(language: String, csrf: String, message: String?, email: String, next: String?, status: HTTPResponse.Status)
        throws -> Response
    {
        let base = layout(title: strings(language)["signIn"], language: language, member: nil, csrf: nil)
        let model = SignInPage(
            title: base.title, csrf: csrf, message: message, email: email, next: next,
            languageQuery: language == Self.defaultLanguage ? nil : language,
            languages: Self.languageNames.sorted { $0.key > $1.key }.map { LanguageLink(code: $0.key, name: $0.value) })
        return try page(model, template: "newsroom/sign-in", layout: base, status: status)
    }

    struct DeskLine {
        let edition: String
        let headline: String
        let publicPath: String?
        let status: String
        let when: String?
        let datetime: String
        let missing: String?
    }

    struct DeskList {
        let id: String
        let title: String
        let count: Int
        let hasItems: Bool
        let items: [DeskLine]
    }

    struct DashboardLists {
        let myDrafts: [DeskItem]
        let inReview: [DeskItem]
        let scheduled: [DeskItem]
        let publishedToday: [DeskItem]
        let lackingTranslation: [DeskItem]
    }

    struct DashboardPage {
        let title: String
        let lists: [DeskList]
    }

    func dashboard(member: StaffMember, csrf: String, lists: DashboardLists) throws -> Response {
        let language = member.language
        let strings = strings(language)
        let base = layout(title: strings["dashboard"], language: language, member: member, csrf: csrf)
        func list(_ id: String, _ titleKey: String, _ items: [DeskItem]) -> DeskList {
            DeskList(
                id: id, title: strings[titleKey], count: items.count, hasItems: !items.isEmpty,
                items: items.map { line($0, strings: strings, language: language) })
        }
        let model = DashboardPage(
            title: base.title, lists: [
                list("my-drafts", "myDrafts", lists.myDrafts),
                list("in-review", "waitingForReview", lists.inReview),
                list("scheduled", "scheduled", lists.scheduled),
                list("published-today", "publishedToday", lists.publishedToday),
                list("lacking-translation", "lackingTranslation", lists.lackingTranslation),
            ])
        return try page(model, template: "newsroom/dashboard", layout: base)
    }

    private func line(_ item: DeskItem, strings: UIStrings, language: String) -> DeskLine {
        let edition = site.edition(code: item.edition)
        let live = item.status == .published
        return DeskLine(
            edition: item.edition, headline: item.headline,
            publicPath: live ? edition.flatMap { e in item.day.map { SitePath.article(e, $0, slug: item.slug).path } } : nil,
            status: strings["status_\(item.status.rawValue)"],
            when: item.publishedAt.map { time($0, language: language) },
            datetime: item.publishedAt.map(ISO8601.string) ?? "",
            missing: item.missingEditions.isEmpty ? nil : item.missingEditions.joined(separator: ", "))
    }

    struct MessagePage {
        let title: String
        let csrf: String
        let message: String?
        var languages: [LanguageChoice] = []
    }

    struct LanguageChoice {
        let code: String
        let name: String
        let selected: Bool
    }

    func password(member: StaffMember, csrf: String, message: String?, status: HTTPResponse.Status = .ok) throws
        -> Response
    {
        let base = layout(
            title: strings(member.language)["changePassword"], language: member.language, member: member, csrf: csrf)
        let model = MessagePage(
            title: base.title, csrf: csrf, message: message,
            languages: Self.languageNames.sorted { $0.key > $1.key }.map {
                LanguageChoice(code: $0.key, name: $0.value, selected: $0.key == member.language)
            })
        return try page(model, template: "newsroom/password", layout: base, status: status)
    }

    struct SecondFactorSetup {
        let key: String
        let url: String
    }

    struct SecondFactorPage {
        let title: String
        let csrf: String
        let setup: SecondFactorSetup?
        let message: String?
    }

    func secondFactor(
        member: StaffMember, csrf: String, setup: SecondFactorSetup?, message: String?, status: HTTPResponse.Status
    ) throws -> Response {
        let strings = strings(member.language)
        let title = setup == nil ? strings["secondFactor"] : strings["secondFactorSetup"]
        let base = layout(title: title, language: member.language, member: nil, csrf: nil)
        let model = SecondFactorPage(
            title: title, csrf: csrf, setup: setup, message: message)
        return try page(model, template: "newsroom/second-factor", layout: base, status: status)
    }

    func forbidden(member: StaffMember, csrf: String, message: String? = nil, status: HTTPResponse.Status = .forbidden)
        throws -> Response
    {
        let base = layout(
            title: strings(member.language)["forbidden"], language: member.language, member: member, csrf: csrf)
        let model = MessagePage(
            title: base.title, csrf: csrf, message: message)
        return try page(model, template: "newsroom/forbidden", layout: base, status: status)
    }
}
