import BroadsheetDomain
import Foundation
import SQLKit

/// An article as the newsroom's lists show it, in any status.
public struct DeskItem: Sendable, Hashable {
    public var id: Int
    public var edition: String
    public var headline: String
    public var slug: String
    public var status: ArticleStatus
    public var publishedAt: Date?
    public var day: LocalDay?
    public var translationGroup: Int
    /// For "lacking a translation": the configured editions the group has no version in.
    public var missingEditions: [String] = []
}

/// The newsroom's own lists: the dashboard's desks.
public struct DeskQueries: Sendable {
    let db: any SQLDatabase

    public init(database: NewsDatabase) {
        self.db = database.sql
    }

    struct Row: Decodable {
        let id: Int
        let edition: String
        let headline: String
        let slug: String
        let status: String
        let published_at: Int?
        let url_day: String?
        let translation_group: Int

        var item: DeskItem {
            DeskItem(
                id: id, edition: edition, headline: headline, slug: slug,
                status: ArticleStatus(rawValue: status) ?? .draft,
                publishedAt: published_at.map { Date(timeIntervalSince1970: TimeInterval($0)) },
                day: url_day.flatMap(LocalDay.init(isoString:)), translationGroup: translation_group)
        }
    }

    private func select() -> SQLSelectBuilder {
        db.select().columns("id", "edition", "headline", "slug", "status", "published_at", "url_day", "translation_group")
            .from("articles")
    }

    /// The edition of the last article the staff member started: "New article" offers it first.
    public func lastEdition(of staffID: Int) async throws -> String? {
        try await db.select().column("edition").from("articles").where("created_by", .equal, SQLBind(staffID))
            .orderBy("created_at", .descending).orderBy("id", .descending).limit(1)
            .first(decodingColumn: "edition", as: String.self)
    }

    public func drafts(of staffID: Int, limit: Int = 20) async throws -> [DeskItem] {
        try await select().where("created_by", .equal, SQLBind(staffID))
            .where("status", .equal, SQLBind(ArticleStatus.draft.rawValue))
            .orderBy("created_at", .descending).limit(limit).all(decoding: Row.self).map(\.item)
    }

    public func inStatus(_ status: ArticleStatus, oldestFirst: Bool, limit: Int = 20) async throws -> [DeskItem] {
        try await select().where("status", .equal, SQLBind(status.rawValue))
            .orderBy("published_at", oldestFirst ? .ascending : .descending).orderBy("id")
            .limit(limit).all(decoding: Row.self).map(\.item)
    }

    public func published(since: Date, until: Date, limit: Int = 50) async throws -> [DeskItem] {
        try await select().where("status", .equal, SQLBind(ArticleStatus.published.rawValue))
            .where("published_at", .greaterThanOrEqual, SQLBind(since.epochSeconds))
            .where("published_at", .lessThanOrEqual, SQLBind(until.epochSeconds))
            .orderBy("published_at", .descending).limit(limit).all(decoding: Row.self).map(\.item)
    }

    /// Published since `since` whose translation group lacks one of `editions`, newest first.
    public func lackingTranslation(editions: [String], since: Date, limit: Int = 20) async throws -> [DeskItem] {
        let recent = try await published(since: since, until: .distantFuture, limit: 500)
        guard !recent.isEmpty else { return [] }
        struct Version: Decodable {
            let translation_group: Int
            let edition: String
        }
        let groups = Array(Set(recent.map(\.translationGroup)))
        let versions = try await db.select().columns("translation_group", "edition").from("articles")
            .where("translation_group", .in, SQLBind.group(groups))
            .all(decoding: Version.self)
        var present: [Int: Set<String>] = [:]
        for version in versions { present[version.translation_group, default: []].insert(version.edition) }
        var seen = Set<Int>()
        var result: [DeskItem] = []
        for var item in recent where seen.insert(item.translationGroup).inserted {
            item.missingEditions = editions.filter { !(present[item.translationGroup]?.contains($0) ?? false) }
            if !item.missingEditions.isEmpty { result.append(item) }
            if result.count == limit { break }
        }
        return result
    }
}

/// A choice in a newsroom form's list: an id and what the person sees.
public struct Choice: Sendable, Hashable {
    public var id: Int
    public var label: String
}

extension DeskQueries {
    /// Authors of one edition, or of all (labelled with their edition), by name. Retired people are left out,
    /// unless they are among `keeping` (the article already carries them) or `retired` asks for them too.
    public func authorChoices(edition: String?, keeping: Set<Int> = [], retired: Bool = false) async throws -> [Choice] {
        let leftOut = retired ? [] : Set(
            try await db.raw(
                "SELECT a.id FROM authors a JOIN people p ON p.id = a.person_id WHERE p.retired = \(bind: true)"
            ).all(decodingColumn: "id", as: Int.self))
        return try await choices(table: "authors", edition: edition)
            .filter { !leftOut.contains($0.id) || keeping.contains($0.id) }
    }

    public func sectionChoices(edition: String?) async throws -> [Choice] {
        try await choices(table: "sections", edition: edition)
    }

    public func tagChoices(edition: String?) async throws -> [Choice] {
        try await choices(table: "tags", edition: edition)
    }

    private func choices(table: String, edition: String?) async throws -> [Choice] {
        struct Row: Decodable {
            let id: Int
            let edition: String
            let name: String
        }
        var query = db.select().columns("id", "edition", "name").from(table)
        if let edition { query = query.where("edition", .equal, SQLBind(edition)) }
        return try await query.orderBy("edition").orderBy("name").limit(2000).all(decoding: Row.self)
            .map { Choice(id: $0.id, label: edition == nil ? "\($0.edition) · \($0.name)" : $0.name) }
    }

    /// The newest photos, for the editor's main photo list, named by their caption in `edition`.
    public func photoChoices(edition: String, limit: Int = 300) async throws -> [Choice] {
        struct Row: Decodable {
            let id: Int
            let caption: String
            let file: String
        }
        return try await db.raw(
            """
            SELECT p.id, COALESCE(t.caption, '') AS caption, p.file \
            FROM photos p LEFT JOIN photo_texts t ON t.photo_id = p.id AND t.edition = \(bind: edition) \
            ORDER BY p.id DESC LIMIT \(bind: limit)
            """
        ).all(decoding: Row.self)
            .map { Choice(id: $0.id, label: "\($0.id): \($0.caption.isEmpty ? $0.file : $0.caption)") }
    }
}

extension DeskQueries {
    /// Every version of a translation group, in any status, oldest first.
    public func versions(group: Int) async throws -> [DeskItem] {
        try await db.select()
            .columns("id", "edition", "headline", "slug", "status", "published_at", "url_day", "translation_group")
            .from("articles").where("translation_group", .equal, SQLBind(group)).orderBy("id")
            .all(decoding: Row.self).map(\.item)
    }
}
