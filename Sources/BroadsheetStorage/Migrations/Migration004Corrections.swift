import SQLKit

/// Dated corrections on published articles, and the addresses of deleted articles (they answer 410).
enum Migration004Corrections {
    static let migration = Migration(number: 4, name: "corrections and deleted articles") { db in
        try await db.create(table: "article_corrections")
            .column("id", type: .bigint, .primaryKey)
            .column("article_id", type: .bigint, .notNull, .references("articles", "id", onDelete: .cascade))
            .column("at", type: .bigint, .notNull)
            .column("text", type: .text, .notNull)
            .run()
        try await db.create(index: "article_corrections_by_article").on("article_corrections").column("article_id").run()

        try await db.create(table: "deleted_articles")
            .column("edition", type: .text, .notNull)
            .column("url_day", type: .text, .notNull)
            .column("slug", type: .text, .notNull)
            .column("headline", type: .text, .notNull)
            .column("deleted_at", type: .bigint, .notNull)
            .column("deleted_by", type: .text, .notNull)
            .primaryKey("edition", "url_day", "slug")
            .run()
    }
}
