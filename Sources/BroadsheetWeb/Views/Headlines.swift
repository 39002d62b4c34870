import BroadsheetDomain
import Foundation

/// One headline in a list: the link, its label and time, optionally a lead and a thumbnail.
struct HeadlineItem {
    struct Thumbnail {
        let src: String
        let width: Int
        let height: Int
        let alt: String
    }

    let headline: String
    let path: String
    let label: String?
    let breaking: Bool
    let time: String?
    let datetime: String
    let lead: String?
    let photo: Thumbnail?
}

/// A titled list of headlines ("Recent news", a section's block on the home page).
struct HeadlineBlock {
    let blockID: String
    let blockTitle: String
    let blockPath: String?
    let blockItems: [HeadlineItem]
    let blockMorePath: String?
    let blockMoreText: String?
}

/// How a headline shows its time.
enum HeadlineTime {
    /// "19:53"
    case time
    /// "19:53" today, "30 June, 19:53" on other days
    case timeOrDate(now: Date)
    /// "Monday, 30 June 2025, 19:53"
    case full
    case none
}

extension EditionContext {
    func headline(
        _ summary: ArticleSummary, time: HeadlineTime, withLead: Bool = false, withPhoto: Bool = false
    ) -> HeadlineItem {
        let shown: String? =
            switch time {
            case .time: calendar.time(summary.publishedAt)
            case .timeOrDate(let now):
                calendar.isSameDay(summary.publishedAt, now)
                    ? calendar.time(summary.publishedAt) : calendar.dayAndTime(summary.publishedAt)
            case .full: calendar.dateTime(summary.publishedAt)
            case .none: nil
            }
        return HeadlineItem(
            headline: summary.headline,
            path: SitePath.article(edition, summary.day, slug: summary.slug).path,
            label: label(for: summary),
            breaking: summary.isBreaking,
            time: shown,
            datetime: ISO8601.string(summary.publishedAt),
            lead: withLead && !summary.lead.isEmpty ? summary.lead : nil,
            photo: withPhoto
                ? summary.photo.map {
                    HeadlineItem.Thumbnail(
                        src: SitePath.photo(file: $0.file).path, width: $0.width, height: $0.height, alt: $0.altText)
                } : nil)
    }
}

enum ISO8601 {
    /// "2025-06-30T16:53:00Z", as `date.formatted(.iso8601)` writes it (the machine documents' writer).
    static func string(_ date: Date) -> String {
        MachineDate.rfc3339(date)
    }
}
