import BroadsheetDomain
import Foundation
import SQLKit

/// A section, tag or author that an article's original carries but the article's edition has no name for yet:
/// the translator names it on the spot.
public struct UnnamedEntry: Sendable, Hashable {
    public var kind: EntryKind
    public var entry: Int
    /// Its name in the original's edition, to translate from.
    public var originalName: String
}

/// A name given in the article's edition to an entry that had none there.
public struct EntryName: Sendable, Hashable {
    public var kind: EntryKind
    public var entry: Int
    public var name: String

    public init(kind: EntryKind, entry: Int, name: String) {
        self.kind = kind
        self.entry = entry
        self.name = name
    }
}

extension ArticleDesk {
    /// Starts the article's version in another edition: a draft in the same translation group with the
    /// original's text to translate over, its kind, flags, main and inline photos and sources, and its section,
    /// tags and authors under the new edition's names (those without one there are listed by `unnamed(in:)`).
    /// Its slug follows the translated headline until it is published. Returns the existing version's id when
    /// there already is one.
    public func translate(id: Int, into edition: String, by staff: StaffMember?, now: Date = Date()) async throws -> Int {
        try Self.require(.translate, of: staff)
        guard let original = try await load(id: id) else { throw DeskError.noSuchArticle(id) }
        return try await database.transaction { db in
            guard try await db.select().column("code").from("editions").where("code", .equal, SQLBind(edition)).first() != nil
            else { throw DeskError.noSuchEdition(edition) }
            let existing = try await db.select().column("id").from("articles")
                .where("translation_group", .equal, SQLBind(original.translationGroup))
                .where("edition", .equal, SQLBind(edition)).first(decodingColumn: "id", as: Int.self)
            if let existing { return existing }
            let links = try await PublicQueries(sql: db).links(ofArticle: id)
            var draft = original.draft
            draft.edition = edition
            draft.slug = ""
            draft.sectionID = try await original.draft.sectionID.asyncFlatMap {
                try await EntryKind.section.counterpart(of: $0, in: edition, db: db)?.id
            }
            draft.tags = []
            for tag in links.tags {
                if let name = try await EntryKind.tag.counterpart(of: tag.id, in: edition, db: db)?.name {
                    draft.tags.append(name)
                }
            }
            draft.authorIDs = []
            for author in links.authors {
                if let row = try await EntryKind.author.counterpart(of: author.id, in: edition, db: db)?.id {
                    draft.authorIDs.append(row)
                }
            }
            // The original's bylines stand on its translation, retired or not.
            let translation = try await Self.insert(
                draft, group: original.translationGroup, keeping: draft.authorIDs, by: staff, now: now, in: db)
            try await AuditLog.record(
                "started a translation", by: staff, subject: "article \(translation)",
                detail: "from article \(id) into \(edition)", now: now, in: db)
            return translation
        }
    }

    /// What the article's original (the group's first other version) carries that has no name in the
    /// article's edition: its section, tags and authors, in that order.
    public func unnamed(in article: EditableArticle) async throws -> [UnnamedEntry] {
        let db = database.sql
        guard
            let original = try await db.select().column("id").from("articles")
                .where("translation_group", .equal, SQLBind(article.translationGroup))
                .where("id", .notEqual, SQLBind(article.id)).orderBy("id").limit(1)
                .first(decodingColumn: "id", as: Int.self),
            let source = try await load(id: original)
        else { return [] }
        let edition = article.draft.edition
        let links = try await PublicQueries(sql: db).links(ofArticle: original)
        var rows: [(EntryKind, Int, String)] = []
        if let section = source.draft.sectionID, let name = try await PublicQueries(sql: db).section(id: section)?.name {
            rows.append((.section, section, name))
        }
        rows += links.tags.map { (.tag, $0.id, $0.name) } + links.authors.map { (.author, $0.id, $0.name) }
        var unnamed: [UnnamedEntry] = []
        for (kind, row, name) in rows where try await kind.counterpart(of: row, in: edition, db: db) == nil {
            guard let entry = try await kind.entry(of: row, db: db) else { continue }
            unnamed.append(UnnamedEntry(kind: kind, entry: entry, originalName: name))
        }
        return unnamed
    }

    /// Gives entries a name in the article's edition (the translator's, on the spot) and puts them on the
    /// article: as its section when it has none, after its tags and authors. Empty names are passed over.
    public func name(_ names: [EntryName], onArticle id: Int, by staff: StaffMember?, now: Date = Date()) async throws {
        try Self.require(.translate, of: staff)
        guard let article = try await load(id: id) else { throw DeskError.noSuchArticle(id) }
        if let staff,
            !Permissions.mayEdit(role: staff.role, actorID: staff.id, ownerID: article.createdBy, status: article.status)
        {
            throw DeskError.notAllowed(.editAnyArticle)
        }
        let edition = article.draft.edition
        let names = names.map { EntryName(kind: $0.kind, entry: $0.entry, name: $0.name.trimmingCharacters(in: .whitespaces)) }
            .filter { !$0.name.isEmpty }
        guard !names.isEmpty else { return }
        for name in names where !name.name.contains(where: { $0.isLetter || $0.isNumber }) {
            throw DeskError.nameUnusable(name.name)
        }
        // A new name shows in the edition's lists of tags and authors; a section's, in its menu too.
        let keys: Set<SurrogateKey> = names.contains { $0.kind == .section } ? [.taxonomy, .sections(edition)] : [.taxonomy]
        try await announcing(article: id) { try await database.transaction { db in
            var draft = article.draft
            for name in names {
                // Named meanwhile by someone else: the name that edition already has stands.
                let row = try await Self.row(naming: name, edition: edition, now: now, in: db)
                switch name.kind {
                case .section:
                    if draft.sectionID == nil { draft.sectionID = row.id }
                case .tag:
                    if !draft.tags.contains(where: { $0.lowercased() == row.name.lowercased() }) { draft.tags.append(row.name) }
                case .author:
                    if !draft.authorIDs.contains(row.id) { draft.authorIDs.append(row.id) }
                }
            }
            try await Self.writeFields(id: id, draft, in: db)
            let number = try await Self.addRevision(id: id, draft, by: staff, note: "named for the edition", now: now, in: db)
            try await AuditLog.record(
                "named for the edition", by: staff, subject: "article \(id)",
                detail: "revision \(number): " + names.map { "\($0.kind.rawValue) \($0.name)" }.joined(separator: ", "),
                now: now, in: db)
        } }
        database.changes.announce(keys)
    }

    /// The edition's row of an entry: the one it has, or a new one with this name.
    private static func row(naming name: EntryName, edition: String, now: Date, in db: any SQLDatabase) async throws
        -> (id: Int, name: String)
    {
        struct Row: Decodable {
            let id: Int
            let name: String
        }
        let kind = name.kind
        if let existing = try await db.select().columns("id", "name").from(kind.table)
            .where(SQLIdentifier(kind.column), .equal, SQLBind(name.entry)).where("edition", .equal, SQLBind(edition))
            .first(decoding: Row.self)
        {
            return (existing.id, existing.name)
        }
        return (try await kind.addName(name.name, edition: edition, entry: name.entry, now: now, in: db), name.name)
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
