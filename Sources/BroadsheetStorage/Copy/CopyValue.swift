import SQLKit
import SQLiteNIO

/// The PostgreSQL column types a copy knows how to fill: those the schema uses, and only those, so that a
/// migration that brings a new type stops the copy with the column's name instead of copying it wrongly.
enum CopyColumnType: Sendable, Equatable {
    case integer
    /// SQLite keeps BOOLEAN columns as the integers 0 and 1.
    case boolean
    case text

    /// The type of a column whose `information_schema.columns.data_type` is `dataType`.
    init?(postgres dataType: String) {
        switch dataType {
        case "bigint", "integer", "smallint": self = .integer
        case "boolean": self = .boolean
        case "text", "character varying", "character": self = .text
        default: return nil
        }
    }
}

/// One value of a copied row as the target column reads it: what is inserted, and what the checksum hashes.
enum CopyValue: Sendable, Equatable {
    case null
    case integer(Int)
    case boolean(Bool)
    case text(String)

    /// The SQLite value as a column of `type` takes it; nil when it does not fit (text in an integer column,
    /// a boolean other than 0 or 1). SQLite lets any column hold anything, so this is checked on every value.
    init?(_ value: SQLiteData, as type: CopyColumnType) {
        switch (value, type) {
        case (.null, _): self = .null
        case (.integer(let number), .integer): self = .integer(number)
        case (.integer(0), .boolean): self = .boolean(false)
        case (.integer(1), .boolean): self = .boolean(true)
        case (.text(let text), .text): self = .text(text)
        default: return nil
        }
    }

    /// The value of `column` in a row read from PostgreSQL.
    init(_ row: any SQLRow, column: String, as type: CopyColumnType) throws {
        if try row.decodeNil(column: column) {
            self = .null
            return
        }
        switch type {
        case .integer: self = .integer(try row.decode(column: column, as: Int.self))
        case .boolean: self = .boolean(try row.decode(column: column, as: Bool.self))
        case .text: self = .text(try row.decode(column: column, as: String.self))
        }
    }

    /// The value in an INSERT. NULL goes in as a literal: a bound NULL carries a type (bigint for `Int?`),
    /// and PostgreSQL will not put a bigint into a boolean column, not even a NULL one.
    var expression: any SQLExpression {
        switch self {
        case .null: SQLLiteral.null
        case .integer(let number): SQLBind(number)
        case .boolean(let flag): SQLBind(flag)
        case .text(let text): SQLBind(text)
        }
    }
}

extension SQLiteData {
    /// The value as a bound parameter (keys only ever hold integers and text).
    var bindable: any Encodable & Sendable {
        switch self {
        case .integer(let number): number
        case .text(let text): text
        case .float(let number): number
        case .null: Int?.none
        case .blob(let bytes): Array(bytes.readableBytesView)
        }
    }

    /// A short form for messages: long text is cut.
    var shortDescription: String {
        switch self {
        case .text(let text): text.count > 40 ? "\"\(text.prefix(40))...\"" : "\"\(text)\""
        case .integer(let number): String(number)
        case .float(let number): String(number)
        case .null: "NULL"
        case .blob(let bytes): "a blob of \(bytes.readableBytes) bytes"
        }
    }
}
