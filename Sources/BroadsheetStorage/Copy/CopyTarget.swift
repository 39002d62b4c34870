import SQLKit
import Synchronization

/// The PostgreSQL newsroom a copy fills: what it already holds, its columns' types, and the statements that
/// write and read the copied rows. Names are looked up in the connection's own schema (`current_schema()`).
struct CopyTarget: Sendable {
    let database: NewsDatabase
    var sql: any SQLDatabase { database.sql }

    /// The newest migration the target has applied; nil when it has never been migrated.
    func schemaNumber() async throws -> Int? {
        guard try await tableNames().contains(CopiedTables.migrations) else { return nil }
        return try await sql.raw("SELECT COALESCE(MAX(number), 0) AS n FROM schema_migrations")
            .first(decodingColumn: "n", as: Int.self)
    }

    /// The first of `tables` that the target has and that has a row.
    func firstTableWithRows(among tables: [String]) async throws -> String? {
        let present = try await tableNames()
        for table in tables where present.contains(table) {
            if try await sql.raw("SELECT 1 AS one FROM \(ident: table) LIMIT 1").first() != nil { return table }
        }
        return nil
    }

    /// `tables` with the target's type for each column; throws for a column the target lacks or cannot take.
    func typed(_ tables: [CopyTable]) async throws -> [CopyTable] {
        var types: [String: [String: String]] = [:]
        for row in try await sql.raw(
            """
            SELECT table_name, column_name, data_type FROM information_schema.columns \
            WHERE table_schema = current_schema()
            """
        ).all() {
            let table = try row.decode(column: "table_name", as: String.self)
            types[table, default: [:]][try row.decode(column: "column_name", as: String.self)] =
                try row.decode(column: "data_type", as: String.self)
        }
        return try tables.map { table in
            var table = table
            table.types = try table.columns.map { column in
                guard let name = types[table.name]?[column] else {
                    throw CopyError.columnMissing(table: table.name, column: column)
                }
                guard let type = CopyColumnType(postgres: name) else {
                    throw CopyError.unsupportedColumn(table: table.name, column: column, type: name)
                }
                return type
            }
            return table
        }
    }

    /// Inserts `rows` into `table`, leaving out each whose key is already there; returns how many went in.
    static func insert(_ rows: [[CopyValue]], into table: CopyTable, in db: any SQLDatabase) async throws -> Int {
        var insert = db.insert(into: table.name).columns(table.columns)
        for row in rows { insert = insert.values(row.map(\.expression)) }
        return try await insert.ignoringConflicts().returning(SQLLiteral.numeric("1")).all().count
    }

    /// The table's rows in the same order as on SQLite, one at a time.
    func checksum(_ table: CopyTable) async throws -> TableChecksum {
        // Text keys sort byte by byte, as SQLite sorts them, whatever the database's collation.
        let keys = zip(table.key, table.keyIndexes).map { column, index -> SQLQueryString in
            table.types[index] == .text ? "\(ident: column) COLLATE \"C\"" : "\(ident: column)"
        }
        let query: SQLQueryString =
            "SELECT \(idents: table.columns, joinedBy: ", ") FROM \(ident: table.name) ORDER BY \(keys.joined(separator: ", "))"
        let sum = Mutex<(checksum: TableChecksum, error: (any Error)?)>((TableChecksum(), nil))
        try await sql.execute(sql: query) { row in
            sum.withLock { sum in
                guard sum.error == nil else { return }
                do {
                    let values = try zip(table.columns, table.types).map { try CopyValue(row, column: $0, as: $1) }
                    sum.checksum.add(values)
                } catch {
                    sum.error = error
                }
            }
        }
        let (checksum, error) = sum.withLock { $0 }
        if let error { throw error }
        return checksum
    }

    /// Moves each identity column's sequence past the largest id copied, so that the next article (or staff
    /// member...) made on PostgreSQL gets a new id instead of colliding with a copied one. Explicit ids, as a
    /// copy inserts, leave the sequences where they were.
    func moveSequences(of tables: [CopyTable]) async throws {
        let copied = Set(tables.map(\.name))
        let identities = try await sql.raw(
            """
            SELECT table_name, column_name FROM information_schema.columns \
            WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name
            """
        ).all()
        for row in identities {
            let table = try row.decode(column: "table_name", as: String.self)
            let column = try row.decode(column: "column_name", as: String.self)
            guard copied.contains(table) else { continue }
            try await sql.raw(
                """
                SELECT setval(pg_get_serial_sequence(quote_ident(\(bind: table)), \(bind: column)), m) \
                FROM (SELECT MAX(\(ident: column)) AS m FROM \(ident: table)) AS copied WHERE m IS NOT NULL
                """
            ).run()
        }
    }

    /// Gathers the planner's statistics for the copied tables at once, rather than leave the first queries on the
    /// new server to plans made for empty tables until autovacuum comes round.
    func analyse(_ tables: [CopyTable]) async throws {
        for table in tables { try await sql.raw("ANALYZE \(ident: table.name)").run() }
    }

    private func tableNames() async throws -> Set<String> {
        Set(
            try await sql.raw(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            ).all(decodingColumn: "table_name", as: String.self))
    }
}
