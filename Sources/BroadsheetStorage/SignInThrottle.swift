import BroadsheetDomain
import Foundation
import SQLKit

/// Refuses sign-in for a while after too many failures for one account or from one address.
public struct SignInThrottle: Sendable {
    let db: any SQLDatabase
    public var window: TimeInterval = 15 * 60
    public var perAccount = 5
    public var perAddress = 20

    public init(database: NewsDatabase) {
        self.db = database.sql
    }

    public func record(email: String, address: String, succeeded: Bool, now: Date = Date()) async throws {
        try await db.insert(into: "sign_in_attempts").columns("email", "address", "at", "succeeded")
            .values(
                SQLBind(StaffMember.normalise(email: email)), SQLBind(address), SQLBind(now.epochSeconds),
                SQLBind(succeeded)
            )
            .run()
        // Old attempts say nothing any more; keep the table small.
        try await db.delete(from: "sign_in_attempts")
            .where("at", .lessThan, SQLBind(now.epochSeconds - Int(window) * 4)).run()
    }

    /// When sign-in is allowed again, or nil when it is allowed now.
    public func lockedUntil(email: String, address: String, now: Date = Date()) async throws -> Date? {
        let since = now.epochSeconds - Int(window)
        let byEmail = try await failures(column: "email", value: StaffMember.normalise(email: email), since: since)
        let byAddress = try await failures(column: "address", value: address, since: since)
        var until: Int?
        // Locked until the window has passed since the failure that reached the limit.
        if byEmail.count >= perAccount { until = byEmail[perAccount - 1] + Int(window) }
        if byAddress.count >= perAddress { until = max(until ?? 0, byAddress[perAddress - 1] + Int(window)) }
        guard let until, until > now.epochSeconds else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(until))
    }

    /// Times of recent failures, newest first.
    private func failures(column: String, value: String, since: Int) async throws -> [Int] {
        try await db.select().column("at").from("sign_in_attempts")
            .where(SQLIdentifier(column), .equal, SQLBind(value))
            .where("at", .greaterThan, SQLBind(since))
            .where("succeeded", .equal, SQLBind(false))
            .orderBy("at", .descending).limit(max(perAccount, perAddress))
            .all(decodingColumn: "at", as: Int.self)
    }
}
