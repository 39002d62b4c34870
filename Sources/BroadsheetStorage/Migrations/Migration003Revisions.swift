import SQLKit

/// Every save of an article is a revision: the whole editable draft as JSON, numbered per article.
enum Migration003Revisions {
    static let migration = Migration(number: 3, name: "revisions") { db in
        try await db.create(table: "article_revisions")
            .column("id", type: .bigint, .primaryKey)
            .column("article_id", type: .bigint, .notNull, .references("articles", "id", onDelete: .cascade))
            .column("number", type: .int, .notNull)
            .column("staff_id", type: .bigint, .references("staff", "id", onDelete: .setNull))
            .column("staff_name", type: .text, .notNull, .default(""))
            .column("created_at", type: .bigint, .notNull)
            .column("note", type: .text, .notNull, .default(""))
            .column("content", type: .text, .notNull)
            .unique("article_id", "number")
            .run()
        // Due scheduled articles are found by status and time.
        try await db.create(index: "articles_due").on("articles").column("status").column("published_at").run()
    }
}
