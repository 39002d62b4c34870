import SQLKit

/// Two-step sign-in: each account's TOTP secret and the last time step it used (a code works once), and
/// whether a session has passed the second step (and the secret it is setting up, if it is).
enum Migration005SecondFactor {
    static let migration = Migration(number: 5, name: "second factor") { db in
        let boolean = SQLDataType.custom(SQLRaw("BOOLEAN"))
        try await db.alter(table: "staff").column("totp_secret", type: .text).run()
        try await db.alter(table: "staff").column("totp_last_step", type: .bigint).run()
        try await db.alter(table: "staff_sessions").column("second_factor_done", type: boolean, .notNull, .default(false))
            .run()
        try await db.alter(table: "staff_sessions").column("pending_totp_secret", type: .text).run()
    }
}
