import SQLKit

/// A photo's caption and alt text become per edition (its file and credit stay shared), so a Ukrainian page
/// no longer shows an English caption.
///
/// Every photo's caption and alt text are copied into a row for every edition there is, so that no page
/// changes on upgrade; the newsroom then writes each edition's own. `photos.caption` and `photos.alt_text`
/// stay (migrations are append-only, and SQLite cannot drop a column in place) but are no longer read.
enum Migration012PhotoTexts {
    static let migration = Migration(number: 12, name: "photo captions and alt texts per edition") { db in
        try await db.create(table: "photo_texts")
            .column("photo_id", type: .bigint, .notNull, .references("photos", "id", onDelete: .cascade))
            .column("edition", type: .text, .notNull, .references("editions", "code"))
            .column("caption", type: .text, .notNull, .default(""))
            .column("alt_text", type: .text, .notNull, .default(""))
            .primaryKey("photo_id", "edition")
            .run()
        try await db.raw(
            """
            INSERT INTO photo_texts (photo_id, edition, caption, alt_text)
            SELECT p.id, e.code, p.caption, p.alt_text FROM photos p CROSS JOIN editions e
            """
        ).run()
    }
}
