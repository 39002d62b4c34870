import SQLKit

/// Tag addresses that moved (a renamed slug, a merged tag): they answer 301 to the tag's current page.
enum Migration006TagRedirects {
    static let migration = Migration(number: 6, name: "tag redirects") { db in
        try await db.create(table: "tag_redirects")
            .column("edition", type: .text, .notNull)
            .column("slug", type: .text, .notNull)
            .column("tag_id", type: .bigint, .notNull, .references("tags", "id", onDelete: .cascade))
            .primaryKey("edition", "slug")
            .run()
    }
}
