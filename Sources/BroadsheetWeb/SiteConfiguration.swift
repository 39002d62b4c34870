import BroadsheetDomain
import Foundation

/// What the public site needs to know about where and how it is served; read once at start-up.
public struct SiteConfiguration: Sendable {
    /// The paper's name in the masthead and titles.
    public var siteName: String
    /// The public base URL, without a trailing slash ("https://news.example.com"); absolute links start with it.
    public var publicBaseURL: String
    public var editions: Editions
    /// The newsroom's time zone: dates on pages and the day in article URLs.
    public var timeZone: TimeZone
    /// The folder of the photo store.
    public var photoDirectory: String
    /// Headlines per page on section, tag, author and All news pages.
    public var pageSize: Int
    /// A newsroom session unused for this long ends.
    public var sessionIdleTimeout: TimeInterval
    /// bcrypt's cost for staff passwords.
    public var passwordCost: UInt8
    /// The largest photo upload accepted.
    public var maxUploadBytes: Int

    public init(
        siteName: String = "Broadsheet", publicBaseURL: String, editions: Editions = .standard,
        timeZone: TimeZone = TimeZone(identifier: "Europe/Kyiv")!, photoDirectory: String, pageSize: Int = 20,
        sessionIdleTimeout: TimeInterval = 12 * 3600, passwordCost: UInt8 = 11, maxUploadBytes: Int = 10 * 1_048_576
    ) {
        self.siteName = siteName
        self.publicBaseURL = publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL
        self.editions = editions
        self.timeZone = timeZone
        self.photoDirectory = photoDirectory
        self.pageSize = pageSize
        self.sessionIdleTimeout = sessionIdleTimeout
        self.passwordCost = passwordCost
        self.maxUploadBytes = maxUploadBytes
    }

    /// Cookies are marked Secure when the site is served over https.
    var isHTTPS: Bool { publicBaseURL.lowercased().hasPrefix("https://") }

    func absoluteURL(_ path: String) -> String { publicBaseURL + path }
}
