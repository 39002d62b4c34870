import BroadsheetDomain
import Foundation
import SQLKit

/// The columns every list of headlines selects, and how they become an `ArticleSummary`.
struct SummaryRow: Decodable {
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

    static let columns: [String] = [
        "a.id", "a.edition", "a.kind", "a.headline", "a.slug", "a.url_day", "a.published_at", "a.lead",
        "a.is_breaking",
    ]

    /// A select over articles `a` with their main photo `p`.
    static func select(_ db: any SQLDatabase) -> SQLSelectBuilder {
        var builder = db.select()
        for column in columns { builder = builder.column(SQLRaw(column)) }
        return
            builder
            .column(SQLRaw("p.id AS photo_id"))
            .column(SQLRaw("p.file AS photo_file"))
            .column(SQLRaw("p.width AS photo_width"))
            .column(SQLRaw("p.height AS photo_height"))
            .column(SQLRaw("p.caption AS photo_caption"))
            .column(SQLRaw("p.credit AS photo_credit"))
            .column(SQLRaw("p.alt_text AS photo_alt"))
            .from(SQLAlias(SQLIdentifier("articles"), as: SQLIdentifier("a")))
            .join(
                SQLAlias(SQLIdentifier("photos"), as: SQLIdentifier("p")), method: SQLJoinMethod.left,
                on: SQLRaw("p.id = a.main_photo_id"))
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

extension SQLPredicateBuilder {
    /// Only what readers may see: published, and not dated in the future.
    func live(at now: Date) -> Self {
        self.where(SQLColumn("status", table: "a"), .equal, SQLBind(ArticleStatus.published.rawValue))
            .where(SQLColumn("published_at", table: "a"), .lessThanOrEqual, SQLBind(Int(now.timeIntervalSince1970)))
    }
}

extension Date {
    var epochSeconds: Int { Int(timeIntervalSince1970.rounded(.down)) }
}
