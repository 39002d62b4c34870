import BroadsheetDomain
import BroadsheetStorage
import Foundation

/// An edition's search page: the form, then the published articles that match, best first, each with a snippet
/// of its text around the words found. Without words it shows the form alone; a query that cannot be searched
/// gets a message that says why, on the same page.
enum SearchPage {
    struct Model {
        struct Option {
            let value: String
            let name: String
            let selected: Bool
        }
        struct Result {
            let headline: SearchSnippet
            let path: String
            let label: String?
            let breaking: Bool
            let time: String
            let datetime: String
            let snippet: SearchSnippet?
        }
        struct ActiveTag {
            let name: String
            let removePath: String
        }
        let chrome: Chrome
        let form: SearchForm
        let sections: [Option]
        let kinds: [Option]
        let tag: ActiveTag?
        /// What the reader should know about their query: it could not be searched, a filter was not understood.
        let notices: [String]
        /// "Found: 12"; nil when nothing was searched.
        let found: String?
        let results: [Result]
        /// Searched and found nothing: the empty state, with the way out.
        let nothingFound: Bool
        /// The same words without the filters, when filters are set.
        let withoutFilters: String?
        let pagination: Pagination?
        /// What the page shows, for the search cache and the Surrogate-Key header: any change to a live article of
        /// the edition may change what matches, so the edition's newest (announced with every such change).
        let shows: Set<SurrogateKey>
    }

    struct Pagination {
        let page: Int
        let pages: Int
        let newerPath: String?
        let olderPath: String?
    }

    static let perPage = 10
    /// Only the newest thousand matches are ranked (`SearchQueries.candidateLimit`): a reader refines the
    /// search long before the hundredth page.
    static let deepest = SearchQueries.candidateLimit

    /// - Parameter indexIsCatchingUp: the index is still being filled after an upgrade: older articles may be
    ///   missing, and the page says so.
    static func model(
        form: SearchForm, frame: PageFrame, queries: PublicQueries, search: SearchQueries,
        indexIsCatchingUp: Bool = false
    ) async throws -> Model {
        let edition = frame.edition
        let strings = edition.strings
        let code = edition.edition.code
        var notices: [String] = []
        var filter = SearchFilter()
        var form = form

        // The frame has the edition's sections already (its menu).
        let section = form.section.flatMap { slug in frame.builder.sections.first { $0.slug == slug } }
        if form.section != nil, section == nil {
            notices.append(strings["searchUnknownSection"])
            form.section = nil
        }
        filter.sectionID = section?.id
        let tag = try await Self.tag(form.tag, edition: edition.edition, queries: queries)
        if form.tag != nil, tag == nil { notices.append(strings["searchUnknownTag"]) }
        filter.tagID = tag?.id
        form.tag = tag?.slug
        filter.kind = form.kind.flatMap(ArticleKind.init(rawValue:))
        if form.kind != nil, filter.kind == nil { form.kind = nil }
        var days = (from: form.from.flatMap(LocalDay.init(isoString:)), to: form.to.flatMap(LocalDay.init(isoString:)))
        if (form.from != nil && days.from == nil) || (form.to != nil && days.to == nil) {
            notices.append(strings["searchBadDate"])
        }
        if let from = days.from, let to = days.to, from > to { days = (to, from) }
        // Written back as the date input writes them, so the form shows them and links keep them.
        (form.from, form.to) = (days.from?.isoString, days.to?.isoString)
        filter.since = days.from.map(edition.calendar.startOfDay)
        filter.before = days.to.map { edition.calendar.nextMidnight(after: edition.calendar.startOfDay($0)) }

        var found: String?
        var results: [Model.Result] = []
        var pagination: Pagination?
        var nothingFound = false
        if !form.isEmpty {
            do {
                let typed = try SearchRequest(parsing: form.words, language: edition.edition.language)
                let page = min(form.page, deepest / perPage)
                let filter = filter
                func find(_ request: SearchRequest) async throws -> (ids: [Int], total: Int) {
                    try await search.find(
                        request, edition: code, filter: filter, limit: perPage, offset: (page - 1) * perPage,
                        now: frame.now)
                }
                var request = typed.wholeWords
                var (ids, total) = try await find(request)
                if total == 0, typed.lastWordIsPrefix {
                    request = typed
                    (ids, total) = try await find(request)
                }
                let matcher = SearchMatcher(request, language: edition.edition.language)
                results = try await search.found(ids, now: frame.now).map { result(of: $0, matcher: matcher, edition: edition) }
                if indexIsCatchingUp { notices.append(strings["searchIndexing"]) }
                found = "\(strings["searchFound"]): \(total > deepest ? strings["searchMoreThanDeepest"] : String(total))"
                nothingFound = total == 0
                let pages = (min(total, deepest) + perPage - 1) / perPage
                if total > 0, page > pages { notices.append(strings["searchPastTheEnd"]) }
                if total > deepest, page == 1 || page == pages { notices.append(strings["searchDeepest"]) }
                if pages > 1 {
                    pagination = Pagination(
                        page: page, pages: pages,
                        newerPath: page > 1 ? form.with { $0.page = min(page - 1, pages) }.path(edition.edition) : nil,
                        olderPath: page < pages ? form.with { $0.page = page + 1 }.path(edition.edition) : nil)
                }
            } catch SearchRequest.Problem.noWords {
                notices.insert(strings["searchNoWords"], at: 0)
            } catch SearchRequest.Problem.tooLong {
                notices.insert(strings["searchTooLong"], at: 0)
            }
        }

        let heading = strings["searchHeading"]
        let words = form.words.trimmingCharacters(in: .whitespacesAndNewlines)
        return Model(
            chrome: frame.builder.chrome(
                title: words.isEmpty ? heading : "\(heading): \(words)", description: nil, path: .search(edition.edition),
                extras: HeadExtras(robots: "noindex, follow")),
            form: form,
            sections: [Model.Option(value: "", name: strings["searchAnySection"], selected: section == nil)]
                + frame.builder.sections.map {
                    Model.Option(value: $0.slug, name: $0.name, selected: $0.id == section?.id)
                },
            kinds: [Model.Option(value: "", name: strings["searchAnyKind"], selected: filter.kind == nil)]
                + ArticleKind.allCases.map {
                    Model.Option(value: $0.rawValue, name: strings["kind_\($0.rawValue)"], selected: $0 == filter.kind)
                },
            tag: tag.map { Model.ActiveTag(name: $0.name, removePath: form.with { $0.tag = nil; $0.page = 1 }.path(edition.edition)) },
            notices: notices, found: found, results: results, nothingFound: nothingFound,
            withoutFilters: form.isFiltered
                ? SearchForm(words: form.words).path(edition.edition) : nil,
            pagination: pagination,
            shows: frame.keys.union([.latest(code)]).union(tag.map { [.tag($0.id)] } ?? []))
    }

    /// A tag by its slug, or by its name as a reader typed it (made into a slug the way the newsroom's are).
    static func tag(_ value: String?, edition: Edition, queries: PublicQueries) async throws -> Tag? {
        guard let value else { return nil }
        if Slug.isValid(value), let tag = try await queries.tag(edition: edition.code, slug: value) { return tag }
        let slug = Slug.make(from: value, language: edition.code)
        return slug.isEmpty ? nil : try await queries.tag(edition: edition.code, slug: slug)
    }

    static func result(of found: FoundArticle, matcher: SearchMatcher, edition: EditionContext) -> Model.Result {
        let summary = found.summary
        return Model.Result(
            headline: SearchSnippet.marked(summary.headline, matching: matcher),
            path: SitePath.article(edition.edition, summary.day, slug: summary.slug).path,
            label: edition.label(for: summary), breaking: summary.isBreaking,
            time: edition.calendar.dateTime(summary.publishedAt), datetime: ISO8601.string(summary.publishedAt),
            snippet: SearchSnippet.cut(
                lead: summary.lead, body: { ArticleBody(parsing: found.body).passages }, matching: matcher))
    }
}
