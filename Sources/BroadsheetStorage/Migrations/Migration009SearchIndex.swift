import SQLKit

/// The articles' full-text index (`SearchIndex`), filled from the articles already there.
enum Migration009SearchIndex {
    static let migration = Migration(number: 9, name: "search index") { db in
        try await SearchIndex.create(in: db)
        var after = 0
        while true {
            let ids = try await db.raw("SELECT id FROM articles WHERE id > \(bind: after) ORDER BY id LIMIT 500")
                .all(decodingColumn: "id", as: Int.self)
            guard let last = ids.last else { break }
            try await SearchIndex.refresh(ids, in: db)
            after = last
        }
    }
}
