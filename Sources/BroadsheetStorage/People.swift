import BroadsheetDomain
import Foundation
import SQLKit

/// The newsroom's authors as people: the only writer of `people` and of their per-edition `authors` rows.
///
/// It holds the rules (a name in at least one edition, slugs made from each edition's name and unique in the
/// edition, links the site may show, no byline removed while articles carry it), writes the audit line in the
/// transaction that makes the change, and announces the pages that change after the commit. The newsroom's
/// forms and the command line call it; `by` names the staff member who acts, `nil` the command line.
public struct People: Sendable {
    let database: NewsDatabase

    public init(database: NewsDatabase) {
        self.database = database
    }

    // MARK: Reading

    public func count() async throws -> Int {
        try await database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("people")
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// People by their first name in alphabetical order, a page at a time.
    public func list(limit: Int = 50, offset: Int = 0) async throws -> [Person] {
        let ids = try await database.sql.raw(
            """
            SELECT p.id FROM people p LEFT JOIN authors a ON a.person_id = p.id
            GROUP BY p.id ORDER BY MIN(a.name), p.id LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all(decodingColumn: "id", as: Int.self)
        return try await Self.load(ids: ids, in: database.sql)
    }

    public func load(id: Int) async throws -> Person? {
        try await Self.load(ids: [id], in: database.sql).first
    }

    /// The codes of the editions the newsroom has, in their order.
    public func editions() async throws -> [String] {
        try await database.sql.select().column("code").from("editions").orderBy("position")
            .all(decodingColumn: "code", as: String.self)
    }

    /// Who an author row (one edition's byline) belongs to.
    public func person(ofAuthor authorID: Int) async throws -> Int? {
        try await database.sql.select().column("person_id").from("authors").where("id", .equal, SQLBind(authorID))
            .first(decodingColumn: "person_id", as: Int?.self) ?? nil
    }

    /// The people with these ids, in the order given, with their bylines in the editions' order.
    static func load(ids: [Int], in db: any SQLDatabase) async throws -> [Person] {
        guard !ids.isEmpty else { return [] }
        struct PersonRow: Decodable {
            let id: Int
            let staff_id: Int?
            let staff_name: String?
            let photo_id: Int?
            let links: String
            let retired: Bool
        }
        struct BylineRow: Decodable {
            let id: Int
            let person_id: Int
            let edition: String
            let slug: String
            let name: String
            let bio: String
        }
        struct Count: Decodable {
            let author_id: Int
            let n: Int
        }
        let people = try await db.raw(
            """
            SELECT p.id, p.staff_id, s.name AS staff_name, p.photo_id, p.links, p.retired
            FROM people p LEFT JOIN staff s ON s.id = p.staff_id WHERE p.id IN (\(binds: ids))
            """
        ).all(decoding: PersonRow.self)
        let rows = try await db.raw(
            """
            SELECT a.id, a.person_id, a.edition, a.slug, a.name, a.bio FROM authors a
            LEFT JOIN editions e ON e.code = a.edition WHERE a.person_id IN (\(binds: ids))
            ORDER BY e.position, a.edition
            """
        ).all(decoding: BylineRow.self)
        let counts = rows.isEmpty ? [] : try await db.raw(
            """
            SELECT author_id, COUNT(*) AS n FROM article_authors WHERE author_id IN (\(binds: rows.map(\.id)))
            GROUP BY author_id
            """
        ).all(decoding: Count.self)
        let articles = Dictionary(counts.map { ($0.author_id, $0.n) }, uniquingKeysWith: +)
        let bylines = Dictionary(grouping: rows, by: \.person_id)
        let byID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { id in
            guard let row = byID[id] else { return nil }
            return Person(
                id: id,
                bylines: (bylines[id] ?? []).map {
                    Person.Byline(
                        authorID: $0.id, edition: $0.edition, slug: $0.slug, name: $0.name, bio: $0.bio,
                        articles: articles[$0.id] ?? 0)
                },
                staffID: row.staff_id, staffName: row.staff_name, photoID: row.photo_id, links: row.links,
                retired: row.retired)
        }
    }

    // MARK: Writing

    /// Files a new person with a byline in each edition given a name; each slug is made from that edition's name.
    public func add(_ draft: PersonDraft, by staff: StaffMember?, now: Date = Date()) async throws -> Person {
        let links = try Self.links(draft.links)
        let bylines = Self.typed(draft)
        guard bylines.contains(where: { !$0.name.isEmpty }) else { throw PeopleError.noName }
        let person = try await database.transaction { db in
            try await Self.check(draft, in: db)
            let id = try await EntryKind.author.newEntry(now: now, in: db)
            try await Self.saveFields(of: id, draft, links: links, in: db)
            for byline in bylines where !byline.name.isEmpty {
                try await Self.insertByline(byline, person: id, now: now, in: db)
            }
            let person = try await Self.load(ids: [id], in: db)[0]
            try await AuditLog.record("added an author", by: staff, subject: "author \(id)", detail: person.names, now: now, in: db)
            return person
        }
        database.changes.announce([.taxonomy])
        return person
    }

    /// Saves a person's names, bios, photo, links, staff account and retirement. A renamed edition keeps its
    /// slug unless `remakeSlugs`; a slug that changes leaves the old address answering 301.
    public func edit(id: Int, _ draft: PersonDraft, remakeSlugs: Bool, by staff: StaffMember?, now: Date = Date())
        async throws
    {
        let links = try Self.links(draft.links)
        let touched = try await database.transaction { db in
            guard let person = try await Self.load(ids: [id], in: db).first else { throw PeopleError.noSuchPerson(id) }
            try await Self.check(draft, in: db)
            let bylines = Self.typed(draft)
            let kept = person.bylines.filter { draft.bylines[$0.edition] == nil }
            guard !kept.isEmpty || bylines.contains(where: { !$0.name.isEmpty }) else { throw PeopleError.noName }
            var touched = Set<Int>()
            for byline in bylines {
                guard let current = person.byline(byline.edition) else {
                    if !byline.name.isEmpty { try await Self.insertByline(byline, person: id, now: now, in: db) }
                    continue
                }
                if byline.name.isEmpty {
                    guard current.articles == 0 else {
                        throw PeopleError.bylineInUse(edition: current.edition, articles: current.articles)
                    }
                    try await db.delete(from: "authors").where("id", .equal, SQLBind(current.authorID)).run()
                    touched.insert(current.authorID)
                    continue
                }
                var slug = current.slug
                if remakeSlugs && byline.name != current.name {
                    slug = try await Self.freeSlug(
                        Slug.make(from: byline.name, language: byline.edition), edition: byline.edition,
                        owner: current.authorID, in: db)
                }
                guard (byline.name, byline.bio, slug) != (current.name, current.bio, current.slug) else { continue }
                if slug != current.slug {
                    try await Self.redirect(edition: byline.edition, from: current.slug, to: current.authorID, in: db)
                    try await db.delete(from: "author_redirects").where("edition", .equal, SQLBind(byline.edition))
                        .where("slug", .equal, SQLBind(slug)).run()
                }
                try await db.update("authors").set("name", to: SQLBind(byline.name)).set("bio", to: SQLBind(byline.bio))
                    .set("slug", to: SQLBind(slug)).where("id", .equal, SQLBind(current.authorID)).run()
                touched.insert(current.authorID)
            }
            try await Self.saveFields(of: id, draft, links: links, in: db)
            let names = try await Self.load(ids: [id], in: db).first?.names ?? ""
            try await AuditLog.record("edited an author", by: staff, subject: "author \(id)", detail: names, now: now, in: db)
            return touched
        }
        // Article pages name their authors, so a byline's change shows there as well as on its own page.
        database.changes.announce(Set(touched.map { SurrogateKey.author($0) }).union([.taxonomy]))
    }

    /// A retired person keeps their page and articles but is no longer offered in the editor.
    public func retire(id: Int, _ retired: Bool = true, by staff: StaffMember?, now: Date = Date()) async throws {
        try await database.transaction { db in
            guard try await Self.load(ids: [id], in: db).first != nil else { throw PeopleError.noSuchPerson(id) }
            try await db.update("people").set("retired", to: SQLBind(retired)).where("id", .equal, SQLBind(id)).run()
            try await AuditLog.record(
                retired ? "retired an author" : "brought back an author", by: staff, subject: "author \(id)", now: now,
                in: db)
        }
    }

    // MARK: Rules

    /// Each edition's name and bio as typed, trimmed, in edition code order.
    static func typed(_ draft: PersonDraft) -> [(edition: String, name: String, bio: String)] {
        draft.bylines.sorted { $0.key < $1.key }.map {
            (
                $0.key, $0.value.name.trimmingCharacters(in: .whitespacesAndNewlines),
                $0.value.bio.trimmingCharacters(in: .whitespacesAndNewlines)
            )
        }
    }

    /// The links as stored, "Label | url" per line, or the first line that is not acceptable.
    static func links(_ text: String) throws -> String {
        var lines: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let columns = trimmed.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard columns.count == 2, !columns[0].isEmpty, !columns[1].isEmpty else {
                throw PeopleError.linkIncomplete(trimmed)
            }
            guard LinkPolicy.isAllowed(columns[1]) else { throw PeopleError.linkNotAllowed(columns[1]) }
            lines.append("\(columns[0]) | \(columns[1])")
        }
        return lines.joined(separator: "\n")
    }

    /// The editions, staff account and photo the draft names exist.
    static func check(_ draft: PersonDraft, in db: any SQLDatabase) async throws {
        let editions = Set(try await db.select().column("code").from("editions").all(decodingColumn: "code", as: String.self))
        for (edition, byline) in draft.bylines.sorted(by: { $0.key < $1.key })
        where !editions.contains(edition) && !byline.name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw PeopleError.noSuchEdition(edition)
        }
        if let staff = draft.staffID,
            try await db.select().column("id").from("staff").where("id", .equal, SQLBind(staff)).first() == nil
        {
            throw PeopleError.noSuchStaff(staff)
        }
        if let photo = draft.photoID,
            try await db.select().column("id").from("photos").where("id", .equal, SQLBind(photo)).first() == nil
        {
            throw PeopleError.noSuchPhoto(photo)
        }
    }

    private static func saveFields(of id: Int, _ draft: PersonDraft, links: String, in db: any SQLDatabase) async throws {
        try await db.update("people").set("staff_id", to: SQLBind(draft.staffID)).set("photo_id", to: SQLBind(draft.photoID))
            .set("links", to: SQLBind(links)).set("retired", to: SQLBind(draft.retired))
            .where("id", .equal, SQLBind(id)).run()
    }

    private static func insertByline(
        _ byline: (edition: String, name: String, bio: String), person: Int, now: Date, in db: any SQLDatabase
    ) async throws {
        let slug = try await freeSlug(
            Slug.make(from: byline.name, language: byline.edition), edition: byline.edition, owner: nil, in: db)
        _ = try await EntryKind.author.insertRow(
            entry: person, columns: ["edition", "slug", "name", "bio"],
            values: [SQLBind(byline.edition), SQLBind(slug), SQLBind(byline.name), SQLBind(byline.bio)], now: now, in: db)
    }

    /// `slug`, or "-2", "-3"... after it: the first that no other author of the edition has, nor had (an old
    /// address that answers 301 stays with the author it leads to).
    static func freeSlug(_ slug: String, edition: String, owner: Int?, in db: any SQLDatabase) async throws -> String {
        var candidate = slug
        var suffix = 2
        while try await isTaken(candidate, edition: edition, owner: owner, in: db) {
            let tail = "-\(suffix)"
            candidate = String(slug.prefix(Slug.defaultMaxLength - tail.count)) + tail
            suffix += 1
        }
        return candidate
    }

    private static func isTaken(_ slug: String, edition: String, owner: Int?, in db: any SQLDatabase) async throws -> Bool {
        for table in ["authors", "author_redirects"] {
            let column = table == "authors" ? "id" : "author_id"
            var query = db.select().column(SQLIdentifier(column)).from(table).where("edition", .equal, SQLBind(edition))
                .where("slug", .equal, SQLBind(slug))
            if let owner { query = query.where(SQLIdentifier(column), .notEqual, SQLBind(owner)) }
            if try await query.first() != nil { return true }
        }
        return false
    }

    /// The edition's address `slug` answers 301 to the author row `authorID`'s page from now on.
    static func redirect(edition: String, from slug: String, to authorID: Int, in db: any SQLDatabase) async throws {
        try await db.delete(from: "author_redirects").where("edition", .equal, SQLBind(edition))
            .where("slug", .equal, SQLBind(slug)).run()
        try await db.insert(into: "author_redirects").columns("edition", "slug", "author_id")
            .values(SQLBind(edition), SQLBind(slug), SQLBind(authorID)).run()
    }
}
