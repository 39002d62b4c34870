import PostgresNIO
import SQLKit

/// How much a transaction sees of others that commit while it runs (PostgreSQL; SQLite runs one at a time).
public enum TransactionIsolation: Sendable {
    /// As if transactions ran one after another; the one that loses a race is run again.
    case serializable
    /// Each statement sees what committed before it started: for work kept in order by a lock taken first,
    /// since a serializable transaction's snapshot would be older than the lock (schema changes).
    case readCommitted
}

/// The two databases Broadsheet runs on, and every place where their SQL differs. Everything else writes one
/// statement for both; a difference found later belongs here too, so that it is seen in one file. The one
/// exception is full-text search, whose index and queries differ whole (FTS5 against tsvector): they are in
/// `Search/SearchIndex.swift` and `Search/SearchQueries.swift`, side by side per engine.
public enum DatabaseEngine: String, Sendable {
    case sqlite
    case postgresql

    init(_ database: any SQLDatabase) {
        self = database.dialect.name == "postgresql" ? .postgresql : .sqlite
    }

    /// Opens a transaction.
    ///
    /// SQLite: IMMEDIATE takes the write lock at once, so two transactions never both read and then fail to
    /// upgrade; either isolation is serializable there. PostgreSQL: SERIALIZABLE by default, so transactions
    /// from several nodes behave as if they ran one after the other, as they do on SQLite; a conflict fails
    /// with `isSerializationFailure` and is run again.
    func beginTransaction(_ isolation: TransactionIsolation) -> String {
        switch (self, isolation) {
        case (.sqlite, _): "BEGIN IMMEDIATE"
        case (.postgresql, .serializable): "BEGIN ISOLATION LEVEL SERIALIZABLE"
        case (.postgresql, .readCommitted): "BEGIN ISOLATION LEVEL READ COMMITTED"
        }
    }

    /// Whether `error` says a transaction lost a race with another and may simply be run again
    /// (PostgreSQL's serialization failure and deadlock). SQLite's writer lock never lets that happen.
    static func isSerializationFailure(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }

    /// Work that only one node may do at a time, named by its PostgreSQL advisory lock key.
    enum NewsroomLock {
        /// Applying migrations: nodes that start together must not both apply one.
        case migrations
        /// Publishing scheduled articles: each is published, and audited, once.
        case scheduler

        /// The arguments of `pg_advisory_xact_lock` that name the lock.
        ///
        /// Advisory locks are the database's, not a schema's. The scheduler's is keyed by the schema too (the
        /// two-key form), so that newsrooms in two schemas of one database, the tests' among them, never find
        /// each other's scheduler holding it; nodes of one newsroom share a schema and still exclude each
        /// other. The migrations' stays database-wide on purpose: schema changes then run one at a time in the
        /// whole database; with the tests' migrations running concurrently, full suites stalled (427e43d).
        var key: SQLQueryString {
            switch self {
            case .migrations: "\(bind: Int64(0x4252_5348_0001))"
            case .scheduler: "\(bind: Int32(0x4252_0002)), hashtext(current_schema())"
            }
        }
    }

    /// Takes `lock` for the rest of the transaction `db` is in, waiting for it if another node holds it.
    /// On SQLite the transaction's write lock already keeps everyone else out.
    func waitForLock(_ lock: NewsroomLock, in db: any SQLDatabase) async throws {
        guard self == .postgresql else { return }
        try await db.raw("SELECT pg_advisory_xact_lock(\(lock.key))").run()
    }

    /// Takes `lock` for the rest of the transaction `db` is in if it is free; false if another node holds it.
    /// Transaction-scoped, so it cannot outlive its work on a pooled connection, nor a node that dies.
    func tryLock(_ lock: NewsroomLock, in db: any SQLDatabase) async throws -> Bool {
        guard self == .postgresql else { return true }
        let row = try await db.raw("SELECT pg_try_advisory_xact_lock(\(lock.key)) AS taken").first()
        return try row?.decode(column: "taken", as: Bool.self) ?? false
    }

    /// The statements that create trigger `name`, which runs `statements` (separated by semicolons, and
    /// free to use `NEW.column`) after `event` (`INSERT`, `UPDATE OF a, b`) on each row of `table`.
    ///
    /// SQLite writes the statements inside the trigger; PostgreSQL needs them in a PL/pgSQL function of the
    /// same name, which the trigger calls for each row.
    func createRowTrigger(named name: String, after event: String, on table: String, statements: String) -> [SQLQueryString] {
        switch self {
        case .sqlite:
            return [
                """
                CREATE TRIGGER \(unsafeRaw: name) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table) BEGIN
                \(unsafeRaw: statements)
                END
                """
            ]
        case .postgresql:
            return [
                """
                CREATE FUNCTION \(unsafeRaw: name)() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                \(unsafeRaw: statements)
                RETURN NULL;
                END
                $$
                """,
                """
                CREATE TRIGGER \(unsafeRaw: name) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table)
                FOR EACH ROW EXECUTE FUNCTION \(unsafeRaw: name)()
                """,
            ]
        }
    }
}
