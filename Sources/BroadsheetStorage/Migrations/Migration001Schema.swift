import SQLKit

/// The first schema: editions, their sections, tags and authors, photos, articles and what hangs off them,
/// and the newsroom's settings. Times are whole seconds since 1970 (UTC) in BIGINT columns, so the same
/// statements work on SQLite and PostgreSQL.
enum Migration001Schema {
    static let migration = Migration(number: 1, name: "schema") { db in
        let boolean = SQLDataType.custom(SQLRaw("BOOLEAN"))

        try await db.create(table: "editions")
            .column("code", type: .text, .primaryKey(autoIncrement: false))
            .column("path_prefix", type: .text, .notNull)
            .column("name", type: .text, .notNull)
            .column("locale", type: .text, .notNull)
            .column("position", type: .int, .notNull)
            .run()

        for table in ["sections", "tags", "authors"] {
            var builder = db.create(table: table)
                .column("id", type: .bigint, .primaryKey)
                .column("edition", type: .text, .notNull, .references("editions", "code"))
                .column("slug", type: .text, .notNull)
                .column("name", type: .text, .notNull)
            switch table {
            case "sections": builder = builder.column("position", type: .int, .notNull, .default(0))
            case "authors": builder = builder.column("bio", type: .text, .notNull, .default(""))
            default: break
            }
            try await builder.unique("edition", "slug").run()
        }

        try await db.create(table: "photos")
            .column("id", type: .bigint, .primaryKey)
            .column("file", type: .text, .notNull)
            .column("width", type: .int, .notNull)
            .column("height", type: .int, .notNull)
            // `caption` and `alt_text` are no longer read: since migration 012 they are per edition, in photo_texts.
            .column("caption", type: .text, .notNull, .default(""))
            .column("credit", type: .text, .notNull, .default(""))
            .column("alt_text", type: .text, .notNull, .default(""))
            .column("created_at", type: .bigint, .notNull)
            .run()

        // A translation group is the set of an article's versions in the editions.
        try await db.create(table: "translation_groups")
            .column("id", type: .bigint, .primaryKey)
            .column("created_at", type: .bigint, .notNull)
            .run()

        try await db.create(table: "articles")
            .column("id", type: .bigint, .primaryKey)
            .column("edition", type: .text, .notNull, .references("editions", "code"))
            .column("translation_group", type: .bigint, .notNull, .references("translation_groups", "id"))
            .column("kind", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("headline", type: .text, .notNull)
            .column("slug", type: .text, .notNull)
            .column("lead", type: .text, .notNull, .default(""))
            .column("body", type: .text, .notNull, .default(""))
            .column("main_photo_id", type: .bigint, .references("photos", "id"))
            .column("section_id", type: .bigint, .references("sections", "id"))
            // First publication (or the planned one); its local day is the date in the URL.
            .column("published_at", type: .bigint)
            .column("url_day", type: .text)
            .column("updated_at", type: .bigint)
            .column("is_breaking", type: boolean, .notNull, .default(false))
            .column("is_top", type: boolean, .notNull, .default(false))
            .column("created_at", type: .bigint, .notNull)
            .run()
        // The slug is unique per edition and day; NULL days (never dated drafts) do not collide.
        try await db.create(index: "articles_url").unique().on("articles")
            .column("edition").column("url_day").column("slug").run()
        // Behind every list of the public site: newest published first, per edition and per section.
        try await db.create(index: "articles_edition_latest").on("articles")
            .column("edition").column("status").column("published_at").run()
        try await db.create(index: "articles_section_latest").on("articles")
            .column("section_id").column("status").column("published_at").run()
        try await db.create(index: "articles_translation_group").on("articles")
            .column("translation_group").run()

        try await db.create(table: "article_tags")
            .column("article_id", type: .bigint, .notNull, .references("articles", "id", onDelete: .cascade))
            .column("tag_id", type: .bigint, .notNull, .references("tags", "id", onDelete: .cascade))
            .column("position", type: .int, .notNull)
            .primaryKey("article_id", "tag_id")
            .run()
        try await db.create(index: "article_tags_by_tag").on("article_tags").column("tag_id").column("article_id").run()

        try await db.create(table: "article_authors")
            .column("article_id", type: .bigint, .notNull, .references("articles", "id", onDelete: .cascade))
            .column("author_id", type: .bigint, .notNull, .references("authors", "id", onDelete: .cascade))
            .column("position", type: .int, .notNull)
            .primaryKey("article_id", "author_id")
            .run()
        try await db.create(index: "article_authors_by_author").on("article_authors")
            .column("author_id").column("article_id").run()

        try await db.create(table: "article_sources")
            .column("article_id", type: .bigint, .notNull, .references("articles", "id", onDelete: .cascade))
            .column("position", type: .int, .notNull)
            .column("name", type: .text, .notNull)
            .column("what", type: .text, .notNull, .default(""))
            .column("url", type: .text)
            .primaryKey("article_id", "position")
            .run()

        // URLs an article answered at before its slug changed: they answer 301 to the current one.
        try await db.create(table: "article_old_urls")
            .column("edition", type: .text, .notNull)
            .column("url_day", type: .text, .notNull)
            .column("slug", type: .text, .notNull)
            .column("article_id", type: .bigint, .notNull, .references("articles", "id", onDelete: .cascade))
            .primaryKey("edition", "url_day", "slug")
            .run()

        try await db.create(table: "settings")
            .column("key", type: .text, .primaryKey(autoIncrement: false))
            .column("value", type: .text, .notNull)
            .run()

        try await db.create(table: "ad_slots")
            .column("id", type: .bigint, .primaryKey)
            .column("name", type: .text, .notNull)
            .column("html", type: .text, .notNull)
            .column("enabled", type: boolean, .notNull, .default(true))
            .column("position", type: .int, .notNull)
            .run()
    }
}
