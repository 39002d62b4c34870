import BroadsheetDomain
import Foundation
import SQLKit

/// An article as the newsroom files it.
public struct NewArticle: Sendable {
    public var edition: String
    public var translationGroup: Int
    public var kind: ArticleKind
    public var status: ArticleStatus
    public var headline: String
    public var slug: String
    public var lead: String
    public var body: String
    public var mainPhotoID: Int?
    public var sectionID: Int?
    /// First publication (or the planned one), and its local day for the URL.
    public var publishedAt: Date?
    public var urlDay: LocalDay?
    public var updatedAt: Date?
    public var isBreaking: Bool
    public var isTop: Bool
    public var tagIDs: [Int]
    public var authorIDs: [Int]
    public var sources: [ArticleSource]
    /// The staff member who filed it; nil for imports and the demo.
    public var createdBy: Int?

    public init(
        edition: String, translationGroup: Int, kind: ArticleKind, status: ArticleStatus, headline: String,
        slug: String, lead: String, body: String, mainPhotoID: Int? = nil, sectionID: Int? = nil,
        publishedAt: Date? = nil, urlDay: LocalDay? = nil, updatedAt: Date? = nil, isBreaking: Bool = false,
        isTop: Bool = false, tagIDs: [Int] = [], authorIDs: [Int] = [], sources: [ArticleSource] = [],
        createdBy: Int? = nil
    ) {
        self.edition = edition
        self.translationGroup = translationGroup
        self.kind = kind
        self.status = status
        self.headline = headline
        self.slug = slug
        self.lead = lead
        self.body = body
        self.mainPhotoID = mainPhotoID
        self.sectionID = sectionID
        self.publishedAt = publishedAt
        self.urlDay = urlDay
        self.updatedAt = updatedAt
        self.isBreaking = isBreaking
        self.isTop = isTop
        self.tagIDs = tagIDs
        self.authorIDs = authorIDs
        self.sources = sources
        self.createdBy = createdBy
    }
}

/// Writes the newsroom's content. Each call is one transaction.
public struct NewsroomWriter: Sendable {
    let database: NewsDatabase

    public init(database: NewsDatabase) {
        self.database = database
    }

    /// Makes the editions table match the configuration (added, renamed, reordered; never deleted).
    public func syncEditions(_ editions: Editions) async throws {
        try await database.transaction { db in
            for (position, edition) in editions.all.enumerated() {
                try await db.insert(into: "editions")
                    .columns("code", "path_prefix", "name", "locale", "position")
                    .values(
                        SQLBind(edition.code), SQLBind(edition.pathPrefix), SQLBind(edition.name),
                        SQLBind(edition.localeIdentifier), SQLBind(position)
                    )
                    .onConflict(with: ["code"]) {
                        $0.set(excludedValueOf: "path_prefix").set(excludedValueOf: "name")
                            .set(excludedValueOf: "locale").set(excludedValueOf: "position")
                    }
                    .run()
            }
        }
    }

    /// Files an edition's name for a section: of `entry` (the same section in other editions), or a new one.
    public func createSection(edition: String, slug: String, name: String, position: Int, entry: Int? = nil)
        async throws -> Int
    {
        try await database.transaction { db in
            try await EntryKind.section.insertRow(
                entry: entry, columns: ["edition", "slug", "name", "position"],
                values: [SQLBind(edition), SQLBind(slug), SQLBind(name), SQLBind(position)], now: Date(), in: db)
        }
    }

    public func createTag(edition: String, slug: String, name: String, entry: Int? = nil) async throws -> Int {
        try await database.transaction { db in
            try await EntryKind.tag.insertRow(
                entry: entry, columns: ["edition", "slug", "name"],
                values: [SQLBind(edition), SQLBind(slug), SQLBind(name)], now: Date(), in: db)
        }
    }

    /// Files an edition's name for a byline: of `person` (the same person in other editions), or a new one.
    public func createAuthor(edition: String, slug: String, name: String, bio: String, person: Int? = nil)
        async throws -> Int
    {
        try await database.transaction { db in
            try await EntryKind.author.insertRow(
                entry: person, columns: ["edition", "slug", "name", "bio"],
                values: [SQLBind(edition), SQLBind(slug), SQLBind(name), SQLBind(bio)], now: Date(), in: db)
        }
    }

    /// The entry (for an author, the person) an edition's row belongs to.
    public func entry(of kind: EntryKind, row id: Int) async throws -> Int? {
        try await kind.entry(of: id, db: database.sql)
    }

    /// Files a photo with its shared credit and its caption and alt text in each edition of `texts`.
    public func createPhoto(
        file: String, width: Int, height: Int, credit: String, texts: [String: PhotoText], now: Date = Date()
    ) async throws -> Int {
        try await database.transaction { db in
            let id = try await db.insert(into: "photos").columns("file", "width", "height", "credit", "created_at")
                .values(SQLBind(file), SQLBind(width), SQLBind(height), SQLBind(credit), SQLBind(now.epochSeconds))
                .returning("id").first(decodingColumn: "id", as: Int.self)
            guard let id else { throw WriteError.noIDReturned("photos") }
            try await Self.writeTexts(texts, photo: id, in: db)
            return id
        }
    }

    /// Sets a photo's caption and alt text in each edition of `texts`; other editions keep theirs.
    static func writeTexts(_ texts: [String: PhotoText], photo id: Int, in db: any SQLDatabase) async throws {
        guard !texts.isEmpty else { return }
        try await db.delete(from: "photo_texts").where("photo_id", .equal, SQLBind(id))
            .where("edition", .in, SQLBind.group(Array(texts.keys))).run()
        var insert = db.insert(into: "photo_texts").columns("photo_id", "edition", "caption", "alt_text")
        for (edition, text) in texts.sorted(by: { $0.key < $1.key }) {
            insert = insert.values(SQLBind(id), SQLBind(edition), SQLBind(text.caption), SQLBind(text.altText))
        }
        try await insert.run()
    }

    public func newTranslationGroup(now: Date = Date()) async throws -> Int {
        try await insertReturningID("translation_groups", ["created_at"], [SQLBind(now.epochSeconds)])
    }

    /// Files an article with its tags, authors and sources; a slug already taken that day gets "-2", "-3"...
    /// Returns the new article's id and the slug it got.
    public func createArticle(_ article: NewArticle, now: Date = Date()) async throws -> (id: Int, slug: String) {
        try await database.transaction { db in
            let slug = try await Self.freeSlug(article.slug, edition: article.edition, day: article.urlDay, in: db)
            let id = try await db.insert(into: "articles")
                .columns(
                    "edition", "translation_group", "kind", "status", "headline", "slug", "lead", "body",
                    "main_photo_id", "section_id", "published_at", "url_day", "updated_at", "is_breaking", "is_top",
                    "created_at", "created_by"
                )
                .values(
                    SQLBind(article.edition), SQLBind(article.translationGroup), SQLBind(article.kind.rawValue),
                    SQLBind(article.status.rawValue), SQLBind(article.headline), SQLBind(slug), SQLBind(article.lead),
                    SQLBind(article.body), SQLBind(article.mainPhotoID), SQLBind(article.sectionID),
                    SQLBind(article.publishedAt?.epochSeconds), SQLBind(article.urlDay?.isoString),
                    SQLBind(article.updatedAt?.epochSeconds), SQLBind(article.isBreaking), SQLBind(article.isTop),
                    SQLBind(now.epochSeconds), SQLBind(article.createdBy)
                )
                .returning("id")
                .first(decodingColumn: "id", as: Int.self)
            guard let id else { throw WriteError.noIDReturned("articles") }
            for (position, tagID) in article.tagIDs.enumerated() {
                try await db.insert(into: "article_tags").columns("article_id", "tag_id", "position")
                    .values(SQLBind(id), SQLBind(tagID), SQLBind(position)).run()
            }
            for (position, authorID) in article.authorIDs.enumerated() {
                try await db.insert(into: "article_authors").columns("article_id", "author_id", "position")
                    .values(SQLBind(id), SQLBind(authorID), SQLBind(position)).run()
            }
            for (position, source) in article.sources.enumerated() {
                try await db.insert(into: "article_sources").columns("article_id", "position", "name", "what", "url")
                    .values(SQLBind(id), SQLBind(position), SQLBind(source.name), SQLBind(source.what),
                            SQLBind(source.url)).run()
            }
            try await SearchIndex.refresh([id], in: db)
            return (id, slug)
        }
    }

    /// Records a URL the article answered at before, so that it answers 301 to the current one.
    public func recordOldURL(articleID: Int, edition: String, day: LocalDay, slug: String) async throws {
        try await database.sql.insert(into: "article_old_urls").columns("edition", "url_day", "slug", "article_id")
            .values(SQLBind(edition), SQLBind(day.isoString), SQLBind(slug), SQLBind(articleID)).run()
    }

    /// How many articles the database holds, in any status.
    public func articleCount() async throws -> Int {
        try await database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("articles")
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    public enum WriteError: Error, CustomStringConvertible {
        case noIDReturned(String)
        public var description: String {
            switch self {
            case .noIDReturned(let table): "the database returned no id for the new row in \(table)"
            }
        }
    }

    private func insertReturningID(_ table: String, _ columns: [String], _ values: [SQLBind]) async throws -> Int {
        let id = try await database.sql.insert(into: table).columns(columns).values(values)
            .returning("id").first(decodingColumn: "id", as: Int.self)
        guard let id else { throw WriteError.noIDReturned(table) }
        return id
    }

    static func freeSlug(_ slug: String, edition: String, day: LocalDay?, in db: any SQLDatabase) async throws
        -> String
    {
        guard let day else { return slug }
        var candidate = slug
        var suffix = 2
        while try await db.select().column("id").from("articles")
            .where("edition", .equal, SQLBind(edition)).where("url_day", .equal, SQLBind(day.isoString))
            .where("slug", .equal, SQLBind(candidate)).first() != nil
        {
            candidate = "\(slug)-\(suffix)"
            suffix += 1
        }
        return candidate
    }
}
