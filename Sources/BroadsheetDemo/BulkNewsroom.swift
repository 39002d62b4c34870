import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Logging
import SQLKit

/// Writes a large newsroom quickly, for benchmarks: the demo's stories retold many times over years of
/// publishing, in every edition, with sections, hundreds of tags, authors, photos and translations.
public struct BulkNewsroom: Sendable {
    let database: NewsDatabase
    let editions: Editions
    let timeZone: TimeZone
    let photoDirectory: String
    let logger: Logger

    public init(database: NewsDatabase, editions: Editions, timeZone: TimeZone, photoDirectory: String, logger: Logger) {
        self.database = database
        self.editions = editions
        self.timeZone = timeZone
        self.photoDirectory = photoDirectory
        self.logger = logger
    }

    /// Tags per edition, authors per edition, and how far apart stories are published.
    static let tagCount = 360
    static let authorCount = 24
    static let storyInterval: TimeInterval = 20 * 60
    static let batchSize = 400

    /// Writes `articles` articles (a translation group per story, one version per edition) and returns the count.
    @discardableResult
    public func generate(articles: Int, now: Date = Date()) async throws -> Int {
        let script = try DemoScript.load()
        let codes = editions.all.map(\.code)
        let writer = NewsroomWriter(database: database)
        // The taxonomy through the ordinary writer: a few hundred rows.
        var sections: [String: [Int]] = [:]
        for (position, section) in script.newsroom.sections.enumerated() {
            for code in codes {
                guard let name = section.names[code] else { continue }
                sections[code, default: []].append(
                    try await writer.createSection(edition: code, slug: name.slug, name: name.name, position: position))
            }
        }
        var tags: [String: [Int]] = [:]
        for index in 0..<Self.tagCount {
            let base = script.newsroom.tags[index % script.newsroom.tags.count]
            let round = index / script.newsroom.tags.count
            for code in codes {
                guard let name = base.names[code] else { continue }
                let suffix = round == 0 ? "" : " \(round + 1)"
                tags[code, default: []].append(
                    try await writer.createTag(
                        edition: code, slug: name.slug + (round == 0 ? "" : "-\(round + 1)"), name: name.name + suffix))
            }
        }
        var authors: [String: [Int]] = [:]
        for index in 0..<Self.authorCount {
            let base = script.newsroom.authors[index % script.newsroom.authors.count]
            let round = index / script.newsroom.authors.count
            for code in codes {
                guard let name = base.names[code] else { continue }
                authors[code, default: []].append(
                    try await writer.createAuthor(
                        edition: code, slug: name.slug + (round == 0 ? "" : "-\(round + 1)"),
                        name: name.name + (round == 0 ? "" : " \(round + 1)"), bio: name.bio ?? ""))
            }
        }
        var photos: [String: [Int]] = [:]
        try FileManager.default.createDirectory(atPath: photoDirectory, withIntermediateDirectories: true)
        for entry in script.newsroom.photos {
            let png = DemoPhotoPainter.png(scene: entry.scene)
            let file = "\(ContentHash.hex(png)).png"
            try Data(png).write(to: URL(fileURLWithPath: (photoDirectory as NSString).appendingPathComponent(file)))
            // A photo per edition, as many as before photos were shared: the query plans tests measure against
            // this many (with a third of them, SQLite found reading the whole table cheaper than seeking ids).
            for (code, text) in entry.photoTexts(codes: codes).sorted(by: { $0.key < $1.key }) {
                photos[code, default: []].append(
                    try await writer.createPhoto(
                        file: file, width: 1200, height: 675, credit: entry.credit, texts: [code: text], now: now))
            }
        }

        let stories = script.stories.filter { ($0.status ?? "published") == "published" && $0.hoursAgo != nil }
        let calendars = Dictionary(
            uniqueKeysWithValues: editions.all.map {
                ($0.code, EditionCalendar(localeIdentifier: $0.localeIdentifier, timeZone: timeZone))
            })
        var written = 0
        var story = 0
        var rows = Rows()
        while written < articles {
            let group = story + 1
            let template = stories[story % stories.count]
            let publishedAt = now.addingTimeInterval(-Double(story) * Self.storyInterval - 60)
            rows.groups.append(group)
            for (offset, code) in codes.enumerated() where written < articles {
                guard let version = template.versions[code] ?? template.versions.values.first,
                    let calendar = calendars[code]
                else { continue }
                written += 1
                let id = written
                let headline = "\(version.headline) (\(story / stories.count + 1))"
                let pick = { (pool: [Int]?, salt: Int) in pool.map { $0[(story * 7 + salt * 13 + offset) % $0.count] } }
                rows.articleIDs.append(id)
                rows.articles.append([
                    SQLBind(id), SQLBind(code), SQLBind(group), SQLBind(template.kind),
                    SQLBind(ArticleStatus.published.rawValue), SQLBind(headline),
                    // The story's number keeps slugs unique however long the headline.
                    SQLBind(Slug.make(from: version.headline, language: code, maxLength: 70) + "-\(group)"),
                    SQLBind(version.lead),
                    // Stories read longer than the demo's: the body twice over, a realistic 3 to 6 KB.
                    SQLBind(Self.plainBody(version.body) + "\n\n" + Self.plainBody(version.body)),
                    SQLBind(story % 5 == 4 ? nil : pick(photos[code], 1)), SQLBind(pick(sections[code], 2)),
                    SQLBind(Int(publishedAt.timeIntervalSince1970)), SQLBind(calendar.localDay(publishedAt).isoString),
                    SQLBind(story % 9 == 0 ? Int(publishedAt.timeIntervalSince1970) + 3600 : nil), SQLBind(false),
                    SQLBind(story % 97 == 0), SQLBind(Int(now.timeIntervalSince1970)),
                ])
                for position in 0..<(1 + story % 4) {
                    if let tag = pick(tags[code], 3 + position * 5) { rows.tags.append((id, tag, position)) }
                }
                for position in 0..<(1 + story % 2) {
                    if let author = pick(authors[code], 11 + position * 3) { rows.authors.append((id, author, position)) }
                }
                for (position, source) in (version.sources ?? []).enumerated() {
                    rows.sources.append((id, position, source.name, source.what ?? "", source.url))
                }
            }
            story += 1
            if rows.articles.count >= Self.batchSize || written >= articles {
                try await flush(&rows, now: now)
                if written % 10_000 < Self.batchSize { logger.info("generated \(written) of \(articles) articles") }
            }
        }
        // Statistics for the query planner, now that the tables are full.
        _ = try await database.sql.raw("ANALYZE").all()
        database.changes.announce(.everything)
        return written
    }

    /// One batch of rows, written in one transaction with multi-row inserts.
    struct Rows {
        var groups: [Int] = []
        var articles: [[SQLBind]] = []
        var articleIDs: [Int] = []
        var tags: [(Int, Int, Int)] = []
        var authors: [(Int, Int, Int)] = []
        var sources: [(Int, Int, String, String, String?)] = []
    }

    private func flush(_ rows: inout Rows, now: Date) async throws {
        let batch = rows
        rows = Rows()
        try await database.transaction { db in
            if !batch.groups.isEmpty {
                var insert = db.insert(into: "translation_groups").columns("id", "created_at")
                for group in batch.groups { insert = insert.values(SQLBind(group), SQLBind(Int(now.timeIntervalSince1970))) }
                try await insert.run()
            }
            var articles = db.insert(into: "articles").columns(
                "id", "edition", "translation_group", "kind", "status", "headline", "slug", "lead", "body",
                "main_photo_id", "section_id", "published_at", "url_day", "updated_at", "is_breaking", "is_top",
                "created_at")
            for row in batch.articles { articles = articles.values(row) }
            try await articles.run()
            try await SearchIndex.refresh(batch.articleIDs, in: db)
            for (table, key, links) in [("article_tags", "tag_id", batch.tags), ("article_authors", "author_id", batch.authors)]
            where !links.isEmpty {
                var insert = db.insert(into: table).columns("article_id", key, "position")
                for (article, other, position) in links {
                    insert = insert.values(SQLBind(article), SQLBind(other), SQLBind(position))
                }
                try await insert.ignoringConflicts().run()
            }
            if !batch.sources.isEmpty {
                var insert = db.insert(into: "article_sources").columns("article_id", "position", "name", "what", "url")
                for (article, position, name, what, url) in batch.sources {
                    insert = insert.values(SQLBind(article), SQLBind(position), SQLBind(name), SQLBind(what), SQLBind(url))
                }
                try await insert.run()
            }
        }
    }

    /// The demo's bodies refer to demo photo keys; here they stay text.
    static func plainBody(_ body: String) -> String {
        body.split(separator: "\n\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("[photo:") }
            .joined(separator: "\n\n")
    }
}
