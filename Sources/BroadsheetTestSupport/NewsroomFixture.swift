import BroadsheetDomain
import BroadsheetStorage
import Foundation

/// A small newsroom with known content, dated around a fixed "now", for tests that assert on what readers see.
///
/// Ukrainian and English editions share translation groups; Russian has one article of its own.
public struct NewsroomFixture: Sendable {
    /// 2025-07-01 12:00 UTC, 15:00 in Kyiv.
    public static let now = Date(timeIntervalSince1970: 1_751_371_200)

    public struct IDs: Sendable {
        public var politicsEN = 0
        public var politicsUK = 0
        public var cultureEN = 0
        public var energyEN = 0
        public var energyUK = 0
        public var budgetEN = 0
        public var authorEN = 0
        public var authorUK = 0
        public var photo = 0
        /// The showcase English article with every part, and its Ukrainian translation.
        public var showcaseEN = 0
        public var showcaseUK = 0
        public var olderEN = 0
        public var draftEN = 0
        public var scheduledEN = 0
        public var futureEN = 0
        public var unpublishedEN = 0
        public var russianOnly = 0
    }

    public let ids: IDs

    /// Hours before `now`.
    public static func hoursAgo(_ hours: Double) -> Date { now.addingTimeInterval(-hours * 3600) }

    public static let kyiv = TimeZone(identifier: "Europe/Kyiv")!

    public static func day(_ date: Date) -> LocalDay {
        EditionCalendar(localeIdentifier: "en_GB", timeZone: kyiv).localDay(date)
    }

    @discardableResult
    public static func build(in database: NewsDatabase) async throws -> NewsroomFixture {
        let writer = NewsroomWriter(database: database)
        try await writer.syncEditions(.standard)
        var ids = IDs()
        ids.politicsEN = try await writer.createSection(edition: "en", slug: "politics", name: "Politics", position: 0)
        ids.cultureEN = try await writer.createSection(edition: "en", slug: "culture", name: "Culture", position: 1)
        // Politics is one section with a name in each edition; Energy one tag in English and Ukrainian, Olena
        // Koval one person with both bylines. Culture, Budget and Andrii Melnyk have English names only.
        let politics = try await writer.entry(of: .section, row: ids.politicsEN)
        ids.politicsUK = try await writer.createSection(
            edition: "uk", slug: "polityka", name: "Політика", position: 0, entry: politics)
        _ = try await writer.createSection(edition: "ru", slug: "politika", name: "Политика", position: 0, entry: politics)
        ids.energyEN = try await writer.createTag(edition: "en", slug: "energy", name: "Energy")
        ids.budgetEN = try await writer.createTag(edition: "en", slug: "budget", name: "Budget")
        ids.energyUK = try await writer.createTag(
            edition: "uk", slug: "enerhetyka", name: "Енергетика", entry: try await writer.entry(of: .tag, row: ids.energyEN))
        ids.authorEN = try await writer.createAuthor(
            edition: "en", slug: "olena-koval", name: "Olena Koval", bio: "Political correspondent.")
        let secondAuthor = try await writer.createAuthor(edition: "en", slug: "andrii-melnyk", name: "Andrii Melnyk", bio: "")
        ids.authorUK = try await writer.createAuthor(
            edition: "uk", slug: "olena-koval", name: "Олена Коваль", bio: "",
            person: try await writer.entry(of: .author, row: ids.authorEN))
        ids.photo = try await writer.createPhoto(
            file: "0123456789abcdef.png", width: 1200, height: 675, credit: "Test Studio",
            texts: [
                "en": PhotoText(caption: "Dawn over the river port", altText: "A river port at dawn"),
                "uk": PhotoText(caption: "Світанок над річковим портом", altText: "Річковий порт на світанку"),
            ], now: now)

        func file(
            _ edition: String, group: Int, _ headline: String, kind: ArticleKind = .news, status: ArticleStatus = .published,
            at date: Date, section: Int? = nil, tags: [Int] = [], authors: [Int] = [], lead: String = "A lead.",
            body: String = "One paragraph.", photo: Int? = nil, updated: Date? = nil, top: Bool = false,
            sources: [ArticleSource] = []
        ) async throws -> Int {
            try await writer.createArticle(
                NewArticle(
                    edition: edition, translationGroup: group, kind: kind, status: status, headline: headline,
                    slug: Slug.make(from: headline, language: edition), lead: lead, body: body, mainPhotoID: photo,
                    sectionID: section, publishedAt: date, urlDay: day(date), updatedAt: updated, isTop: top,
                    tagIDs: tags, authorIDs: authors, sources: sources),
                now: now
            ).id
        }

        let showcase = try await writer.newTranslationGroup(now: now)
        ids.showcaseEN = try await file(
            "en", group: showcase, "How the grid survives a heatwave", kind: .explainer, at: hoursAgo(3),
            section: ids.politicsEN, tags: [ids.energyEN, ids.budgetEN], authors: [ids.authorEN, secondAuthor],
            lead: "Demand peaks at noon; here is what keeps the lights on.",
            body: """
                First paragraph about demand.

                ## What operators do

                Second paragraph with **bold** words and a [link](https://example.org/grid).

                Third paragraph.

                > Nobody wants a blackout in July.
                > — A grid engineer

                Fourth paragraph.

                [photo: \(ids.photo)]

                Fifth paragraph.

                Sixth paragraph, the last one.
                """,
            photo: ids.photo, updated: hoursAgo(1),
            sources: [
                ArticleSource(name: "Grid operator", what: "daily report", url: "https://example.org/report"),
                ArticleSource(name: "Ministry of Energy", what: "statement", url: nil),
            ])
        ids.showcaseUK = try await file(
            "uk", group: showcase, "Як мережа переживає спеку", kind: .explainer, at: hoursAgo(2.5),
            section: ids.politicsUK, tags: [ids.energyUK], authors: [ids.authorUK], lead: "Пояснюємо.")

        let older = try await writer.newTranslationGroup(now: now)
        ids.olderEN = try await file(
            "en", group: older, "Parliament passes the budget", at: hoursAgo(30), section: ids.politicsEN,
            tags: [ids.budgetEN, ids.energyEN], authors: [ids.authorEN], top: true)
        try await writer.recordOldURL(
            articleID: ids.olderEN, edition: "en", day: day(hoursAgo(30)), slug: "parliament-passes-budget-draft")

        for (index, headline) in ["Wind farm opens", "Solar tariffs change", "Coal mine closes"].enumerated() {
            let group = try await writer.newTranslationGroup(now: now)
            _ = try await file(
                "en", group: group, headline, at: hoursAgo(Double(5 + index * 20)), section: ids.cultureEN,
                tags: [ids.energyEN])
        }
        let hidden = try await writer.newTranslationGroup(now: now)
        ids.draftEN = try await file("en", group: hidden, "Secret draft story", status: .draft, at: hoursAgo(4),
                                     section: ids.politicsEN, tags: [ids.energyEN])
        ids.scheduledEN = try await file(
            "en", group: try await writer.newTranslationGroup(now: now), "Scheduled story for tomorrow",
            status: .scheduled, at: now.addingTimeInterval(86_400), section: ids.politicsEN, tags: [ids.energyEN])
        ids.futureEN = try await file(
            "en", group: try await writer.newTranslationGroup(now: now), "Future dated story",
            at: now.addingTimeInterval(7_200), section: ids.politicsEN, tags: [ids.energyEN])
        ids.unpublishedEN = try await file(
            "en", group: try await writer.newTranslationGroup(now: now), "Withdrawn story", status: .unpublished,
            at: hoursAgo(50), section: ids.politicsEN, tags: [ids.energyEN])
        ids.russianOnly = try await file(
            "ru", group: try await writer.newTranslationGroup(now: now), "Новости только на русском", at: hoursAgo(6))
        return NewsroomFixture(ids: ids)
    }
}
