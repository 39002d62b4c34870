import BroadsheetDomain
import Foundation
import SQLKit

/// What has a name per edition: sections, tags and authors. Each edition's row of one of them (its name and
/// slug there) points to the entry that ties the editions' rows together (migration 011).
public enum EntryKind: String, Sendable, CaseIterable {
    case section, tag, author

    /// The per-edition rows.
    var table: String {
        switch self {
        case .section: "sections"
        case .tag: "tags"
        case .author: "authors"
        }
    }

    /// The entries: for authors, the people.
    var entries: String {
        switch self {
        case .section: "section_entries"
        case .tag: "tag_entries"
        case .author: "people"
        }
    }

    /// The rows' column naming their entry.
    var column: String { self == .author ? "person_id" : "entry_id" }

    /// Files a new entry (no name in any edition yet) and returns its id.
    func newEntry(now: Date, in db: any SQLDatabase) async throws -> Int {
        guard
            let id = try await db.insert(into: entries).columns("created_at").values(SQLBind(now.epochSeconds))
                .returning("id").first(decodingColumn: "id", as: Int.self)
        else { throw NewsroomWriter.WriteError.noIDReturned(entries) }
        return id
    }

    /// Inserts one edition's row (its entry given, or a new one) and returns the row's id.
    func insertRow(
        entry: Int?, columns: [String], values: [SQLBind], now: Date, in db: any SQLDatabase
    ) async throws -> Int {
        let entry = if let entry { entry } else { try await newEntry(now: now, in: db) }
        guard
            let id = try await db.insert(into: table).columns(columns + [column]).values(values + [SQLBind(entry)])
                .returning("id").first(decodingColumn: "id", as: Int.self)
        else { throw NewsroomWriter.WriteError.noIDReturned(table) }
        return id
    }

    /// The row (id and name) that names the same entry as `row` in `edition`, if that edition has a name for it.
    func counterpart(of row: Int, in edition: String, db: any SQLDatabase) async throws -> (id: Int, name: String)? {
        struct Row: Decodable {
            let id: Int
            let name: String
        }
        return try await db.raw(
            """
            SELECT t.id, t.name FROM \(unsafeRaw: table) s JOIN \(unsafeRaw: table) t
            ON t.\(unsafeRaw: column) = s.\(unsafeRaw: column) AND t.edition = \(bind: edition)
            WHERE s.id = \(bind: row)
            """
        ).first(decoding: Row.self).map { ($0.id, $0.name) }
    }

    /// The entry `row` belongs to.
    func entry(of row: Int, db: any SQLDatabase) async throws -> Int? {
        try await db.select().column(SQLIdentifier(column)).from(table).where("id", .equal, SQLBind(row))
            .first(decodingColumn: column, as: Int?.self) ?? nil
    }

    /// `base`, or `base-2`, `base-3`... : the first slug no row of this kind has in `edition`.
    func freeSlug(_ base: String, edition: String, db: any SQLDatabase) async throws -> String {
        var slug = base
        var suffix = 2
        while try await db.select().column("id").from(table).where("edition", .equal, SQLBind(edition))
            .where("slug", .equal, SQLBind(slug)).first() != nil
        {
            slug = "\(base)-\(suffix)"
            suffix += 1
        }
        return slug
    }

    /// Files `name` as `edition`'s name of `entry`: its address made from the name (free in the edition), and for
    /// a section the last place in the edition's menu. Returns the new row's id.
    func addName(_ name: String, edition: String, entry: Int, now: Date, in db: any SQLDatabase) async throws -> Int {
        let slug = try await freeSlug(Slug.make(from: name, language: edition), edition: edition, db: db)
        var columns = ["edition", "slug", "name"]
        var values = [SQLBind(edition), SQLBind(slug), SQLBind(name)]
        if self == .section {
            let last = try await db.select().column(SQLFunction("MAX", args: SQLIdentifier("position")), as: "p")
                .from("sections").where("edition", .equal, SQLBind(edition)).first(decodingColumn: "p", as: Int?.self) ?? nil
            columns.append("position")
            values.append(SQLBind((last ?? -1) + 1))
        }
        return try await insertRow(entry: entry, columns: columns, values: values, now: now, in: db)
    }
}
