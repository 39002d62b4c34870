import BroadsheetDomain
import Foundation
import SQLKit

/// A section or tag as one entry across editions: its name and address in each edition that has one.
public struct EntryNames: Sendable, Hashable {
    public struct Name: Sendable, Hashable {
        /// The edition's row: what articles and addresses point to.
        public var row: Int
        public var name: String
        public var slug: String
    }

    public var entry: Int
    /// Keyed by edition code; an edition without a name for the entry is missing.
    public var names: [String: Name]
}

extension NewsroomSetup {
    /// Every section, or one page of tags (`words` in any edition's name), as entries. Sections come in the
    /// order of the first edition's menu; tags by their first edition's name.
    public func entries(
        _ kind: EntryKind, editions: [String], words: String = "", limit: Int = 1_000, offset: Int = 0
    ) async throws -> [EntryNames] {
        struct Row: Decodable {
            let id: Int
            let edition: String
            let name: String
            let slug: String
            let entry: Int
        }
        var query = db.select().columns("id", "edition", "name", "slug").column(SQLIdentifier(kind.column), as: "entry")
            .from(kind.table)
        let words = words.trimmingCharacters(in: .whitespaces)
        if !words.isEmpty {
            // The whole entry when one of its names matches. SQLite folds the case of ASCII letters only: the
            // words are tried as typed, in lower case and capitalised, so that "корея" finds "Корея".
            let clean = words.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
            let forms = Set([clean, clean.lowercased(), clean.prefix(1).uppercased() + clean.dropFirst().lowercased()])
            let matching = db.select().column(SQLIdentifier(kind.column)).from(kind.table).where { group in
                var group = group
                for form in forms { group = group.orWhere("name", .like, SQLBind("%\(form)%")) }
                return group
            }
            query = query.where(SQLIdentifier(kind.column), .in, SQLGroupExpression(matching.query))
        }
        let rows = try await query.all(decoding: Row.self)
        var entries: [Int: EntryNames] = [:]
        for row in rows {
            entries[row.entry, default: EntryNames(entry: row.entry, names: [:])].names[row.edition] =
                EntryNames.Name(row: row.id, name: row.name, slug: row.slug)
        }
        var positions: [Int: Int] = [:]
        if kind == .section {
            struct Place: Decodable {
                let entry: Int
                let position: Int
                let edition: String
            }
            for place in try await db.select().column("entry_id", as: "entry").columns("position", "edition")
                .from("sections").all(decoding: Place.self)
            {
                let rank = (editions.firstIndex(of: place.edition) ?? editions.count) * 100_000 + place.position
                positions[place.entry] = min(positions[place.entry] ?? .max, rank)
            }
        }
        func label(_ entry: EntryNames) -> String {
            editions.lazy.compactMap { entry.names[$0]?.name.lowercased() }.first ?? ""
        }
        let sorted = entries.values.sorted {
            kind == .section
                ? (positions[$0.entry] ?? .max, $0.entry) < (positions[$1.entry] ?? .max, $1.entry)
                : (label($0), $0.entry) < (label($1), $1.entry)
        }
        return Array(sorted.dropFirst(offset).prefix(limit))
    }

    /// Sets a section's or tag's name in each edition (`entry` nil: a new one). A name given where there was
    /// none files the edition's row (its address made from the name); a changed name renames the row (the
    /// address stays); a name cleared removes the row, unless articles of that edition carry it. At least one
    /// edition keeps a name. Returns the entry.
    @discardableResult
    public func saveNames(
        _ kind: EntryKind, entry: Int?, names: [String: String], by staff: StaffMember?, now: Date = Date()
    ) async throws -> Int {
        guard kind != .author else { throw SetupError.emptyName }
        let names = names.mapValues { $0.trimmingCharacters(in: .whitespaces) }
        guard names.values.contains(where: { !$0.isEmpty }) else { throw SetupError.emptyName }
        let (saved, announced) = try await database.transaction { db -> (Int, Set<SurrogateKey>) in
            var announced: Set<SurrogateKey> = [.taxonomy]
            let existing = entry
            let entry = if let entry { entry } else { try await kind.newEntry(now: now, in: db) }
            struct Row: Decodable {
                let id: Int
                let edition: String
                let name: String
            }
            let rows = try await db.select().columns("id", "edition", "name").from(kind.table)
                .where(SQLIdentifier(kind.column), .equal, SQLBind(entry)).all(decoding: Row.self)
            for (edition, name) in names.sorted(by: { $0.key < $1.key }) {
                let row = rows.first { $0.edition == edition }
                switch (row, name.isEmpty) {
                case (nil, true):
                    continue
                case (nil, false):
                    _ = try await kind.addName(name, edition: edition, entry: entry, now: now, in: db)
                case (let row?, false) where row.name != name:
                    try await db.update(kind.table).set("name", to: SQLBind(name)).where("id", .equal, SQLBind(row.id)).run()
                case (let row?, true):
                    let link = kind == .section ? "articles" : "article_tags"
                    let column = kind == .section ? "section_id" : "tag_id"
                    if try await db.select().column(SQLIdentifier(column)).from(link)
                        .where(SQLIdentifier(column), .equal, SQLBind(row.id)).limit(1).first() != nil
                    {
                        throw SetupError.nameInUse(row.name)
                    }
                    try await db.delete(from: kind.table).where("id", .equal, SQLBind(row.id)).run()
                default:
                    continue
                }
                if kind == .section { announced.insert(.sections(edition)) }
                if let row, kind == .tag { announced.formUnion([.tag(row.id), .tagged(row.id)]) }
            }
            try await AuditLog.record(
                existing == nil ? "added a \(kind.rawValue)" : "named a \(kind.rawValue)", by: staff,
                subject: "\(kind.rawValue) \(entry)",
                detail: names.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "), now: now,
                in: db)
            return (entry, announced)
        }
        database.changes.announce(announced)
        return saved
    }

    /// Moves a section one place up (-1) or down (+1) in the order the sections page shows, and every edition's
    /// menu follows that order, so that no two editions list the same sections differently.
    public func moveSectionEntry(_ entry: Int, by offset: Int, editions: [String]) async throws {
        var order = try await entries(.section, editions: editions)
        guard let index = order.firstIndex(where: { $0.entry == entry }), order.indices.contains(index + offset) else {
            return
        }
        order.swapAt(index, index + offset)
        let moved = order
        try await database.transaction { db in
            for edition in editions {
                for (position, row) in moved.compactMap({ $0.names[edition]?.row }).enumerated() {
                    try await db.update("sections").set("position", to: SQLBind(position)).where("id", .equal, SQLBind(row))
                        .run()
                }
            }
        }
        database.changes.announce(Set(editions.map { SurrogateKey.sections($0) } + [.taxonomy]))
    }
}
