import BroadsheetDomain
import Foundation
import SQLKit

/// Staff accounts.
public struct StaffStore: Sendable {
    let database: NewsDatabase
    var db: any SQLDatabase { database.sql }

    public init(database: NewsDatabase) {
        self.database = database
    }

    public enum StaffError: Error, CustomStringConvertible, Equatable {
        case emailTaken(String)
        case noSuchAccount(String)

        public var description: String {
            switch self {
            case .emailTaken(let email): "there is already an account for \(email)"
            case .noSuchAccount(let email): "there is no account for \(email)"
            }
        }
    }

    struct Row: Decodable {
        let id: Int
        let email: String
        let name: String
        let role: String
        let disabled: Bool
        let language: String
        let password_hash: String

        var member: StaffMember {
            StaffMember(
                id: id, email: email, name: name, role: StaffRole(rawValue: role) ?? .contributor, disabled: disabled,
                language: language)
        }
    }

    static let columns = ["id", "email", "name", "role", "disabled", "language", "password_hash"]

    /// Adds an account; the email is normalised.
    public func add(
        email: String, name: String, role: StaffRole, passwordHash: String, language: String, now: Date = Date()
    ) async throws -> StaffMember {
        let email = StaffMember.normalise(email: email)
        if try await find(email: email) != nil { throw StaffError.emailTaken(email) }
        let id = try await db.insert(into: "staff")
            .columns("email", "name", "role", "password_hash", "disabled", "language", "created_at")
            .values(
                SQLBind(email), SQLBind(name), SQLBind(role.rawValue), SQLBind(passwordHash), SQLBind(false),
                SQLBind(language), SQLBind(now.epochSeconds)
            )
            .returning("id").first(decodingColumn: "id", as: Int.self)
        guard let id else { throw NewsroomWriter.WriteError.noIDReturned("staff") }
        return StaffMember(id: id, email: email, name: name, role: role, disabled: false, language: language)
    }

    public func list() async throws -> [StaffMember] {
        try await db.select().columns(Self.columns).from("staff").orderBy("email")
            .all(decoding: Row.self).map(\.member)
    }

    /// The account and its password hash.
    public func find(email: String) async throws -> (member: StaffMember, passwordHash: String)? {
        let row = try await db.select().columns(Self.columns).from("staff")
            .where("email", .equal, SQLBind(StaffMember.normalise(email: email)))
            .first(decoding: Row.self)
        return row.map { ($0.member, $0.password_hash) }
    }

    public func find(id: Int) async throws -> (member: StaffMember, passwordHash: String)? {
        let row = try await db.select().columns(Self.columns).from("staff").where("id", .equal, SQLBind(id))
            .first(decoding: Row.self)
        return row.map { ($0.member, $0.password_hash) }
    }

    public func setRole(email: String, to role: StaffRole) async throws -> StaffMember {
        try await update(email: email) { $0.set("role", to: SQLBind(role.rawValue)) }
    }

    /// Disables (or re-enables) an account; disabling ends all its sessions at once.
    public func setDisabled(email: String, _ disabled: Bool) async throws -> StaffMember {
        let member = try await update(email: email) { $0.set("disabled", to: SQLBind(disabled)) }
        if disabled {
            try await db.delete(from: "staff_sessions").where("staff_id", .equal, SQLBind(member.id)).run()
        }
        return member
    }

    public func setPassword(staffID: Int, hash: String) async throws {
        try await db.update("staff").set("password_hash", to: SQLBind(hash)).where("id", .equal, SQLBind(staffID)).run()
    }

    /// The account's TOTP secret, if it has set one up.
    public func secondFactorSecret(staffID: Int) async throws -> String? {
        try await db.select().column("totp_secret").from("staff").where("id", .equal, SQLBind(staffID))
            .first(decodingColumn: "totp_secret", as: String?.self) ?? nil
    }

    public func setSecondFactor(staffID: Int, secret: String?) async throws {
        try await db.update("staff").set("totp_secret", to: SQLBind(secret))
            .set("totp_last_step", to: SQLBind(Int?.none)).where("id", .equal, SQLBind(staffID)).run()
    }

    /// Records that a code of `step` was used; false when that step (or a later one) was used already,
    /// so that a code seen over a shoulder cannot be replayed.
    public func useSecondFactorStep(staffID: Int, step: Int) async throws -> Bool {
        let rows = try await db.update("staff").set("totp_last_step", to: SQLBind(step))
            .where("id", .equal, SQLBind(staffID))
            .where { $0.where("totp_last_step", .is, SQLLiteral.null).orWhere("totp_last_step", .lessThan, SQLBind(step)) }
            .returning("id").all()
        return !rows.isEmpty
    }

    public func setLanguage(staffID: Int, language: String) async throws {
        try await db.update("staff").set("language", to: SQLBind(language)).where("id", .equal, SQLBind(staffID)).run()
    }

    private func update(email: String, _ change: (SQLUpdateBuilder) -> SQLUpdateBuilder) async throws -> StaffMember {
        let email = StaffMember.normalise(email: email)
        guard try await find(email: email) != nil else { throw StaffError.noSuchAccount(email) }
        try await change(db.update("staff")).where("email", .equal, SQLBind(email)).run()
        return try await find(email: email)!.member
    }
}
