import BroadsheetDomain
import Foundation
import SQLKit

/// One line of the audit log: who did what, to what, when.
public struct AuditEntry: Sendable, Hashable {
    public var at: Date
    public var staffID: Int?
    public var staffName: String
    public var action: String
    public var subject: String
    public var detail: String
}

/// The newsroom's audit log: sign-ins, publishing, role changes... Append only.
public struct AuditLog: Sendable {
    let db: any SQLDatabase

    public init(database: NewsDatabase) {
        self.db = database.sql
    }

    public func record(
        _ action: String, by staff: StaffMember?, subject: String = "", detail: String = "", now: Date = Date()
    ) async throws {
        try await Self.record(action, by: staff, subject: subject, detail: detail, now: now, in: db)
    }

    /// Records an entry inside the caller's transaction, so that it commits or rolls back with the work.
    static func record(
        _ action: String, by staff: StaffMember?, subject: String = "", detail: String = "", now: Date, in db: any SQLDatabase
    ) async throws {
        try await db.insert(into: "audit_log").columns("at", "staff_id", "staff_name", "action", "subject", "detail")
            .values(
                SQLBind(now.epochSeconds), SQLBind(staff?.id), SQLBind(staff?.name ?? ""), SQLBind(action),
                SQLBind(subject), SQLBind(detail)
            )
            .run()
    }

    /// Newest first.
    public func recent(limit: Int, offset: Int = 0) async throws -> [AuditEntry] {
        struct Row: Decodable {
            let at: Int
            let staff_id: Int?
            let staff_name: String
            let action: String
            let subject: String
            let detail: String
        }
        return try await db.select().columns("at", "staff_id", "staff_name", "action", "subject", "detail")
            .from("audit_log").orderBy("at", .descending).orderBy("id", .descending).limit(limit).offset(offset)
            .all(decoding: Row.self)
            .map {
                AuditEntry(
                    at: Date(timeIntervalSince1970: TimeInterval($0.at)), staffID: $0.staff_id, staffName: $0.staff_name,
                    action: $0.action, subject: $0.subject, detail: $0.detail)
            }
    }
}
