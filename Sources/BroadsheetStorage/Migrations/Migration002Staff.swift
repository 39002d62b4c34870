import SQLKit

/// The newsroom's people: staff accounts, their sessions (kept in the database so that they survive
/// restarts and are shared by every node), sign-in attempts for throttling, and the audit log.
enum Migration002Staff {
    static let migration = Migration(number: 2, name: "staff") { db in
        let boolean = SQLDataType.custom(SQLRaw("BOOLEAN"))

        try await db.create(table: "staff")
            .column("id", type: .bigint, .primaryKey)
            .column("email", type: .text, .notNull, .unique)
            .column("name", type: .text, .notNull)
            .column("role", type: .text, .notNull)
            .column("password_hash", type: .text, .notNull)
            .column("disabled", type: boolean, .notNull, .default(false))
            // The language of the newsroom's pages for this person ("uk", "en").
            .column("language", type: .text, .notNull, .default("uk"))
            .column("created_at", type: .bigint, .notNull)
            .run()

        // Who filed an article: "my drafts", and what contributors and authors may edit.
        try await db.alter(table: "articles").column("created_by", type: .bigint, .references("staff", "id")).run()
        try await db.create(index: "articles_by_creator").on("articles").column("created_by").column("status").run()

        try await db.create(table: "staff_sessions")
            .column("token", type: .text, .primaryKey(autoIncrement: false))
            .column("staff_id", type: .bigint, .notNull, .references("staff", "id", onDelete: .cascade))
            .column("csrf_token", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("last_seen_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "staff_sessions_by_staff").on("staff_sessions").column("staff_id").run()

        try await db.create(table: "sign_in_attempts")
            .column("id", type: .bigint, .primaryKey)
            .column("email", type: .text, .notNull)
            .column("address", type: .text, .notNull)
            .column("at", type: .bigint, .notNull)
            .column("succeeded", type: boolean, .notNull)
            .run()
        try await db.create(index: "sign_in_attempts_by_email").on("sign_in_attempts").column("email").column("at").run()
        try await db.create(index: "sign_in_attempts_by_address").on("sign_in_attempts")
            .column("address").column("at").run()

        try await db.create(table: "audit_log")
            .column("id", type: .bigint, .primaryKey)
            .column("at", type: .bigint, .notNull)
            // Kept when the account goes: the name is copied so the log still says who.
            .column("staff_id", type: .bigint, .references("staff", "id", onDelete: .setNull))
            .column("staff_name", type: .text, .notNull, .default(""))
            .column("action", type: .text, .notNull)
            .column("subject", type: .text, .notNull, .default(""))
            .column("detail", type: .text, .notNull, .default(""))
            .run()
        try await db.create(index: "audit_log_by_time").on("audit_log").column("at").run()
    }
}
