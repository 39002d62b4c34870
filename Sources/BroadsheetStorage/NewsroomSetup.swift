import BroadsheetDomain
import Foundation
import SQLKit

/// An edition's breaking-news banner, shown across the edition until it expires.
public struct BreakingBanner: Sendable, Hashable {
    public var text: String
    public var url: String
    public var until: Date

    public init(text: String, url: String, until: Date) {
        self.text = text
        self.url = url
        self.until = until
    }
}

/// An advertisement slot as admins manage it, switched on or off.
public struct ManagedAdSlot: Sendable, Hashable {
    public var name: String
    public var html: String
    public var enabled: Bool

    public init(name: String, html: String, enabled: Bool) {
        self.name = name
        self.html = html
        self.enabled = enabled
    }
}

/// Admins' and editors' setup of the paper: advertisement slots, support calls, footers, banners, sections, tags.
public struct NewsroomSetup: Sendable {
    let database: NewsDatabase
    var db: any SQLDatabase { database.sql }

    public init(database: NewsDatabase) {
        self.database = database
    }

    // MARK: Settings

    public func adSlots() async throws -> [ManagedAdSlot] {
        struct Row: Decodable {
            let name: String
            let html: String
            let enabled: Bool
        }
        return try await db.select().columns("name", "html", "enabled").from("ad_slots").orderBy("position").orderBy("id")
            .all(decoding: Row.self).map { ManagedAdSlot(name: $0.name, html: $0.html, enabled: $0.enabled) }
    }

    /// Replaces the slots and the "every N paragraphs" setting.
    public func saveAds(every: Int, slots: [ManagedAdSlot]) async throws {
        try await database.transaction { db in
            try await db.delete(from: "ad_slots").run()
            for (position, slot) in slots.enumerated() {
                try await db.insert(into: "ad_slots").columns("name", "html", "enabled", "position")
                    .values(SQLBind(slot.name), SQLBind(slot.html), SQLBind(slot.enabled), SQLBind(position)).run()
            }
            try await Self.set("ads.every", String(every), in: db)
        }
        database.changes.announce([.settings])
    }

    public func saveSupportCall(edition: String, _ call: SupportCall) async throws {
        try await database.transaction { db in
            try await Self.set("support.\(edition).text", call.text, in: db)
            try await Self.set("support.\(edition).url", call.url, in: db)
        }
        database.changes.announce([.settings])
    }

    /// An edition's footer that cannot be saved as typed; nothing was saved.
    public struct FooterRejected: Error, Equatable {
        public let edition: String
        public let problems: [EditionFooter.Problem]
    }

    /// Replaces every edition's footer (by edition code); an empty footer removes the edition's. Saves nothing
    /// unless every footer is acceptable.
    public func saveFooters(_ footers: [String: EditionFooter]) async throws {
        let ordered = footers.sorted { $0.key < $1.key }
        for (edition, footer) in ordered where !footer.problems.isEmpty {
            throw FooterRejected(edition: edition, problems: footer.problems)
        }
        try await database.transaction { db in
            for (edition, footer) in ordered {
                if footer.isEmpty {
                    try await db.delete(from: "settings")
                        .where("key", .in, [FooterKeys.text(edition), FooterKeys.links(edition)]).run()
                    continue
                }
                for (key, value) in try FooterKeys.pairs(edition: edition, footer) {
                    try await Self.set(key, value, in: db)
                }
            }
        }
        database.changes.announce([.settings])
    }

    public func banner(edition: String) async throws -> BreakingBanner? {
        try await Self.banner(edition: edition, in: db)
    }

    static func banner(edition: String, in db: any SQLDatabase) async throws -> BreakingBanner? {
        struct Pair: Decodable {
            let key: String
            let value: String
        }
        let pairs = try await db.select().columns("key", "value").from("settings")
            .where("key", .like, SQLBind("banner.\(edition).%")).all(decoding: Pair.self)
        let values = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        guard let text = values["banner.\(edition).text"], !text.isEmpty,
            let until = values["banner.\(edition).until"].flatMap(Int.init)
        else { return nil }
        return BreakingBanner(
            text: text, url: values["banner.\(edition).url"] ?? "", until: Date(timeIntervalSince1970: TimeInterval(until)))
    }

    /// Sets (or, with nil, takes down) an edition's banner.
    public func saveBanner(edition: String, _ banner: BreakingBanner?) async throws {
        try await database.transaction { db in
            try await Self.set("banner.\(edition).text", banner?.text ?? "", in: db)
            try await Self.set("banner.\(edition).url", banner?.url ?? "", in: db)
            try await Self.set("banner.\(edition).until", String(banner.map { Int($0.until.timeIntervalSince1970) } ?? 0), in: db)
        }
        database.changes.announce([.banner(edition)])
    }

    static func set(_ key: String, _ value: String, in db: any SQLDatabase) async throws {
        try await db.insert(into: "settings").columns("key", "value").values(SQLBind(key), SQLBind(value))
            .onConflict(with: ["key"]) { $0.set(excludedValueOf: "value") }.run()
    }

    // MARK: Sections

    public enum SetupError: Error, Equatable, CustomStringConvertible {
        case slugTaken(String)
        case invalidSlug(String)
        case emptyName
        case noSuchTag(Int)
        /// An edition's name that articles of that edition carry cannot be cleared.
        case nameInUse(String)

        public var description: String {
            switch self {
            case .slugTaken(let slug): "the address \"\(slug)\" is taken in this edition"
            case .invalidSlug(let slug): "\"\(slug)\" is not a valid address (lowercase letters, digits, hyphens)"
            case .emptyName: "the name is empty"
            case .noSuchTag(let id): "there is no tag \(id)"
            case .nameInUse(let name):
                "\"\(name)\" is on articles of its edition, so it keeps its name there (merge tags to retire one)"
            }
        }
    }

    public func addSection(edition: String, name: String, slug: String?) async throws {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw SetupError.emptyName }
        let slug = slug.flatMap { $0.isEmpty ? nil : $0 } ?? Slug.make(from: name, language: edition)
        guard Slug.isValid(slug) else { throw SetupError.invalidSlug(slug) }
        guard try await PublicQueries(database: database).section(edition: edition, slug: slug) == nil else {
            throw SetupError.slugTaken(slug)
        }
        let last = try await db.select().column(SQLFunction("MAX", args: SQLIdentifier("position")), as: "p")
            .from("sections").where("edition", .equal, SQLBind(edition)).first(decodingColumn: "p", as: Int?.self) ?? nil
        _ = try await NewsroomWriter(database: database).createSection(
            edition: edition, slug: slug, name: name, position: (last ?? -1) + 1)
        database.changes.announce([.sections(edition), .taxonomy])
    }

    public func renameSection(id: Int, name: String) async throws {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw SetupError.emptyName }
        try await db.update("sections").set("name", to: SQLBind(name)).where("id", .equal, SQLBind(id)).run()
        try await announceMenu(ofSection: id)
    }

    /// A section's change shows in its edition's menu, on every page of the edition.
    private func announceMenu(ofSection id: Int) async throws {
        guard let edition = try await db.select().column("edition").from("sections").where("id", .equal, SQLBind(id))
            .first(decodingColumn: "edition", as: String.self)
        else { return }
        database.changes.announce([.sections(edition), .taxonomy])
    }

    /// Moves a section one place up (-1) or down (+1) in its edition's menu.
    public func moveSection(id: Int, by offset: Int) async throws {
        try await database.transaction { db in
            struct Row: Decodable {
                let id: Int
                let edition: String
            }
            guard let section = try await db.select().columns("id", "edition").from("sections")
                .where("id", .equal, SQLBind(id)).first(decoding: Row.self)
            else { return }
            var ids = try await db.select().column("id").from("sections").where("edition", .equal, SQLBind(section.edition))
                .orderBy("position").orderBy("id").all(decodingColumn: "id", as: Int.self)
            guard let index = ids.firstIndex(of: id) else { return }
            let target = index + offset
            guard ids.indices.contains(target) else { return }
            ids.swapAt(index, target)
            for (position, sectionID) in ids.enumerated() {
                try await db.update("sections").set("position", to: SQLBind(position))
                    .where("id", .equal, SQLBind(sectionID)).run()
            }
        }
        try await announceMenu(ofSection: id)
    }

    // MARK: Tags

    /// Renames a tag; a new slug leaves the old address answering 301.
    public func renameTag(id: Int, name: String, slug: String) async throws {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw SetupError.emptyName }
        guard Slug.isValid(slug) else { throw SetupError.invalidSlug(slug) }
        try await database.transaction { db in
            guard let tag = try await db.select().columns("id", "edition", "slug", "name").from("tags")
                .where("id", .equal, SQLBind(id)).first(decoding: TagRow.self)
            else { throw SetupError.noSuchTag(id) }
            if slug != tag.slug {
                let taken = try await db.select().column("id").from("tags").where("edition", .equal, SQLBind(tag.edition))
                    .where("slug", .equal, SQLBind(slug)).first() != nil
                if taken { throw SetupError.slugTaken(slug) }
                try await db.delete(from: "tag_redirects").where("edition", .equal, SQLBind(tag.edition))
                    .where("slug", .equal, SQLBind(slug)).run()
                try await db.insert(into: "tag_redirects").columns("edition", "slug", "tag_id")
                    .values(SQLBind(tag.edition), SQLBind(tag.slug), SQLBind(id)).ignoringConflicts().run()
            }
            try await db.update("tags").set("name", to: SQLBind(name)).set("slug", to: SQLBind(slug))
                .where("id", .equal, SQLBind(id)).run()
        }
        database.changes.announce([.tag(id), .taxonomy])
    }

    /// Merges `source` into `target` (same edition): its articles get the target tag, its addresses answer 301.
    public func mergeTag(_ source: Int, into target: Int) async throws {
        guard source != target else { return }
        try await database.transaction { db in
            guard let from = try await db.select().columns("id", "edition", "slug", "name").from("tags")
                .where("id", .equal, SQLBind(source)).first(decoding: TagRow.self)
            else { throw SetupError.noSuchTag(source) }
            guard let to = try await db.select().columns("id", "edition", "slug", "name").from("tags")
                .where("id", .equal, SQLBind(target)).first(decoding: TagRow.self), to.edition == from.edition
            else { throw SetupError.noSuchTag(target) }
            try await db.raw(
                """
                INSERT INTO article_tags (article_id, tag_id, position)
                SELECT article_id, \(bind: target), position FROM article_tags WHERE tag_id = \(bind: source)
                ON CONFLICT DO NOTHING
                """
            ).run()
            try await db.update("tag_redirects").set("tag_id", to: SQLBind(target))
                .where("tag_id", .equal, SQLBind(source)).run()
            try await db.insert(into: "tag_redirects").columns("edition", "slug", "tag_id")
                .values(SQLBind(from.edition), SQLBind(from.slug), SQLBind(target)).ignoringConflicts().run()
            let moved = try await db.raw("SELECT article_id FROM article_tags WHERE tag_id = \(bind: source)")
                .all(decodingColumn: "article_id", as: Int.self)
            try await db.delete(from: "tags").where("id", .equal, SQLBind(source)).run()
            // Their index rows name their tags, for searches narrowed by tag.
            try await SearchIndex.refresh(moved, in: db)
        }
        database.changes.announce([.tag(source), .tag(target), .tagged(source), .tagged(target), .taxonomy])
    }
}

extension PublicQueries {
    /// Where a tag address that moved leads now.
    public func movedTag(edition: String, slug: String) async throws -> Tag? {
        try await db.select().columns(SQLRaw("t.id"), SQLRaw("t.edition"), SQLRaw("t.slug"), SQLRaw("t.name"))
            .from(SQLAlias(SQLIdentifier("tag_redirects"), as: SQLIdentifier("r")))
            .join(SQLAlias(SQLIdentifier("tags"), as: SQLIdentifier("t")), on: SQLRaw("t.id = r.tag_id"))
            .where(SQLColumn("edition", table: "r"), .equal, SQLBind(edition))
            .where(SQLColumn("slug", table: "r"), .equal, SQLBind(slug))
            .first(decoding: TagRow.self)?.tag
    }

    public func banner(edition: String, now: Date) async throws -> BreakingBanner? {
        guard let banner = try await NewsroomSetup.banner(edition: edition, in: db), banner.until > now
        else { return nil }
        return banner
    }
}

extension PublicQueries {
    public func tag(id: Int) async throws -> Tag? {
        try await db.select().columns("id", "edition", "slug", "name").from("tags").where("id", .equal, SQLBind(id))
            .first(decoding: TagRow.self)?.tag
    }
}
