/// A table a copy moves: its columns as the source has them, its primary key, and the tables it refers to.
struct CopyTable: Sendable {
    let name: String
    let columns: [String]
    /// The primary key's columns in key order: rows are copied and hashed in this order, and an interrupted
    /// copy carries on after the last key it committed.
    let key: [String]
    /// The tables this one's foreign keys refer to: they are copied first.
    let parents: Set<String>
    /// The target's type of each of `columns`, in the same order; read once the target is migrated.
    var types: [CopyColumnType] = []

    /// Where each key column is in `columns`.
    var keyIndexes: [Int] { key.compactMap { columns.firstIndex(of: $0) } }

    /// `tables` with every table after those it refers to, in their given order otherwise.
    ///
    /// Derived from the foreign keys rather than listed by hand, so that a table a migration adds takes its
    /// place without anyone keeping an order up to date. (A table that refers to itself is ordered by its key;
    /// no table does today.)
    static func parentsFirst(_ tables: [CopyTable]) throws -> [CopyTable] {
        let names = Set(tables.map(\.name))
        var placed: Set<String> = []
        var ordered: [CopyTable] = []
        var waiting = tables
        while !waiting.isEmpty {
            guard
                let next = waiting.firstIndex(where: { table in
                    table.parents.allSatisfy { $0 == table.name || placed.contains($0) || !names.contains($0) }
                })
            else {
                throw CopyError.tablesInACycle(waiting.map(\.name))
            }
            let table = waiting.remove(at: next)
            placed.insert(table.name)
            ordered.append(table)
        }
        return ordered
    }
}

/// Which of the newsroom's tables a copy moves.
///
/// Every table must be named here. A migration that adds a table stops the copy (and fails its test) until
/// someone decides whether the new table is the newsroom's content or, like sessions, the running server's.
public enum CopiedTables {
    /// The newsroom: content, photos' records, staff, revisions, the audit log, settings.
    static let content: Set<String> = [
        "editions", "sections", "tags", "authors", "photos", "translation_groups", "articles", "article_tags",
        "article_authors", "article_sources", "article_old_urls", "settings", "ad_slots", "staff", "sign_in_attempts",
        "audit_log", "article_revisions", "article_corrections", "deleted_articles", "tag_redirects",
        "section_entries", "tag_entries", "people", "author_redirects", "photo_texts",
    ]

    /// Signed-in sessions: left out unless asked for, since whoever holds one is let in on the new server too.
    public static let sessions: Set<String> = ["staff_sessions"]

    /// The record of applied migrations: the target has its own, written when it is migrated.
    static let migrations = "schema_migrations"

    /// Tables derived from the others, built again on the target rather than copied: the search index (on
    /// SQLite an FTS5 table and its shadow tables, `article_search_*`).
    static func isDerived(_ table: String) -> Bool {
        table == "article_search" || table.hasPrefix("article_search_")
    }
}
