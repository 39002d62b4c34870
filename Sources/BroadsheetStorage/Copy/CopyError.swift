/// Why a copy would not start, or stopped: each says what to do about it.
public enum CopyError: Error, CustomStringConvertible, Equatable {
    case noSource(String)
    case notSQLite(String)
    case notANewsroom(String)
    case olderSchema(String, source: Int, latest: Int)
    case newerSchema(String, schema: Int, latest: Int)
    case targetNotPostgreSQL
    case targetNotEmpty(table: String, copiesFrom: [String])
    case unknownTable(String)
    case noPrimaryKey(String)
    case keyMissing(table: String, column: String)
    case tablesInACycle([String])
    case columnMissing(table: String, column: String)
    case unsupportedColumn(table: String, column: String, type: String)
    case valueDoesNotFit(table: String, column: String, key: String, value: String)
    case stopped(afterBatches: Int)

    public var description: String {
        switch self {
        case .noSource(let path):
            "there is no database at \(path)"
        case .notSQLite(let path):
            "\(path) is not an SQLite database"
        case .notANewsroom(let path):
            "\(path) is not a Broadsheet database (it has no migrations recorded)"
        case .olderSchema(let path, let source, let latest):
            "\(path) is at schema \(source) and this broadsheet's is \(latest); copy never writes to its source: "
                + "bring it up to date first with `broadsheet migrate --database \(path)`, then copy again"
        case .newerSchema(let place, let schema, let latest):
            "\(place) is at schema \(schema), newer than this broadsheet's \(latest); copy with a newer broadsheet"
        case .targetNotPostgreSQL:
            "copy fills a PostgreSQL database: give --to postgres://USER:PASSWORD@HOST:PORT/DATABASE"
        case .targetNotEmpty(let table, let copiesFrom):
            "the target is not empty: its table \(table) has rows (nothing was written). Copy into a new, empty "
                + "database, or give --into-non-empty to copy into this one anyway (rows whose keys are already "
                + "there are kept as they are, and the verification shows where they differ)"
                + (copiesFrom.isEmpty ? "" : "; it holds a copy from \(copiesFrom.joined(separator: ", "))")
        case .unknownTable(let table):
            "the source has a table copy does not know, \(table): name it in CopiedTables (content, or left out "
                + "like sessions) so that it is not skipped or copied by accident"
        case .noPrimaryKey(let table):
            "the table \(table) has no primary key, so a copy could not resume it without duplicating rows"
        case .keyMissing(let table, let column):
            "a row of \(table) has no value in its key column \(column), so a copy could not tell where it stopped"
        case .tablesInACycle(let tables):
            "the tables \(tables.joined(separator: ", ")) refer to each other in a cycle; copy cannot order them"
        case .columnMissing(let table, let column):
            "the target's table \(table) has no column \(column), though both are at the same schema"
        case .unsupportedColumn(let table, let column, let type):
            "copy does not know how to fill \(table).\(column), of type \(type)"
        case .valueDoesNotFit(let table, let column, let key, let value):
            "\(table) row \(key): \(column) holds \(value), which its PostgreSQL column cannot take"
        case .stopped(let batches):
            "stopped after \(batches) batches, as asked"
        }
    }
}
