import BroadsheetDomain
import Foundation
import SQLKit

/// The columns every list of headlines selects, and how they become an `ArticleSummary`.
struct SummaryRow {
    let id: Int
    let edition: String
    let kind: String
    let headline: String
    let slug: String
    let url_day: String?
    let published_at: Int?
    let lead: String
    let is_breaking: Bool
    let photo_id: Int?
    let photo_file: String?
    let photo_width: Int?
    let photo_height: Int?
    let photo_caption: String?
    let photo_credit: String?
    let photo_alt: String?

    /// The columns, written as they are: SQLKit quotes every identifier it is given through Foundation's string
    /// search, and building the statements of a page that way cost as much as running them.
    static let columns = """
        a.id, a.edition, a.kind, a.headline, a.slug, a.url_day, a.published_at, a.lead, a.is_breaking, \
        p.id AS photo_id, p.file AS photo_file, p.width AS photo_width, p.height AS photo_height, \
        pt.caption AS photo_caption, p.credit AS photo_credit, pt.alt_text AS photo_alt
        """

    /// Articles `a` with their main photo `p` and its words in the article's edition `pt` (none: empty).
    static let from = """
        articles AS a LEFT JOIN photos AS p ON p.id = a.main_photo_id \
        LEFT JOIN photo_texts AS pt ON pt.photo_id = p.id AND pt.edition = a.edition
        """

    /// A select over articles `a` with their main photo `p` (and `pt`).
    static func select(_ db: any SQLDatabase) -> SQLSelectBuilder {
        db.select().column(SQLRaw(columns)).from(SQLRaw(from))
    }

    /// Only what readers may see, published and not dated in the future, for raw statements and builders
    /// (`live(at:)`): the statements of an article page are written out, since building them with SQLKit's
    /// builders cost about as much as running them.
    static func live(at now: Date) -> SQLQueryString {
        "a.status = \(bind: ArticleStatus.published.rawValue) AND a.published_at <= \(bind: now.epochSeconds)"
    }

    var summary: ArticleSummary {
        let photo: Photo? =
            if let photo_id, let photo_file {
                Photo(
                    id: photo_id, file: photo_file, width: photo_width ?? 0, height: photo_height ?? 0,
                    caption: photo_caption ?? "", credit: photo_credit ?? "", altText: photo_alt ?? "")
            } else {
                nil
            }
        return ArticleSummary(
            id: id, edition: edition, kind: ArticleKind(rawValue: kind) ?? .news, headline: headline, slug: slug,
            day: url_day.flatMap(LocalDay.init(isoString:)) ?? LocalDay(year: 1970, month: 1, day: 1)!,
            publishedAt: Date(timeIntervalSince1970: TimeInterval(published_at ?? 0)), lead: lead,
            isBreaking: is_breaking, photo: photo)
    }
}

extension SummaryRow {
    /// Reads the columns one by one: SQLKit's Codable row decoder cost more than the query on list pages.
    init(row: any SQLRow) throws {
        if let read = try SummaryRow(reading: row) {
            self = read
            return
        }
        id = try row.decode(column: "id", as: Int.self)
        edition = try row.decode(column: "edition", as: String.self)
        kind = try row.decode(column: "kind", as: String.self)
        headline = try row.decode(column: "headline", as: String.self)
        slug = try row.decode(column: "slug", as: String.self)
        url_day = try row.decode(column: "url_day", as: String?.self)
        published_at = try row.decode(column: "published_at", as: Int?.self)
        lead = try row.decode(column: "lead", as: String.self)
        is_breaking = try row.decode(column: "is_breaking", as: Bool.self)
        photo_id = try row.decode(column: "photo_id", as: Int?.self)
        photo_file = try row.decode(column: "photo_file", as: String?.self)
        photo_width = try row.decode(column: "photo_width", as: Int?.self)
        photo_height = try row.decode(column: "photo_height", as: Int?.self)
        photo_caption = try row.decode(column: "photo_caption", as: String?.self)
        photo_credit = try row.decode(column: "photo_credit", as: String?.self)
        photo_alt = try row.decode(column: "photo_alt", as: String?.self)
    }
}

extension SQLQueryFetcher {
    /// The rows of a `SummaryRow.select`, as summaries.
    func summaries() async throws -> [ArticleSummary] {
        try await all().map { try SummaryRow(row: $0).summary }
    }

    /// The first row of a `SummaryRow.select`, as a summary.
    func firstSummary() async throws -> ArticleSummary? {
        try await first().map { try SummaryRow(row: $0).summary }
    }
}

extension SQLPredicateBuilder {
    /// Only what readers may see: published, and not dated in the future.
    func live(at now: Date) -> Self {
        self.where(SummaryRow.live(at: now))
    }
}

extension Date {
    var epochSeconds: Int { Int(timeIntervalSince1970.rounded(.down)) }
}
