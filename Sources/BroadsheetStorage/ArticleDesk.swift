import BroadsheetDomain
import Foundation
import SQLKit

/// An article as the editor opens it: its draft fields and where it stands.
public struct EditableArticle: Sendable, Hashable {
    public var id: Int
    public var draft: ArticleDraft
    public var status: ArticleStatus
    public var translationGroup: Int
    public var createdBy: Int?
    /// First publication, or the scheduled time.
    public var publishedAt: Date?
    public var day: LocalDay?
    public var slug: String
    public var updatedAt: Date?
}

/// One saved version of an article.
public struct Revision: Sendable, Hashable {
    public var number: Int
    public var staffName: String
    public var createdAt: Date
    public var note: String
    public var draft: ArticleDraft
}

/// The newsroom's one desk: the only way to create, edit, move, re-time, translate, correct and delete an
/// article. It holds every rule (the permission table, photo completeness, times, one edition per article),
/// writes the revision and the audit line in the transaction that makes the change, announces the pages the
/// change touched after the commit, and throws `DeskError`. The newsroom's forms, the scheduler and the command
/// line call it and hold no rule of their own.
///
/// `by` names the staff member who acts; `nil` is the system itself (the scheduler, the command line, an
/// importer), which the permission table does not restrict.
public struct ArticleDesk: Sendable {
    public let database: NewsDatabase
    /// The newsroom's time zone: the day of first publication is the date in the URL.
    let timeZone: TimeZone

    public init(database: NewsDatabase, timeZone: TimeZone) {
        self.database = database
        self.timeZone = timeZone
    }

    // MARK: Reading

    /// The photos `draft` shows that would stop it being published: what each lacks in the draft's edition.
    public func photoGaps(of draft: ArticleDraft) async throws -> [PhotoGap] {
        try await Self.photoGaps(in: draft, in: database.sql)
    }

    public func load(id: Int) async throws -> EditableArticle? {
        struct Row: Decodable {
            let id: Int
            let edition: String
            let kind: String
            let headline: String
            let slug: String
            let lead: String
            let body: String
            let section_id: Int?
            let main_photo_id: Int?
            let is_breaking: Bool
            let is_top: Bool
            let status: String
            let translation_group: Int
            let created_by: Int?
            let published_at: Int?
            let url_day: String?
            let updated_at: Int?
        }
        let db = database.sql
        guard
            let row = try await db.select()
                .columns(
                    "id", "edition", "kind", "headline", "slug", "lead", "body", "section_id", "main_photo_id",
                    "is_breaking", "is_top", "status", "translation_group", "created_by", "published_at", "url_day",
                    "updated_at"
                )
                .from("articles").where("id", .equal, SQLBind(id)).first(decoding: Row.self)
        else { return nil }
        let links = try await PublicQueries(sql: db).links(ofArticle: id)
        // Until its first publication fixes its address, a draft whose slug is the one its headline makes keeps
        // following the headline (a translation's slug comes from the translated headline, never the original's).
        let followsHeadline = row.url_day == nil && row.slug == Slug.make(from: row.headline, language: row.edition)
        let draft = ArticleDraft(
            edition: row.edition, kind: ArticleKind(rawValue: row.kind) ?? .news, headline: row.headline,
            slug: followsHeadline ? "" : row.slug, lead: row.lead, body: row.body, sectionID: row.section_id,
            tags: links.tags.map(\.name), authorIDs: links.authors.map(\.id),
            sources: links.sources, mainPhotoID: row.main_photo_id,
            isBreaking: row.is_breaking, isTop: row.is_top)
        return EditableArticle(
            id: row.id, draft: draft, status: ArticleStatus(rawValue: row.status) ?? .draft,
            translationGroup: row.translation_group, createdBy: row.created_by,
            publishedAt: row.published_at.map { Date(timeIntervalSince1970: TimeInterval($0)) },
            day: row.url_day.flatMap(LocalDay.init(isoString:)), slug: row.slug,
            updatedAt: row.updated_at.map { Date(timeIntervalSince1970: TimeInterval($0)) })
    }

    public func revisions(of articleID: Int) async throws -> [Revision] {
        struct Row: Decodable {
            let number: Int
            let staff_name: String
            let created_at: Int
            let note: String
            let content: String
        }
        return try await database.sql.select().columns("number", "staff_name", "created_at", "note", "content")
            .from("article_revisions").where("article_id", .equal, SQLBind(articleID)).orderBy("number", .descending)
            .all(decoding: Row.self)
            .compactMap { row in
                guard let draft = try? JSONDecoder().decode(ArticleDraft.self, from: Data(row.content.utf8)) else {
                    return nil
                }
                return Revision(
                    number: row.number, staffName: row.staff_name,
                    createdAt: Date(timeIntervalSince1970: TimeInterval(row.created_at)), note: row.note, draft: draft)
            }
    }

    // MARK: Writing

    /// Files a new draft in a new translation group, with its first revision and audit line.
    public func create(_ draft: ArticleDraft, by staff: StaffMember?, now: Date = Date()) async throws -> Int {
        try Self.require(.createDraft, of: staff)
        let draft = Self.may(.arrangeHomePage, staff) ? draft : draft.withFlags(breaking: false, top: false)
        return try await database.transaction { db in
            let id = try await Self.insert(draft, group: nil, by: staff, now: now, in: db)
            try await AuditLog.record("created article", by: staff, subject: "article \(id)", now: now, in: db)
            return id
        }
    }

    /// Saves the fields as a new revision. A published article gets its "updated" time, and when its slug
    /// changes its old URL is kept to answer 301. Only those who arrange the home page change its flags.
    public func save(id: Int, _ draft: ArticleDraft, by staff: StaffMember?, note: String = "", now: Date = Date())
        async throws
    {
        guard let current = try await load(id: id) else { throw DeskError.noSuchArticle(id) }
        if let staff,
            !Permissions.mayEdit(role: staff.role, actorID: staff.id, ownerID: current.createdBy, status: current.status)
        {
            throw DeskError.notAllowed(.editAnyArticle)
        }
        var typed = draft
        typed.edition = current.draft.edition
        let draft =
            Self.may(.arrangeHomePage, staff)
            ? typed : typed.withFlags(breaking: current.draft.isBreaking, top: current.draft.isTop)
        let problems = draft.problems
        guard problems.isEmpty else { throw DeskError.invalid(problems) }
        try await announcing(article: id) { try await database.transaction { db in
            try await Self.checkEditions(of: draft, keeping: current.draft.authorIDs, in: db)
            var slug = draft.effectiveSlug
            if let day = current.day, slug != current.slug {
                slug = try await NewsroomWriter.freeSlug(slug, edition: current.draft.edition, day: day, in: db)
                if current.status == .published || current.status == .unpublished {
                    try await db.insert(into: "article_old_urls").columns("edition", "url_day", "slug", "article_id")
                        .values(SQLBind(current.draft.edition), SQLBind(day.isoString), SQLBind(current.slug), SQLBind(id))
                        .ignoringConflicts()
                        .run()
                }
            }
            var update = db.update("articles")
                .set("kind", to: SQLBind(draft.kind.rawValue)).set("headline", to: SQLBind(draft.headline))
                .set("slug", to: SQLBind(slug)).set("lead", to: SQLBind(draft.lead)).set("body", to: SQLBind(draft.body))
                .set("is_breaking", to: SQLBind(draft.isBreaking)).set("is_top", to: SQLBind(draft.isTop))
            if current.status == .published { update = update.set("updated_at", to: SQLBind(now.epochSeconds)) }
            try await update.where("id", .equal, SQLBind(id)).run()
            try await Self.writeFields(id: id, draft, in: db)
            var saved = draft
            saved.slug = slug
            let number = try await Self.addRevision(id: id, saved, by: staff, note: note, now: now, in: db)
            try await AuditLog.record(
                "saved article", by: staff, subject: "article \(id)",
                detail: "revision \(number)" + (note.isEmpty ? "" : ", \(note)"), now: now, in: db)
        } }
    }

    /// Inserts a draft (in `group`, or a new translation group) with its fields and first revision.
    /// `keeping`: authors it may carry though retired (a translation's, from its original).
    static func insert(
        _ draft: ArticleDraft, group translationGroup: Int?, keeping: [Int] = [], by staff: StaffMember?, now: Date,
        in db: any SQLDatabase
    ) async throws -> Int {
        let problems = draft.problems
        guard problems.isEmpty else { throw DeskError.invalid(problems) }
        try await checkEditions(of: draft, keeping: keeping, in: db)
        let group: Int
        if let translationGroup {
            group = translationGroup
        } else {
            guard
                let id = try await db.insert(into: "translation_groups").columns("created_at")
                    .values(SQLBind(now.epochSeconds)).returning("id").first(decodingColumn: "id", as: Int.self)
            else { throw NewsroomWriter.WriteError.noIDReturned("translation_groups") }
            group = id
        }
        guard
            let id = try await db.insert(into: "articles")
                .columns(
                    "edition", "translation_group", "kind", "status", "headline", "slug", "lead", "body",
                    "is_breaking", "is_top", "created_at", "created_by"
                )
                .values(
                    SQLBind(draft.edition), SQLBind(group), SQLBind(draft.kind.rawValue),
                    SQLBind(ArticleStatus.draft.rawValue), SQLBind(draft.headline), SQLBind(draft.effectiveSlug),
                    SQLBind(draft.lead), SQLBind(draft.body), SQLBind(draft.isBreaking), SQLBind(draft.isTop),
                    SQLBind(now.epochSeconds), SQLBind(staff?.id)
                )
                .returning("id").first(decodingColumn: "id", as: Int.self)
        else { throw NewsroomWriter.WriteError.noIDReturned("articles") }
        try await writeFields(id: id, draft, in: db)
        try await addRevision(id: id, draft, by: staff, note: "created", now: now, in: db)
        return id
    }

    /// Section, photo, tags (found or created by name in the edition), authors and sources; and, last, the
    /// article's search index row (its text, section and tags), since every path that writes an article ends here.
    static func writeFields(id: Int, _ draft: ArticleDraft, in db: any SQLDatabase) async throws {
        try await db.update("articles").set("section_id", to: SQLBind(draft.sectionID))
            .set("main_photo_id", to: SQLBind(draft.mainPhotoID)).where("id", .equal, SQLBind(id)).run()
        for table in ["article_tags", "article_authors", "article_sources"] {
            try await db.delete(from: table).where("article_id", .equal, SQLBind(id)).run()
        }
        var seen = Set<String>()
        for (position, name) in draft.tags.enumerated() {
            let name = name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, seen.insert(name.lowercased()).inserted else { continue }
            let tagID = try await tagID(named: name, edition: draft.edition, in: db)
            try await db.insert(into: "article_tags").columns("article_id", "tag_id", "position")
                .values(SQLBind(id), SQLBind(tagID), SQLBind(position)).ignoringConflicts().run()
        }
        for (position, authorID) in Set(draft.authorIDs).sorted().enumerated() {
            try await db.insert(into: "article_authors").columns("article_id", "author_id", "position")
                .values(SQLBind(id), SQLBind(authorID), SQLBind(position)).run()
        }
        for (position, source) in draft.sources.enumerated() {
            try await db.insert(into: "article_sources").columns("article_id", "position", "name", "what", "url")
                .values(SQLBind(id), SQLBind(position), SQLBind(source.name), SQLBind(source.what), SQLBind(source.url))
                .run()
        }
        try await SearchIndex.refresh([id], in: db)
    }

    private static func tagID(named name: String, edition: String, in db: any SQLDatabase) async throws -> Int {
        struct Row: Decodable {
            let id: Int
            let name: String
        }
        let existing = try await db.select().columns("id", "name").from("tags").where("edition", .equal, SQLBind(edition))
            .all(decoding: Row.self)
        if let match = existing.first(where: { $0.name.lowercased() == name.lowercased() }) { return match.id }
        var slug = Slug.make(from: name, language: edition)
        var suffix = 2
        while try await db.select().column("id").from("tags").where("edition", .equal, SQLBind(edition))
            .where("slug", .equal, SQLBind(slug)).first() != nil
        {
            slug = "\(Slug.make(from: name, language: edition))-\(suffix)"
            suffix += 1
        }
        // A new tag: an entry with this edition's name only, until a translation names it elsewhere.
        return try await EntryKind.tag.insertRow(
            entry: nil, columns: ["edition", "slug", "name"], values: [SQLBind(edition), SQLBind(slug), SQLBind(name)],
            now: Date(), in: db)
    }

    /// Returns the new revision's number.
    @discardableResult
    static func addRevision(
        id: Int, _ draft: ArticleDraft, by staff: StaffMember?, note: String, now: Date, in db: any SQLDatabase
    ) async throws -> Int {
        let last = try await db.select().column(SQLFunction("MAX", args: SQLIdentifier("number")), as: "n")
            .from("article_revisions").where("article_id", .equal, SQLBind(id))
            .first(decodingColumn: "n", as: Int?.self) ?? nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let content = String(decoding: try encoder.encode(draft), as: UTF8.self)
        try await db.insert(into: "article_revisions")
            .columns("article_id", "number", "staff_id", "staff_name", "created_at", "note", "content")
            .values(
                SQLBind(id), SQLBind((last ?? 0) + 1), SQLBind(staff?.id), SQLBind(staff?.name ?? ""),
                SQLBind(now.epochSeconds), SQLBind(note), SQLBind(content)
            )
            .run()
        return (last ?? 0) + 1
    }
}
