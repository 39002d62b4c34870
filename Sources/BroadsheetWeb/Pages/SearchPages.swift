import BroadsheetDomain
import BroadsheetStorage
import Foundation

/// Builds search results pages, through a cache of their own when it is on.
///
/// On a breaking-news day thousands of readers type the same name: the first search of it asks the database,
/// the others get the page it made, until anything live in the edition changes (every publish, edit, unpublish
/// or delete announces the edition's `.latest`). The cache is apart from the page cache, with its own budget,
/// because readers can ask for endless different searches and those must never push the articles out.
struct SearchPages: Sendable {
    let site: SiteContext
    let queries: PublicQueries
    let search: SearchQueries
    let progress: SearchIndexProgress
    let frames: FrameSource
    let caching: PublicCaching
    let cache: PageCache?
    let metrics: SiteMetrics
    let clock: @Sendable () -> Date

    /// The cache's name for a search: the form as its canonical address (parameters in one order, empty ones
    /// left out, the page number only past the first), so that the same search typed alike shares one entry.
    static func name(of form: SearchForm, in edition: Edition) -> String { "search " + form.path(edition) }

    /// Searches and renders, once however many readers ask for the same search at the same time.
    /// Without the cache the page is gzipped only for a reader who takes it so.
    func page(_ form: SearchForm, edition: Edition, acceptsGzip: Bool) async throws -> CachedPage {
        guard let cache else { return try await build(form, edition: edition, compress: acceptsGzip).page }
        let name = Self.name(of: form, in: edition)
        return try await cache.coalesced(name) {
            let epoch = cache.renderStarts()
            let (page, keep) = try await build(form, edition: edition, compress: true)
            if keep { cache.store(name, .page(page), renderedFrom: epoch) }
            return page
        }
    }

    /// The page, and whether it may be kept: not while the index is still being filled after an upgrade, since
    /// the results then change with no announcement.
    private func build(_ form: SearchForm, edition: Edition, compress: Bool) async throws -> (page: CachedPage, keep: Bool) {
        let frame = try await frames.frame(site: site, edition: edition, now: clock())
        let catchingUp = progress.isCatchingUp
        let model = try await SearchPage.model(
            form: form, frame: frame, queries: queries, search: search, indexIsCatchingUp: catchingUp)
        metrics.rendered(.search)
        let page = CachedPage(
            type: .search, body: SearchView.html(model).bytes, contentType: "text/html; charset=utf-8",
            cacheControl: caching.policy(for: .search).header, keys: model.shows, validUntil: frame.validUntil,
            compress: compress)
        return (page, !catchingUp)
    }
}
