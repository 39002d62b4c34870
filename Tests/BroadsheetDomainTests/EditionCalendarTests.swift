import Foundation
import Testing
@testable import BroadsheetDomain

@Suite("EditionCalendar and LocalDay")
struct EditionCalendarTests {
    static let kyiv = TimeZone(identifier: "Europe/Kyiv")!
    /// 2025-06-30 16:53 UTC: 19:53 in Kyiv (summer time, UTC+3).
    static let summer = Date(timeIntervalSince1970: 1_751_302_380)
    /// 2025-01-15 10:05 UTC: 12:05 in Kyiv (winter time, UTC+2).
    static let winter = Date(timeIntervalSince1970: 1_736_935_500)

    struct Expected: Sendable, CustomTestStringConvertible {
        let locale: String
        let dateTime: String
        let day: String
        let dayAndTime: String
        var testDescription: String { locale }
    }

    static let summerExpectations: [Expected] = [
        Expected(locale: "en_GB", dateTime: "Monday, 30 June 2025, 19:53", day: "Monday, 30 June 2025",
                 dayAndTime: "30 June, 19:53"),
        Expected(locale: "uk_UA", dateTime: "Понеділок, 30 червня 2025, 19:53", day: "Понеділок, 30 червня 2025",
                 dayAndTime: "30 червня, 19:53"),
        Expected(locale: "ru_RU", dateTime: "Понедельник, 30 июня 2025, 19:53", day: "Понедельник, 30 июня 2025",
                 dayAndTime: "30 июня, 19:53"),
    ]

    @Test(
        "A summer instant is formatted in Kyiv time, genitive month, capitalised weekday",
        arguments: summerExpectations
    )
    func summerFormats(expected: Expected) {
        let calendar = EditionCalendar(localeIdentifier: expected.locale, timeZone: Self.kyiv)
        #expect(calendar.dateTime(Self.summer) == expected.dateTime)
        #expect(calendar.day(Self.summer) == expected.day)
        #expect(calendar.time(Self.summer) == "19:53")
        #expect(calendar.dayAndTime(Self.summer) == expected.dayAndTime)
    }

    static let winterExpectations: [(String, String)] = [
        ("en_GB", "Wednesday, 15 January 2025, 12:05"),
        ("uk_UA", "Середа, 15 січня 2025, 12:05"),
        ("ru_RU", "Среда, 15 января 2025, 12:05"),
    ]

    @Test("A winter instant uses UTC+2", arguments: winterExpectations)
    func winterFormats(locale: String, expected: String) {
        let calendar = EditionCalendar(localeIdentifier: locale, timeZone: Self.kyiv)
        #expect(calendar.dateTime(Self.winter) == expected)
        #expect(calendar.time(Self.winter) == "12:05")
    }

    @Test("The default zone is the newsroom's, Europe/Kyiv")
    func defaultZone() {
        let calendar = EditionCalendar(localeIdentifier: "en_GB")
        #expect(calendar.time(Self.summer) == "19:53")
    }

    @Test("Another zone shifts the time and the day")
    func otherZone() {
        let calendar = EditionCalendar(localeIdentifier: "en_GB", timeZone: TimeZone(identifier: "America/New_York")!)
        #expect(calendar.dateTime(Self.summer) == "Monday, 30 June 2025, 12:53")
        let lateUTC = Date(timeIntervalSince1970: 1_751_326_200)  // 2025-06-30T23:30:00Z
        #expect(calendar.localDay(lateUTC).isoString == "2025-06-30")
        let kyivCalendar = EditionCalendar(localeIdentifier: "en_GB", timeZone: Self.kyiv)
        #expect(kyivCalendar.localDay(lateUTC).isoString == "2025-07-01")
    }

    @Test("Just after Kyiv midnight is already the next day, though UTC is still on the previous one")
    func localDayAfterMidnight() {
        let calendar = EditionCalendar(localeIdentifier: "uk_UA", timeZone: Self.kyiv)
        let instant = Date(timeIntervalSince1970: 1_751_232_600)  // 2025-06-29T21:30:00Z
        #expect(calendar.localDay(instant) == LocalDay(year: 2025, month: 6, day: 30))
        #expect(calendar.localDay(instant.addingTimeInterval(-3600)) == LocalDay(year: 2025, month: 6, day: 29))
    }

    @Test("startOfDay is local midnight and maps back to the same day", arguments: [
        (LocalDay(year: 2025, month: 6, day: 30)!, 1_751_230_800.0),  // 2025-06-29T21:00:00Z, UTC+3
        (LocalDay(year: 2025, month: 1, day: 15)!, 1_736_892_000.0),  // 2025-01-14T22:00:00Z, UTC+2
        (LocalDay(year: 2025, month: 3, day: 30)!, 1_743_285_600.0),  // DST starts that night: 2025-03-29T22:00:00Z
    ])
    func startOfDay(day: LocalDay, expectedEpoch: Double) {
        let calendar = EditionCalendar(localeIdentifier: "en_GB", timeZone: Self.kyiv)
        let start = calendar.startOfDay(day)
        #expect(start.timeIntervalSince1970 == expectedEpoch)
        #expect(calendar.localDay(start) == day)
        #expect(calendar.localDay(start.addingTimeInterval(-1)) < day)
    }

    @Test("isSameDay compares local days, not UTC days")
    func sameDay() {
        let calendar = EditionCalendar(localeIdentifier: "en_GB", timeZone: Self.kyiv)
        let justAfterMidnight = Date(timeIntervalSince1970: 1_751_230_860)  // 00:01 Kyiv, 2025-06-30
        let justBeforeMidnight = Date(timeIntervalSince1970: 1_751_230_740)  // 23:59 Kyiv, 2025-06-29
        #expect(calendar.isSameDay(justAfterMidnight, Self.summer))
        #expect(!calendar.isSameDay(justBeforeMidnight, justAfterMidnight))
    }

    @Test("Formatting from many tasks at once gives the same text every time")
    func concurrentFormatting() async {
        let calendar = EditionCalendar(localeIdentifier: "uk_UA", timeZone: Self.kyiv)
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<200 {
                group.addTask { calendar.dateTime(Self.summer) + " / " + calendar.dayAndTime(Self.winter) }
            }
            return await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(results == ["Понеділок, 30 червня 2025, 19:53 / 15 січня, 12:05"])
    }

    @Test("LocalDay prints ISO and URL forms with zero padding")
    func localDayStrings() throws {
        let day = try #require(LocalDay(year: 2025, month: 6, day: 3))
        #expect(day.isoString == "2025-06-03")
        #expect(day.pathString == "2025/06/03")
        #expect(day.description == "2025-06-03")
        #expect(LocalDay(isoString: "2025-06-03") == day)
    }

    @Test(
        "LocalDay accepts real dates, leap days included",
        arguments: ["2025-06-30", "2024-02-29", "2000-02-29", "1900-01-01", "9999-12-31"]
    )
    func validDays(text: String) {
        #expect(LocalDay(isoString: text)?.isoString == text)
    }

    @Test("LocalDay rejects impossible or malformed text", arguments: [
        "2025-02-30", "2025-6-30x", "2025-6-30", "2025-13-01", "2025-00-10", "2025-04-31", "1900-02-29",
        "1899-12-31", "2025/06/30", "+025-06-30", "２０２５-06-30", "", "2025-06-30 ",
    ])
    func invalidDays(text: String) {
        #expect(LocalDay(isoString: text) == nil)
    }

    @Test("LocalDay's memberwise initialiser rejects impossible dates")
    func invalidComponents() {
        #expect(LocalDay(year: 2025, month: 2, day: 30) == nil)
        #expect(LocalDay(year: 2025, month: 13, day: 1) == nil)
        #expect(LocalDay(year: 1899, month: 12, day: 31) == nil)
        #expect(LocalDay(year: 10_000, month: 1, day: 1) == nil)
        #expect(LocalDay(year: 2025, month: 6, day: 0) == nil)
    }

    @Test("LocalDay orders chronologically")
    func ordering() throws {
        let days = try ["2025-06-30", "2024-12-31", "2025-01-02", "2025-06-03"].map {
            try #require(LocalDay(isoString: $0))
        }
        #expect(days.sorted().map(\.isoString) == ["2024-12-31", "2025-01-02", "2025-06-03", "2025-06-30"])
    }

    @Test(
        "remembered times and days are what Foundation works out, across daylight-saving changes and in odd zones",
        arguments: ["Europe/Kyiv", "Asia/Kathmandu", "America/St_Johns", "Australia/Lord_Howe", "UTC"])
    func rememberedMatchesFoundation(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let calendar = EditionCalendar(localeIdentifier: "uk_UA", timeZone: timeZone)
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = timeZone
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "uk_UA")
        formatter.calendar = gregorian
        formatter.timeZone = timeZone
        formatter.dateFormat = "d MMMM, HH:mm"
        // Every 7 minutes and 13 seconds through 2025, twice: the second pass reads what the first remembered.
        for pass in 0..<2 {
            var instant = Date(timeIntervalSince1970: 1_735_689_600)
            while instant.timeIntervalSince1970 < 1_767_225_600 {
                let parts = gregorian.dateComponents([.year, .month, .day], from: instant)
                let day = calendar.localDay(instant)
                #expect(
                    [day.year, day.month, day.day] == [parts.year, parts.month, parts.day],
                    "\(zone) \(instant), pass \(pass)")
                #expect(calendar.dayAndTime(instant) == formatter.string(from: instant), "\(zone) \(instant)")
                #expect(
                    calendar.isSameDay(instant, instant.addingTimeInterval(3600))
                        == gregorian.isDate(instant, inSameDayAs: instant.addingTimeInterval(3600)))
                instant.addTimeInterval(433 * 7)
            }
        }
    }
}
