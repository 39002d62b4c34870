import BroadsheetDomain
import BroadsheetStorage
import Foundation

/// Pages that list headlines: All news and one day of it (grouped by day), a section, a tag, an author.
enum ListPage {
    struct Model {
        struct Day {
            let id: String
            let title: String
            let path: String?
            let items: [HeadlineItem]
        }
        struct FlatList {
            let items: [HeadlineItem]
        }
        struct Pagination {
            let page: Int
            let newerPath: String?
            let olderPath: String?
        }
        let chrome: Chrome
        let kicker: String?
        let heading: String
        let intro: String?
        let days: [Day]
        let flatItems: FlatList?
        let empty: Bool
        let pagination: Pagination?
        /// What the page shows, for the page cache and the Surrogate-Key header.
        let shows: Set<SurrogateKey>
    }

    /// The chronological list of everything published, by day, newest first.
    static func allNews(page: Int, frame: PageFrame, queries: PublicQueries) async throws -> Model? {
        let edition = frame.edition
        let size = frame.builder.site.configuration.pageSize
        let items = try await queries.latest(
            edition: edition.edition.code, limit: size + 1, offset: (page - 1) * size, now: frame.now)
        if items.isEmpty && page > 1 { return nil }
        let title = edition.strings["allNews"]
        return Model(
            chrome: frame.builder.chrome(
                title: page > 1 ? "\(title), \(edition.strings["page"].lowercased()) \(page)" : title,
                description: nil, path: .allNews(edition.edition, page: page), allNewsCurrent: true),
            kicker: nil, heading: title, intro: nil,
            days: days(Array(items.prefix(size)), edition: edition, linkDays: true),
            flatItems: nil, empty: items.isEmpty,
            pagination: pagination(page: page, hasMore: items.count > size) { .allNews(edition.edition, page: $0) },
            shows: frame.keys.union([.latest(edition.edition.code)]))
    }

    /// Everything one day brought; nil when it brought nothing.
    static func day(_ day: LocalDay, frame: PageFrame, queries: PublicQueries) async throws -> Model? {
        let edition = frame.edition
        let items = try await queries.onDay(edition: edition.edition.code, day: day, now: frame.now)
        guard !items.isEmpty else { return nil }
        let title = edition.calendar.day(edition.calendar.startOfDay(day))
        return Model(
            chrome: frame.builder.chrome(
                title: "\(edition.strings["newsOf"]) \(title)", description: nil, path: .day(edition.edition, day),
                allNewsCurrent: true),
            kicker: edition.strings["allNews"], heading: title, intro: nil,
            days: [Model.Day(id: "day-\(day.isoString)", title: title, path: nil, items: items.map {
                edition.headline($0, time: .time)
            })],
            flatItems: nil, empty: false, pagination: nil, shows: frame.keys.union([.latest(edition.edition.code)]))
    }

    static func section(slug: String, page: Int, frame: PageFrame, queries: PublicQueries) async throws -> Model? {
        let edition = frame.edition
        guard let section = try await queries.section(edition: edition.edition.code, slug: slug) else { return nil }
        return try await flat(
            kicker: edition.strings["section"], heading: section.name, intro: nil, page: page,
            path: { .section(edition.edition, slug: slug, page: $0) }, currentSectionID: section.id,
            feed: .section(slug), shows: [.inSection(section.id)], frame: frame
        ) { limit, offset in
            try await queries.inSection(section.id, limit: limit, offset: offset, now: frame.now)
        }
    }

    static func tag(slug: String, page: Int, frame: PageFrame, queries: PublicQueries) async throws -> Model? {
        let edition = frame.edition
        guard let tag = try await queries.tag(edition: edition.edition.code, slug: slug) else { return nil }
        return try await flat(
            kicker: edition.strings["tag"], heading: tag.name, intro: nil, page: page,
            path: { .tag(edition.edition, slug: slug, page: $0) }, currentSectionID: nil, feed: .tag(slug),
            shows: [.tagged(tag.id), .tag(tag.id)], frame: frame
        ) { limit, offset in
            try await queries.withTag(tag.id, limit: limit, offset: offset, now: frame.now)
        }
    }

    static func author(slug: String, page: Int, frame: PageFrame, queries: PublicQueries) async throws -> Model? {
        let edition = frame.edition
        guard let author = try await queries.author(edition: edition.edition.code, slug: slug) else { return nil }
        return try await flat(
            kicker: edition.strings["author"], heading: author.name, intro: author.bio.isEmpty ? nil : author.bio,
            page: page, path: { .author(edition.edition, slug: slug, page: $0) }, currentSectionID: nil,
            feed: .author(slug), shows: [.byAuthor(author.id), .author(author.id)], frame: frame
        ) { limit, offset in
            try await queries.byAuthor(author.id, limit: limit, offset: offset, now: frame.now)
        }
    }

    private static func flat(
        kicker: String, heading: String, intro: String?, page: Int, path: (Int) -> SitePath, currentSectionID: Int?,
        feed: SitePath.FeedScope, shows: Set<SurrogateKey>, frame: PageFrame, fetch: (_ limit: Int, _ offset: Int) async throws -> [ArticleSummary]
    ) async throws -> Model? {
        let edition = frame.edition
        let size = frame.builder.site.configuration.pageSize
        let items = try await fetch(size + 1, (page - 1) * size)
        if items.isEmpty && page > 1 { return nil }
        return Model(
            chrome: frame.builder.chrome(
                title: page > 1 ? "\(heading), \(edition.strings["page"].lowercased()) \(page)" : heading,
                description: intro, path: path(page), currentSectionID: currentSectionID,
                extras: HeadExtras(
                    feeds: [(feed, "\(frame.builder.site.configuration.siteName) — \(heading)")],
                    jsonLD: [breadcrumbs(frame: frame, heading: heading, path: path(1))])),
            kicker: kicker, heading: heading, intro: intro, days: [],
            flatItems: items.isEmpty
                ? nil
                : Model.FlatList(items: items.prefix(size).map {
                    edition.headline($0, time: .full, withLead: true, withPhoto: true)
                }),
            empty: items.isEmpty,
            pagination: pagination(page: page, hasMore: items.count > size, path: path),
            // The thumbnails' alt text comes from the photos.
            shows: frame.keys.union(shows).union(items.prefix(size).compactMap { $0.photo.map { .photo($0.id) } }))
    }

    static func breadcrumbs(frame: PageFrame, heading: String, path: SitePath) -> [String: Any] {
        let configuration = frame.builder.site.configuration
        return StructuredData.breadcrumbs([
            (configuration.siteName, configuration.absoluteURL(SitePath.home(frame.edition.edition).path)),
            (heading, configuration.absoluteURL(path.path)),
        ])
    }

    private static func days(_ items: [ArticleSummary], edition: EditionContext, linkDays: Bool) -> [Model.Day] {
        var days: [Model.Day] = []
        var current: (day: LocalDay, items: [HeadlineItem])?
        func flush() {
            guard let current else { return }
            days.append(
                Model.Day(
                    id: "day-\(current.day.isoString)",
                    title: edition.calendar.day(edition.calendar.startOfDay(current.day)),
                    path: linkDays ? SitePath.day(edition.edition, current.day).path : nil, items: current.items))
        }
        for item in items {
            if current?.day != item.day {
                flush()
                current = (item.day, [])
            }
            current?.items.append(edition.headline(item, time: .time))
        }
        flush()
        return days
    }

    private static func pagination(page: Int, hasMore: Bool, path: (Int) -> SitePath) -> Model.Pagination? {
        guard page > 1 || hasMore else { return nil }
        return Model.Pagination(
            page: page, newerPath: page > 1 ? path(page - 1).path : nil, olderPath: hasMore ? path(page + 1).path : nil)
    }
}
