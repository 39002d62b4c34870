import BroadsheetDomain
import Foundation
import SQLKit

/// A signed-in staff member's session, kept in the database.
public struct StaffSession: Sendable, Hashable {
    /// The cookie's value: 256 random bits.
    public var token: String
    /// Every state-changing form of this session carries this value.
    public var csrfToken: String
    public var staffID: Int
    public var lastSeenAt: Date
    /// Whether the second step of sign-in (a TOTP code) was passed in this session.
    public var secondFactorDone: Bool = false
    /// A secret being set up in this session, not yet confirmed with a code.
    public var pendingSecret: String?
    /// Whether the account has a second factor set up.
    public var accountHasSecondFactor: Bool = false
}

/// Sessions: created at sign-in, ended at sign-out, when idle too long, or when the account is disabled.
public struct SessionStore: Sendable {
    let db: any SQLDatabase
    /// A session unused for this long is over.
    public let idleTimeout: TimeInterval

    public init(database: NewsDatabase, idleTimeout: TimeInterval) {
        self.db = database.sql
        self.idleTimeout = idleTimeout
    }

    public func create(staffID: Int, now: Date = Date()) async throws -> StaffSession {
        let session = StaffSession(
            token: RandomToken.make(), csrfToken: RandomToken.make(), staffID: staffID, lastSeenAt: now)
        try await db.insert(into: "staff_sessions")
            .columns("token", "staff_id", "csrf_token", "created_at", "last_seen_at")
            .values(
                SQLBind(session.token), SQLBind(staffID), SQLBind(session.csrfToken), SQLBind(now.epochSeconds),
                SQLBind(now.epochSeconds)
            )
            .run()
        return session
    }

    /// The live session for a cookie value and its (enabled) account; marks it used.
    public func resume(token: String, now: Date = Date()) async throws -> (StaffSession, StaffMember)? {
        struct Row: Decodable {
            let token: String
            let csrf_token: String
            let staff_id: Int
            let last_seen_at: Int
            let id: Int
            let email: String
            let name: String
            let role: String
            let disabled: Bool
            let language: String
            let second_factor_done: Bool
            let pending_totp_secret: String?
            let has_totp: Int
        }
        guard token.count == RandomToken.length else { return nil }
        let row = try await db.select()
            .columns(
                SQLRaw("s.token"), SQLRaw("s.csrf_token"), SQLRaw("s.staff_id"), SQLRaw("s.last_seen_at"),
                SQLRaw("m.id"), SQLRaw("m.email"), SQLRaw("m.name"), SQLRaw("m.role"), SQLRaw("m.disabled"),
                SQLRaw("m.language"), SQLRaw("s.second_factor_done"), SQLRaw("s.pending_totp_secret"),
                SQLRaw("CASE WHEN m.totp_secret IS NULL THEN 0 ELSE 1 END AS has_totp")
            )
            .from(SQLAlias(SQLIdentifier("staff_sessions"), as: SQLIdentifier("s")))
            .join(SQLAlias(SQLIdentifier("staff"), as: SQLIdentifier("m")), on: SQLRaw("m.id = s.staff_id"))
            .where(SQLColumn("token", table: "s"), .equal, SQLBind(token))
            .first(decoding: Row.self)
        guard let row, !row.disabled else { return nil }
        guard now.timeIntervalSince1970 - Double(row.last_seen_at) <= idleTimeout else {
            try await end(token: token)
            return nil
        }
        // Writing on every request would make each page view a write; a minute's precision is enough.
        if now.epochSeconds - row.last_seen_at >= 60 {
            try await db.update("staff_sessions").set("last_seen_at", to: SQLBind(now.epochSeconds))
                .where("token", .equal, SQLBind(token)).run()
        }
        return (
            StaffSession(
                token: row.token, csrfToken: row.csrf_token, staffID: row.staff_id,
                lastSeenAt: Date(timeIntervalSince1970: TimeInterval(row.last_seen_at)),
                secondFactorDone: row.second_factor_done, pendingSecret: row.pending_totp_secret,
                accountHasSecondFactor: row.has_totp == 1),
            StaffMember(
                id: row.id, email: row.email, name: row.name, role: StaffRole(rawValue: row.role) ?? .contributor,
                disabled: row.disabled, language: row.language)
        )
    }

    /// The session passed the second step of sign-in.
    public func markSecondFactorDone(token: String) async throws {
        try await db.update("staff_sessions").set("second_factor_done", to: SQLBind(true))
            .set("pending_totp_secret", to: SQLBind(String?.none)).where("token", .equal, SQLBind(token)).run()
    }

    /// Keeps a secret being set up with the session until a code confirms it.
    public func setPendingSecret(token: String, secret: String) async throws {
        try await db.update("staff_sessions").set("pending_totp_secret", to: SQLBind(secret))
            .where("token", .equal, SQLBind(token)).run()
    }

    public func end(token: String) async throws {
        try await db.delete(from: "staff_sessions").where("token", .equal, SQLBind(token)).run()
    }

    public func endAll(staffID: Int) async throws {
        try await db.delete(from: "staff_sessions").where("staff_id", .equal, SQLBind(staffID)).run()
    }
}

/// Random tokens for sessions and forms: 32 bytes from the system's secure generator, base64url, 43 characters.
public enum RandomToken {
    public static let length = 43

    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
