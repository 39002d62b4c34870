import BroadsheetDomain
import BroadsheetStorage
import Foundation

/// What every page of an edition loads besides its own content: the menu, the support call and the footer.
struct PageFrame {
    let edition: EditionContext
    let builder: ChromeBuilder
    let settings: NewsroomSettings
    let now: Date

    /// What every page of the edition shows: the menu, the banner, the support call and the footer (settings).
    var keys: Set<SurrogateKey> {
        [.sections(edition.edition.code), .banner(edition.edition.code), .settings]
    }

    /// When pages of the edition change by the clock alone: at midnight ("19:53" becomes "30 June, 19:53" in
    /// headline lists) and when the banner's time is up.
    var validUntil: Date {
        let midnight = edition.calendar.nextMidnight(after: now)
        return builder.banner.map { min($0.until, midnight) } ?? midnight
    }

    static func load(site: SiteContext, edition: Edition, queries: PublicQueries, settings: SettingsStore, now: Date)
        async throws -> PageFrame
    {
        let context = site.context(for: edition)
        async let sections = queries.sections(edition: edition.code)
        async let loaded = settings.load()
        async let banner = queries.banner(edition: edition.code, now: now)
        let newsroom = try await loaded
        return PageFrame(
            edition: context,
            builder: ChromeBuilder(
                site: site, edition: context, sections: try await sections,
                support: newsroom.supportCalls[edition.code], banner: try await banner,
                footer: newsroom.footers[edition.code]),
            settings: newsroom, now: now)
    }
}
