import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Logging

/// Fills an empty database with the demo newspaper: original stories in every configured edition,
/// generated photos, advertisement slots, support calls and footers, and the special cases the README lists.
public struct DemoNewsroom: Sendable {
    let database: NewsDatabase
    let editions: Editions
    let timeZone: TimeZone
    let photoDirectory: String
    let logger: Logger
    /// Demo photos are painted at this size; tests paint small ones to stay fast.
    let photoSize: (width: Int, height: Int)

    public init(
        database: NewsDatabase, editions: Editions, timeZone: TimeZone, photoDirectory: String, logger: Logger,
        photoWidth: Int = 1200, photoHeight: Int = 675
    ) {
        self.database = database
        self.editions = editions
        self.timeZone = timeZone
        self.photoDirectory = photoDirectory
        self.logger = logger
        self.photoSize = (photoWidth, photoHeight)
    }

    /// What the seeding wrote.
    public struct Report: Sendable, CustomStringConvertible {
        public var articlesByStatus: [String: Int] = [:]
        /// Painted files in the photo store; each is filed once per edition with that edition's caption.
        public var photoFiles = 0
        public var photos = 0
        public var sections = 0
        public var tags = 0
        public var authors = 0

        public var description: String {
            let statuses = articlesByStatus.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            return "articles: \(statuses.joined(separator: ", ")); \(sections) sections, \(tags) tags, "
                + "\(authors) authors, \(photoFiles) photo files (\(photos) captioned photos)"
        }
    }

    /// Seeds the demo relative to `now` (stories are dated hours before it).
    public func seed(now: Date = Date()) async throws -> Report {
        let script = try DemoScript.load()
        let writer = NewsroomWriter(database: database)
        var report = Report()
        let codes = editions.all.map(\.code).filter { code in script.stories.contains { $0.versions[code] != nil } }

        var sectionIDs: [String: [String: Int]] = [:]
        // Each section, tag and author is one entry with a name per edition: the first edition's row makes the
        // entry, the others join it.
        for (position, section) in script.newsroom.sections.enumerated() {
            var entry: Int?
            for code in codes {
                guard let name = section.names[code] else { continue }
                let id = try await writer.createSection(
                    edition: code, slug: name.slug, name: name.name, position: position, entry: entry)
                sectionIDs[section.key, default: [:]][code] = id
                if entry == nil { entry = try await writer.entry(of: .section, row: id) }
                report.sections += 1
            }
        }
        var tagIDs: [String: [String: Int]] = [:]
        for tag in script.newsroom.tags {
            var entry: Int?
            for code in codes {
                guard let name = tag.names[code] else { continue }
                let id = try await writer.createTag(edition: code, slug: name.slug, name: name.name, entry: entry)
                tagIDs[tag.key, default: [:]][code] = id
                if entry == nil { entry = try await writer.entry(of: .tag, row: id) }
                report.tags += 1
            }
        }
        var authorIDs: [String: [String: Int]] = [:]
        for author in script.newsroom.authors {
            var person: Int?
            for code in codes {
                guard let name = author.names[code] else { continue }
                let id = try await writer.createAuthor(
                    edition: code, slug: name.slug, name: name.name, bio: name.bio ?? "", person: person)
                authorIDs[author.key, default: [:]][code] = id
                if person == nil { person = try await writer.entry(of: .author, row: id) }
                report.authors += 1
            }
        }
        let photos = try await seedPhotos(script.newsroom.photos, codes: codes, writer: writer, now: now)
        report.photos = Set(photos.values.flatMap { $0.values }).count
        report.photoFiles = script.newsroom.photos.count

        let calendars = Dictionary(
            uniqueKeysWithValues: editions.all.map {
                ($0.code, EditionCalendar(localeIdentifier: $0.localeIdentifier, timeZone: timeZone))
            })
        for story in script.stories {
            let group = try await writer.newTranslationGroup(now: now)
            let publishedAt = try story.publicationTime(relativeTo: now)
            for code in codes {
                guard let version = story.versions[code], let calendar = calendars[code] else { continue }
                let day = calendar.localDay(publishedAt)
                let status = ArticleStatus(rawValue: story.status ?? "published") ?? .published
                let article = NewArticle(
                    edition: code, translationGroup: group, kind: ArticleKind(rawValue: story.kind) ?? .news,
                    status: status, headline: version.headline,
                    slug: Slug.make(from: version.headline, language: code), lead: version.lead,
                    body: Self.resolvingPhotos(in: version.body, photos: photos, code: code),
                    mainPhotoID: story.photo.flatMap { photos[$0]?[code] },
                    sectionID: sectionIDs[story.section]?[code],
                    publishedAt: publishedAt, urlDay: day,
                    updatedAt: story.updatedHoursAgo.map { now.addingTimeInterval(-$0 * 3600) },
                    isBreaking: story.breaking ?? false, isTop: story.top ?? false,
                    tagIDs: story.tags.compactMap { tagIDs[$0]?[code] },
                    authorIDs: story.authors.compactMap { authorIDs[$0]?[code] },
                    sources: (version.sources ?? []).map { ArticleSource(name: $0.name, what: $0.what ?? "", url: $0.url) })
                let created = try await writer.createArticle(article, now: now)
                if let previous = version.previousSlug {
                    try await writer.recordOldURL(articleID: created.id, edition: code, day: day, slug: previous)
                }
                report.articlesByStatus[status.rawValue, default: 0] += 1
            }
        }
        try await seedSettings(footers: script.newsroom.footer)
        // A server already running on this database (serve --demo seeds after it starts) drops what it cached.
        database.changes.announce(.everything)
        return report
    }

    /// Paints each photo into the store and files it once, with each edition's caption and alt text (the
    /// English ones where an edition has none) and the English credit.
    private func seedPhotos(
        _ entries: [DemoScript.PhotoEntry], codes: [String], writer: NewsroomWriter, now: Date
    ) async throws -> [String: [String: Int]] {
        try FileManager.default.createDirectory(atPath: photoDirectory, withIntermediateDirectories: true)
        var ids: [String: [String: Int]] = [:]
        for entry in entries {
            let png = DemoPhotoPainter.png(scene: entry.scene, width: photoSize.width, height: photoSize.height)
            let file = "\(ContentHash.hex(png)).png"
            let path = (photoDirectory as NSString).appendingPathComponent(file)
            if !FileManager.default.fileExists(atPath: path) {
                try Data(png).write(to: URL(fileURLWithPath: path), options: .atomic)
            }
            let texts = entry.photoTexts(codes: codes)
            guard !texts.isEmpty else { continue }
            let id = try await writer.createPhoto(
                file: file, width: photoSize.width, height: photoSize.height, credit: entry.credit, texts: texts, now: now)
            for code in texts.keys {
                ids[entry.key, default: [:]][code] = id
                ids["scene-\(entry.scene)", default: [:]][code] = id
            }
        }
        return ids
    }


    /// Turns `[photo: key]` blocks into `[photo: id]` for the edition's copy of that photo.
    static func resolvingPhotos(in body: String, photos: [String: [String: Int]], code: String) -> String {
        var result = body
        for (key, byEdition) in photos {
            guard let id = byEdition[code], result.contains("[photo: \(key)]") else { continue }
            result = result.replacingOccurrences(of: "[photo: \(key)]", with: "[photo: \(id)]")
        }
        return result
    }

    /// The demo's advertisement slots and support link, over the configured support texts, and its footers: a
    /// newsroom that did not seed the demo never says its stories are invented.
    private func seedSettings(footers: [String: String]) async throws {
        let store = SettingsStore(database: database)
        var settings = try await store.load()
        settings.adEvery = 3
        settings.adSlots = [
            AdSlot(
                name: "demo-inline-1",
                html: #"<div class="house-ad"><p><strong>Broadsheet Demo Market</strong></p><p>300 × 250 — your message here</p></div>"#
            ),
            AdSlot(
                name: "demo-inline-2",
                html: #"<div class="house-ad"><p><strong>Reading Room</strong></p><p>A demo advertisement slot</p></div>"#),
        ]
        for edition in editions.all {
            let text = settings.supportCalls[edition.code]?.text ?? ""
            settings.supportCalls[edition.code] = SupportCall(text: text, url: "https://example.org/support")
            settings.footers[edition.code] = footers[edition.code].map { EditionFooter(text: $0, links: []) }
        }
        try await store.save(settings, in: database)
    }
}

extension DemoScript.Story {
    struct TimeError: Error, CustomStringConvertible {
        let key: String
        var description: String { "demo story \(key) has neither hoursAgo nor a valid fixedTime" }
    }

    func publicationTime(relativeTo now: Date) throws -> Date {
        if let fixedTime {
            guard let date = try? Date(fixedTime, strategy: .iso8601) else { throw TimeError(key: key) }
            return date
        }
        guard let hoursAgo else { throw TimeError(key: key) }
        // Whole minutes, as a newsroom would stamp them.
        let seconds = (now.timeIntervalSince1970 - hoursAgo * 3600) / 60
        return Date(timeIntervalSince1970: seconds.rounded(.down) * 60)
    }
}
