import Foundation
import Logging
import SQLKit

/// One numbered, append-only step of the schema.
public struct Migration: Sendable {
    public let number: Int
    public let name: String
    let apply: @Sendable (any SQLDatabase) async throws -> Void
}

/// Every migration, in order. Append only: a released migration is never edited.
enum MigrationList {
    static let all: [Migration] = [
        Migration001Schema.migration,
        Migration002Staff.migration,
        Migration003Revisions.migration,
        Migration004Corrections.migration,
        Migration005SecondFactor.migration,
        Migration006TagRedirects.migration,
        Migration007PublicIndexes.migration,
        Migration008LinkedLists.migration,
        Migration009SearchIndex.migration,
        Migration010SearchInPublicationOrder.migration,
        Migration011Entries.migration,
        Migration012PhotoTexts.migration,
    ]
}

/// Brings a database up to the newest schema, recording each step it applies.
public struct Migrator: Sendable {
    let database: NewsDatabase
    let logger: Logger

    public init(database: NewsDatabase, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// Applies the migrations the database has not seen; returns how many ran.
    ///
    /// Each runs in a transaction of its own (PostgreSQL, like SQLite, changes its schema transactionally) under
    /// the migrations lock, and checks again inside it that no one applied it meanwhile: nodes that start
    /// together apply each migration once.
    @discardableResult
    public func migrate() async throws -> Int {
        let engine = database.engine
        try await database.transaction(.readCommitted) { db in
            try await engine.waitForLock(.migrations, in: db)
            try await db.create(table: "schema_migrations").ifNotExists()
                .column("number", type: .int, .primaryKey(autoIncrement: false))
                .column("name", type: .text, .notNull)
                .column("applied_at", type: .bigint, .notNull)
                .run()
        }
        var count = 0
        for migration in MigrationList.all where !(try await appliedNumbers()).contains(migration.number) {
            let applied = try await database.transaction(.readCommitted) { db in
                try await engine.waitForLock(.migrations, in: db)
                let done = try await db.select().column("number").from("schema_migrations")
                    .where("number", .equal, SQLBind(migration.number)).first()
                guard done == nil else { return false }
                logger.info("applying migration \(migration.number) \(migration.name)")
                try await migration.apply(db)
                try await db.insert(into: "schema_migrations")
                    .columns("number", "name", "applied_at")
                    .values(SQLBind(migration.number), SQLBind(migration.name), SQLBind(Int(Date().timeIntervalSince1970)))
                    .run()
                return true
            }
            if applied { count += 1 }
        }
        return count
    }

    /// The numbers of the migrations recorded as applied.
    public func appliedNumbers() async throws -> [Int] {
        try await database.sql.select().column("number").from("schema_migrations").orderBy("number")
            .all(decodingColumn: "number", as: Int.self)
    }

    public static var latestNumber: Int { MigrationList.all.last?.number ?? 0 }
}
