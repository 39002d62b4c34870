import Foundation
import SQLKit

/// Sections, tags and authors become single entries across editions, each with a name and slug per edition.
///
/// The per-edition rows stay what they were (same ids, same slugs, so no public address changes, and articles
/// keep pointing at them); what is new is what ties them together: a section's or tag's rows share an
/// `entry_id`, an author's rows a `person_id` (a person: the byline's photo, links, staff account, retirement).
/// An edition with no row for an entry has no name for it, and is not offered it.
///
/// Today's rows are linked where the translation groups show they are the same: two rows of different editions
/// are one entry when each is the other's most frequent partner across the groups' versions (for tags and
/// authors, at the same position in the article's list). Every other row becomes an entry of its own.
enum Migration011Entries {
    static let migration = Migration(number: 11, name: "sections, tags and authors across editions") { db in
        let boolean = SQLDataType.custom(SQLRaw("BOOLEAN"))
        for table in ["section_entries", "tag_entries"] {
            try await db.create(table: table)
                .column("id", type: .bigint, .primaryKey)
                .column("created_at", type: .bigint, .notNull)
                .run()
        }
        try await db.create(table: "people")
            .column("id", type: .bigint, .primaryKey)
            // The reporter whose byline this is, when they sign in to the newsroom; none for columnists, agencies.
            .column("staff_id", type: .bigint, .references("staff", "id", onDelete: .setNull))
            .column("photo_id", type: .bigint, .references("photos", "id", onDelete: .setNull))
            // "Label | https://..." per line.
            .column("links", type: .text, .notNull, .default(""))
            // Keeps their page and articles; no longer offered in the editor.
            .column("retired", type: boolean, .notNull, .default(false))
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await db.alter(table: "sections").column("entry_id", type: .bigint, .references("section_entries", "id")).run()
        try await db.alter(table: "tags").column("entry_id", type: .bigint, .references("tag_entries", "id")).run()
        try await db.alter(table: "authors").column("person_id", type: .bigint, .references("people", "id")).run()
        // An author page that moved (a merged author): it answers 301 to the author's page.
        try await db.create(table: "author_redirects")
            .column("edition", type: .text, .notNull)
            .column("slug", type: .text, .notNull)
            .column("author_id", type: .bigint, .notNull, .references("authors", "id", onDelete: .cascade))
            .primaryKey("edition", "slug")
            .run()

        try await link(in: db, now: Date())
        for kind in EntryKind.allCases {
            // One name per edition for each entry.
            try await db.create(index: "\(kind.table)_\(kind.column)").unique().on(kind.table)
                .column(kind.column).column("edition").run()
        }
    }

    /// Files an entry for every group of rows that name the same thing (rows without an entry yet).
    static func link(in db: any SQLDatabase, now: Date) async throws {
        struct Row: Decodable {
            let id: Int
            let edition: String
        }
        struct Pair: Decodable {
            let x: Int
            let y: Int
            let n: Int
        }
        for kind in EntryKind.allCases {
            let rows = try await db.select().columns("id", "edition").from(kind.table)
                .where(SQLIdentifier(kind.column), .is, SQLLiteral.null).orderBy("id").all(decoding: Row.self)
            let pairs = try await db.raw(pairs(of: kind)).all(decoding: Pair.self)
            let groups = EntryLinking.groups(
                rows: rows.map { ($0.id, $0.edition) }, pairs: pairs.map { ($0.x, $0.y, $0.n) })
            for group in groups {
                let entry = try await kind.newEntry(now: now, in: db)
                try await db.update(kind.table).set(SQLIdentifier(kind.column), to: SQLBind(entry))
                    .where("id", .in, SQLBind.group(group)).run()
            }
        }
    }

    /// How often two rows of different editions stand together in one translation group's versions: as the
    /// section of both, or at the same place in their tags or authors.
    private static func pairs(of kind: EntryKind) -> SQLQueryString {
        let versions: SQLQueryString =
            "FROM articles a JOIN articles b ON b.translation_group = a.translation_group AND b.edition <> a.edition"
        switch kind {
        case .section:
            return """
                SELECT a.section_id AS x, b.section_id AS y, COUNT(*) AS n \(versions)
                WHERE a.section_id IS NOT NULL AND b.section_id IS NOT NULL
                GROUP BY a.section_id, b.section_id
                """
        case .tag:
            return """
                SELECT la.tag_id AS x, lb.tag_id AS y, COUNT(*) AS n \(versions)
                JOIN article_tags la ON la.article_id = a.id
                JOIN article_tags lb ON lb.article_id = b.id AND lb.position = la.position
                GROUP BY la.tag_id, lb.tag_id
                """
        case .author:
            return """
                SELECT la.author_id AS x, lb.author_id AS y, COUNT(*) AS n \(versions)
                JOIN article_authors la ON la.article_id = a.id
                JOIN article_authors lb ON lb.article_id = b.id AND lb.position = la.position
                GROUP BY la.author_id, lb.author_id
                """
        }
    }
}

/// Which per-edition rows name the same thing, from how often they stand together in translation groups.
enum EntryLinking {
    /// `rows`: (id, edition); `pairs`: (x, y, how many translation groups show x and y together), in both
    /// directions. Returns every row in exactly one group, with at most one row of an edition in a group.
    static func groups(rows: [(id: Int, edition: String)], pairs: [(x: Int, y: Int, n: Int)]) -> [[Int]] {
        let edition = Dictionary(rows.map { ($0.id, $0.edition) }, uniquingKeysWith: { first, _ in first })
        // Each row's most frequent partner in each other edition (the lower id on a tie).
        var best: [Int: [String: (id: Int, n: Int)]] = [:]
        for pair in pairs {
            guard let other = edition[pair.y], edition[pair.x] != nil, other != edition[pair.x] else { continue }
            let current = best[pair.x]?[other]
            if current == nil || pair.n > current!.n || (pair.n == current!.n && pair.y < current!.id) {
                best[pair.x, default: [:]][other] = (pair.y, pair.n)
            }
        }
        // Mutual best partners, strongest first, joined unless that would put two rows of one edition together.
        var links: [(x: Int, y: Int, n: Int)] = []
        for (x, partners) in best {
            for (_, partner) in partners where x < partner.id {
                if let back = best[partner.id]?[edition[x]!], back.id == x { links.append((x, partner.id, partner.n)) }
            }
        }
        links.sort { ($0.n, $1.x, $1.y) > ($1.n, $0.x, $0.y) }
        var group = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.id) })
        var members = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, [$0.id]) })
        func root(_ id: Int) -> Int {
            var id = id
            while let parent = group[id], parent != id { id = parent }
            return id
        }
        for link in links {
            let a = root(link.x)
            let b = root(link.y)
            guard a != b else { continue }
            let editionsA = Set(members[a]!.map { edition[$0]! })
            guard editionsA.isDisjoint(with: members[b]!.map { edition[$0]! }) else { continue }
            group[b] = a
            members[a]! += members[b]!
            members[b] = nil
        }
        return members.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }
}
