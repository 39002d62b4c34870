import BroadsheetDomain
import BroadsheetStorage
import Foundation

/// What a public page request comes to.
enum PageOutcome {
    case html(String)
    /// 301 to a page's current address.
    case moved(to: String)
    /// 404 in the edition's language.
    case notFound(Edition)
    /// 410: the article was unpublished.
    case gone(Edition)
}

/// What every page of an edition loads besides its own content: the menu and the support call.
struct PageFrame {
    let edition: EditionContext
    let builder: ChromeBuilder
    let settings: NewsroomSettings
    let now: Date

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
                support: newsroom.supportCalls[edition.code], banner: try await banner),
            settings: newsroom, now: now)
    }
}
