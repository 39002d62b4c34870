import Foundation
import SQLKit
import SQLiteNIO

/// What copies into a target have done, kept in the target itself: a copy that was interrupted carries on
/// after the last batch it committed, and running it again is told apart from copying into someone else's
/// newsroom.
///
/// Two small tables that the copy makes for itself, not a migration (a newsroom that was never copied has no use
/// for them): `copy_runs`, a row per source, `finished_at` set once the copy was verified; and `copy_positions`,
/// the last key copied per source and table, written in the same transaction as the batch it ends, so that it
/// can never say more or less than what was committed.
struct CopyState: Sendable {
    /// The source's path.
    let source: String
    let target: NewsDatabase

    /// The earlier copy from this source, if there was one.
    func earlier() async throws -> EarlierCopy? {
        guard try await exists() else { return nil }
        let row = try await target.sql.raw(
            "SELECT started_at, finished_at FROM copy_runs WHERE source = \(bind: source)"
        ).first()
        guard let row else { return nil }
        let finished = try row.decode(column: "finished_at", as: Int?.self)
        return EarlierCopy(
            startedAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "started_at", as: Int.self))),
            finishedAt: finished.map { Date(timeIntervalSince1970: TimeInterval($0)) })
    }

    /// The other sources copied into the target, for the message that refuses it.
    func otherSources() async throws -> [String] {
        guard try await exists() else { return [] }
        return try await target.sql.raw("SELECT source FROM copy_runs WHERE source <> \(bind: source) ORDER BY source")
            .all(decodingColumn: "source", as: String.self)
    }

    /// Records that a copy from the source is under way (again): unfinished until `finish`.
    func begin(now: Date) async throws {
        try await target.sql.raw(
            "CREATE TABLE IF NOT EXISTS copy_runs (source TEXT PRIMARY KEY, started_at BIGINT NOT NULL, finished_at BIGINT)"
        ).run()
        try await target.sql.raw(
            """
            CREATE TABLE IF NOT EXISTS copy_positions (source TEXT NOT NULL, table_name TEXT NOT NULL, \
            last_key TEXT NOT NULL, PRIMARY KEY (source, table_name))
            """
        ).run()
        try await target.sql.raw(
            """
            INSERT INTO copy_runs (source, started_at) VALUES (\(bind: source), \(bind: now.epochSeconds)) \
            ON CONFLICT (source) DO UPDATE SET finished_at = NULL
            """
        ).run()
    }

    func finish(now: Date) async throws {
        try await target.sql.raw(
            "UPDATE copy_runs SET finished_at = \(bind: now.epochSeconds) WHERE source = \(bind: source)"
        ).run()
    }

    /// The key of the last row of `table` committed, if any was.
    func position(of table: String) async throws -> [SQLiteData]? {
        let text = try await target.sql.raw(
            "SELECT last_key FROM copy_positions WHERE source = \(bind: source) AND table_name = \(bind: table)"
        ).first(decodingColumn: "last_key", as: String.self)
        guard let text else { return nil }
        return try JSONDecoder().decode([KeyPart].self, from: Data(text.utf8)).map(\.value)
    }

    /// Records `key` as the last row of `table` copied, in the transaction `db` that copied it.
    func record(_ key: [SQLiteData], of table: String, in db: any SQLDatabase) async throws {
        let text = String(decoding: try JSONEncoder().encode(key.map(KeyPart.init)), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO copy_positions (source, table_name, last_key) VALUES (\(bind: source), \(bind: table), \(bind: text)) \
            ON CONFLICT (source, table_name) DO UPDATE SET last_key = EXCLUDED.last_key
            """
        ).run()
    }

    /// Forgets how far `table` was copied: the next run goes through it from the start again.
    func forget(_ table: String) async throws {
        try await target.sql.raw(
            "DELETE FROM copy_positions WHERE source = \(bind: source) AND table_name = \(bind: table)"
        ).run()
    }

    private func exists() async throws -> Bool {
        try await target.sql.raw("SELECT to_regclass('copy_runs') IS NOT NULL AS present")
            .first(decodingColumn: "present", as: Bool.self) ?? false
    }

    /// One value of a key, as JSON: a number or a string.
    private enum KeyPart: Codable {
        case integer(Int)
        case text(String)

        init(_ value: SQLiteData) {
            switch value {
            case .integer(let number): self = .integer(number)
            default: self = .text(value.string ?? "")
            }
        }

        var value: SQLiteData {
            switch self {
            case .integer(let number): .integer(number)
            case .text(let text): .text(text)
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                self = .integer(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .integer(let number): try container.encode(number)
            case .text(let text): try container.encode(text)
            }
        }
    }
}
