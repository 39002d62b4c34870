import Foundation
import Logging
import SQLKit
import SQLiteNIO
import Synchronization

/// The SQLite newsroom a copy reads. Its file is opened read-only, so a copy cannot change its source even
/// by mistake: there is no migrating it, and no writing down how far a copy got (that goes in the target).
struct CopySource: Sendable {
    /// The file's absolute path, which also names the source in the target's record of copies.
    let path: String
    let reads: ReadingConnections

    static func open(path: String, logger: Logger) throws -> CopySource {
        let path = URL(fileURLWithPath: path).standardizedFileURL.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw CopyError.noSource(path)
        }
        do {
            return CopySource(path: path, reads: try ReadingConnections(path: path, logger: logger, readOnly: true))
        } catch {
            throw CopyError.notSQLite(path)
        }
    }

    func close() { reads.close() }

    /// The source's schema number; throws unless it is a Broadsheet database at this broadsheet's schema.
    func checkSchema() async throws {
        let names: [String]
        do {
            names = try await reads.raw("SELECT name FROM sqlite_master WHERE type = 'table'")
                .all(decodingColumn: "name", as: String.self)
        } catch {
            throw CopyError.notSQLite(path)
        }
        guard names.contains(CopiedTables.migrations) else { throw CopyError.notANewsroom(path) }
        let schema =
            try await reads.raw("SELECT COALESCE(MAX(number), 0) AS n FROM schema_migrations")
            .first(decodingColumn: "n", as: Int.self) ?? 0
        guard schema > 0 else { throw CopyError.notANewsroom(path) }
        if schema < Migrator.latestNumber {
            throw CopyError.olderSchema(path, source: schema, latest: Migrator.latestNumber)
        }
        if schema > Migrator.latestNumber {
            throw CopyError.newerSchema(path, schema: schema, latest: Migrator.latestNumber)
        }
    }

    /// Every table of the newsroom, as the file describes it, in the order it was created. Throws for a table
    /// `CopiedTables` does not name.
    func tables() async throws -> [CopyTable] {
        // SQLite's own tables (sqlite_sequence, sqlite_stat1) are its bookkeeping, not the newsroom's.
        let names = try await reads.raw(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid"
        ).all(decodingColumn: "name", as: String.self)
        var tables: [CopyTable] = []
        for name in names where name != CopiedTables.migrations && !CopiedTables.isDerived(name) {
            guard CopiedTables.content.contains(name) || CopiedTables.sessions.contains(name) else {
                throw CopyError.unknownTable(name)
            }
            tables.append(try await describe(name))
        }
        return tables
    }

    private func describe(_ table: String) async throws -> CopyTable {
        let columns = try await reads.raw("SELECT name, pk FROM pragma_table_info(\(bind: table)) ORDER BY cid").all()
        var names: [String] = []
        var key: [(position: Int, name: String)] = []
        for column in columns {
            let name = try column.decode(column: "name", as: String.self)
            names.append(name)
            let position = try column.decode(column: "pk", as: Int.self)
            if position > 0 { key.append((position, name)) }
        }
        guard !key.isEmpty else { throw CopyError.noPrimaryKey(table) }
        let parents = try await reads.raw("SELECT \"table\" AS parent FROM pragma_foreign_key_list(\(bind: table))")
            .all(decodingColumn: "parent", as: String.self)
        return CopyTable(
            name: table, columns: names, key: key.sorted { $0.position < $1.position }.map(\.name), parents: Set(parents))
    }

    /// Up to `limit` rows after the key `after` (from the first when nil), in key order.
    func rows(of table: CopyTable, after: [SQLiteData]?, limit: Int) async throws -> [[SQLiteData]] {
        var query: SQLQueryString = "SELECT \(idents: table.columns, joinedBy: ", ") FROM \(ident: table.name)"
        if let after {
            // Row values compare in the primary key's order, and SQLite searches its index for them.
            query += " WHERE (\(idents: table.key, joinedBy: ", ")) > (\(binds: after.map(\.bindable)))"
        }
        query += " ORDER BY \(idents: table.key, joinedBy: ", ") LIMIT \(literal: limit)"
        return try await reads.raw(query).all().map { row in
            guard let row = row as? ReadingRow else { preconditionFailure("the source is read through ReadingConnections") }
            return row.values
        }
    }

    /// How many rows the table has, all of them or up to the key `upTo`.
    func count(_ table: CopyTable, upTo: [SQLiteData]? = nil) async throws -> Int {
        var query: SQLQueryString = "SELECT COUNT(*) AS n FROM \(ident: table.name)"
        if let upTo {
            query = query + " WHERE (\(idents: table.key, joinedBy: ", ")) <= (\(binds: upTo.map(\.bindable)))"
        }
        return try await reads.raw(query).first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// The table's rows as the target's columns take them, in key order, one at a time.
    func checksum(_ table: CopyTable) async throws -> TableChecksum {
        let sum = Mutex<(checksum: TableChecksum, error: (any Error)?)>((TableChecksum(), nil))
        let query: SQLQueryString =
            "SELECT \(idents: table.columns, joinedBy: ", ") FROM \(ident: table.name) ORDER BY \(idents: table.key, joinedBy: ", ")"
        try await reads.execute(sql: query) { row in
            guard let row = row as? ReadingRow else { preconditionFailure("the source is read through ReadingConnections") }
            sum.withLock { sum in
                guard sum.error == nil else { return }
                do {
                    sum.checksum.add(try Self.converted(row.values, of: table))
                } catch {
                    sum.error = error
                }
            }
        }
        let (checksum, error) = sum.withLock { $0 }
        if let error { throw error }
        return checksum
    }

    /// A source row's values as the target's columns take them; throws naming the row and column that does not fit.
    static func converted(_ values: [SQLiteData], of table: CopyTable) throws(CopyError) -> [CopyValue] {
        var converted: [CopyValue] = []
        converted.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            guard let fitting = CopyValue(value, as: table.types[index]) else {
                let key = table.keyIndexes.map { values[$0].shortDescription }.joined(separator: ", ")
                throw .valueDoesNotFit(
                    table: table.name, column: table.columns[index], key: "(\(key))", value: value.shortDescription)
            }
            converted.append(fitting)
        }
        return converted
    }
}
