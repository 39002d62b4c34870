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
    /// "2025-06-30T16:53:00Z", exactly as `date.formatted(.iso8601)` writes it, worked out by arithmetic:
    /// every headline carries one, and the format style cost more than writing the headline.
    static func string(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let (days, time) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let (day, second) = time < 0 ? (days - 1, time + 86_400) : (days, time)
        let (year, month, dayOfMonth) = civil(fromDays: day)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        func two(_ value: Int) {
            bytes.append(UInt8(48 + value / 10))
            bytes.append(UInt8(48 + value % 10))
        }
        two(year / 100)
        two(year % 100)
        bytes.append(UInt8(ascii: "-"))
        two(month)
        bytes.append(UInt8(ascii: "-"))
        two(dayOfMonth)
        bytes.append(UInt8(ascii: "T"))
        two(second / 3600)
        bytes.append(UInt8(ascii: ":"))
        two(second / 60 % 60)
        bytes.append(UInt8(ascii: ":"))
        two(second % 60)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Year, month and day of the day `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
