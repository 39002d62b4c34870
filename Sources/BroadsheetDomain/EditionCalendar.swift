import Foundation
import Synchronization

/// Formats dates for one edition: its language and the newsroom's time zone.
public struct EditionCalendar: Sendable {
    /// The edition's locale: "uk_UA", "ru_RU", "en_GB".
    public let localeIdentifier: String
    /// The newsroom's zone; every date on the site is shown and grouped in it.
    public let timeZone: TimeZone

    /// Gregorian whatever the locale, so a th_TH edition would not print Buddhist-era years in URLs.
    private let calendar: Calendar
    /// Shared by every calendar with the same locale and zone, so building one per request is cheap.
    private let formatters: EditionFormatters

    /// Creates a calendar for one edition; the zone defaults to the newsroom's, Europe/Kyiv.
    public init(
        localeIdentifier: String,
        timeZone: TimeZone = TimeZone(identifier: "Europe/Kyiv") ?? TimeZone(identifier: "Europe/Kiev")!
    ) {
        self.localeIdentifier = localeIdentifier
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        self.formatters = EditionFormatters.shared(localeIdentifier: localeIdentifier, calendar: calendar)
    }

    /// "Monday, 30 June 2025, 19:53" / "Понеділок, 30 червня 2025, 19:53".
    public func dateTime(_ date: Date) -> String {
        formatters.memo.string(.dateTime, date) { capitalizingFirstLetter(formatters.dateTime.string(from: date)) }
    }

    /// "Monday, 30 June 2025" / "Понеділок, 30 червня 2025" (day headings of the All news list).
    public func day(_ date: Date) -> String {
        formatters.memo.string(.day, date) { capitalizingFirstLetter(formatters.day.string(from: date)) }
    }

    /// "19:53".
    public func time(_ date: Date) -> String {
        formatters.memo.string(.time, date) { formatters.time.string(from: date) }
    }

    /// "30 June, 19:53" / "30 червня, 19:53" (recent-news items from another day).
    public func dayAndTime(_ date: Date) -> String {
        formatters.memo.string(.dayAndTime, date) { formatters.dayAndTime.string(from: date) }
    }

    /// The calendar day in the newsroom's zone, as used in article URLs.
    public func localDay(_ date: Date) -> LocalDay {
        formatters.memo.localDay(date) { computedLocalDay(date) }
    }

    private func computedLocalDay(_ date: Date) -> LocalDay {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        if let day = LocalDay(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0) {
            return day
        }
        // Only instants outside 1900...9999 (Date.distantPast) get here; pin them to the nearest day we can name.
        return (parts.year ?? 0) < LocalDay.years.lowerBound
            ? LocalDay(uncheckedYear: LocalDay.years.lowerBound, month: 1, day: 1)
            : LocalDay(uncheckedYear: LocalDay.years.upperBound, month: 12, day: 31)
    }

    /// Start of that local day, as an instant (for "today" checks and day pages).
    public func startOfDay(_ day: LocalDay) -> Date {
        // Going through noon keeps this right in zones where a DST change skips midnight itself.
        let noon = DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)
        guard let instant = calendar.date(from: noon) else {
            preconditionFailure("Gregorian calendar rejected valid day \(day)")
        }
        return calendar.startOfDay(for: instant)
    }

    /// The start of the next local day: when "today" on a page stops being today.
    public func nextMidnight(after date: Date) -> Date {
        formatters.memo.nextMidnight(after: localDay(date)) { computedNextMidnight(after: date) }
    }

    private func computedNextMidnight(after date: Date) -> Date {
        let today = calendar.startOfDay(for: date)
        return calendar.date(byAdding: .day, value: 1, to: today).map { calendar.startOfDay(for: $0.addingTimeInterval(3600 * 3)) }
            ?? date.addingTimeInterval(86_400)
    }

    /// True when both instants fall on the same local day.
    public func isSameDay(_ a: Date, _ b: Date) -> Bool {
        localDay(a) == localDay(b)
    }

    /// Foundation gives "понеділок"; a heading starts with a capital in every edition language.
    private func capitalizingFirstLetter(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}

// MARK: - Formatters

/// One DateFormatter behind its own lock: DateFormatter is a mutable class with no documented
/// thread-safety on Linux, and each pattern gets its own lock so renders rarely wait on each other.
final class LockedDateFormatter: @unchecked Sendable {
    private let lock = NSLock()
    private let formatter: DateFormatter

    init(pattern: String, locale: Locale, calendar: Calendar) {
        formatter = DateFormatter()
        formatter.locale = locale
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        // A fixed pattern rather than dateStyle: "d MMMM" gives the genitive month (30 червня).
        formatter.dateFormat = pattern
    }

    func string(from date: Date) -> String {
        lock.withLock { formatter.string(from: date) }
    }
}

/// The four formatters of one locale and zone, built once per process, and what they produced lately.
final class EditionFormatters: Sendable {
    let dateTime: LockedDateFormatter
    let day: LockedDateFormatter
    let time: LockedDateFormatter
    let dayAndTime: LockedDateFormatter
    let memo = CalendarMemo()

    private init(locale: Locale, calendar: Calendar) {
        dateTime = LockedDateFormatter(pattern: "EEEE, d MMMM yyyy, HH:mm", locale: locale, calendar: calendar)
        day = LockedDateFormatter(pattern: "EEEE, d MMMM yyyy", locale: locale, calendar: calendar)
        time = LockedDateFormatter(pattern: "HH:mm", locale: locale, calendar: calendar)
        dayAndTime = LockedDateFormatter(pattern: "d MMMM, HH:mm", locale: locale, calendar: calendar)
    }

    /// Cache keyed by locale and zone; creating DateFormatters costs far more than a locked lookup.
    private static let cache = LockedCache()

    static func shared(localeIdentifier: String, calendar: Calendar) -> EditionFormatters {
        let key = "\(localeIdentifier)|\(calendar.timeZone.identifier)"
        return cache.value(for: key) {
            EditionFormatters(locale: Locale(identifier: localeIdentifier), calendar: calendar)
        }
    }

    private final class LockedCache: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String: EditionFormatters] = [:]

        func value(for key: String, make: () -> EditionFormatters) -> EditionFormatters {
            lock.withLock {
                if let existing = entries[key] { return existing }
                let created = make()
                entries[key] = created
                return created
            }
        }
    }
}

/// Formatted dates and local days remembered, so that the same headline times on every page are not worked
/// out again by ICU: Foundation's calendar and formatters took an eighth of an uncached article page.
///
/// Every zone's offset from UTC has been a whole number of quarter hours since 1980, so a formatted minute
/// ("19:53") is the same for the whole UTC minute and a local day for the whole UTC quarter hour; earlier
/// dates are not remembered. Bounded: emptied when it reaches `limit` entries.
final class CalendarMemo: Sendable {
    enum Format: UInt8 { case dateTime, day, time, dayAndTime }

    private struct Key: Hashable {
        let format: Format
        let minute: Int
    }

    private let strings = Mutex<[Key: String]>([:])
    private let days = Mutex<[Int: LocalDay]>([:])
    private let midnights = Mutex<[LocalDay: Date]>([:])
    static let limit = 20_000
    /// 1980-01-01T00:00:00Z.
    private static let firstRemembered: TimeInterval = 315_532_800

    func string(_ format: Format, _ date: Date, make: () -> String) -> String {
        guard date.timeIntervalSince1970 >= Self.firstRemembered else { return make() }
        let key = Key(format: format, minute: Int((date.timeIntervalSince1970 / 60).rounded(.down)))
        return remembered(key, in: strings, make: make)
    }

    func localDay(_ date: Date, make: () -> LocalDay) -> LocalDay {
        guard date.timeIntervalSince1970 >= Self.firstRemembered else { return make() }
        return remembered(Int((date.timeIntervalSince1970 / 900).rounded(.down)), in: days, make: make)
    }

    func nextMidnight(after day: LocalDay, make: () -> Date) -> Date {
        remembered(day, in: midnights, make: make)
    }

    private func remembered<K: Hashable & Sendable, V: Sendable>(_ key: K, in table: borrowing Mutex<[K: V]>, make: () -> V) -> V {
        if let known = table.withLock({ $0[key] }) { return known }
        let value = make()
        table.withLock { table in
            if table.count >= Self.limit { table.removeAll(keepingCapacity: true) }
            table[key] = value
        }
        return value
    }
}

// MARK: - LocalDay

/// A calendar day in the newsroom's time zone: the date part of article URLs (/news/2025/06/30/...).
public struct LocalDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Four-digit year, 1900...9999.
    public let year: Int
    /// Month, 1...12.
    public let month: Int
    /// Day of the month, valid for that month and year.
    public let day: Int

    /// Years that fit the four-digit URL form and predate nothing the archive could hold.
    static let years = 1900...9999

    /// Nil for impossible dates (2025-02-30, month 13, year before 1900 or after 9999).
    public init?(year: Int, month: Int, day: Int) {
        guard Self.years.contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.init(uncheckedYear: year, month: month, day: day)
    }

    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "2025-06-30"; nil when malformed or impossible.
    public init?(isoString: String) {
        // Strictly YYYY-MM-DD in ASCII digits: URLs must have one spelling per day.
        let bytes = Array(isoString.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]),
              let day = Self.number(bytes[8..<10])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// "2025-06-30".
    public var isoString: String { "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))" }

    /// "2025/06/30" (URL form).
    public var pathString: String { "\(Self.padded(year, 4))/\(Self.padded(month, 2))/\(Self.padded(day, 2))" }

    /// Same as `isoString`.
    public var description: String { isoString }

    /// Chronological order.
    public static func < (lhs: LocalDay, rhs: LocalDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    /// Digits only: Int("+5") would accept a sign, which has no place in a date.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
