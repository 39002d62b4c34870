import SQLKit
import SQLiteKit
import SQLiteNIO

/// A row read by a `ReadingConnection`: its values, and its statement's column names shared by every row.
struct ReadingRow: SQLRow {
    /// A statement's column names, looked up by name; the first of two equal names wins, as in SQLiteKit.
    final class Columns: Sendable {
        let names: [String]
        let index: [String: Int]
        /// Whether the statement's first columns are `SummaryRow.columns`, so its rows can be read by position.
        let startsWithSummary: Bool

        init(names: [String]) {
            self.names = names
            self.startsWithSummary = names.starts(with: SummaryRow.names)
            self.index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    let columns: Columns
    let values: [SQLiteData]

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.index[column] != nil }

    func decodeNil(column: String) throws -> Bool {
        if case .null = try value(column) { return true }
        return false
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        let value = try value(column)
        // The columns pages read most, without a decoder; anything else decodes exactly as SQLiteKit would.
        switch value {
        case .text(let text):
            if D.self == String.self || D.self == String?.self { return text as! D }
        case .integer(let number):
            if D.self == Int.self || D.self == Int?.self { return number as! D }
            if D.self == Bool.self || D.self == Bool?.self { return (number != 0) as! D }
        case .float(let number):
            // A search's relevance, a thousand a search.
            if D.self == Double.self || D.self == Double?.self { return number as! D }
        case .null:
            if D.self == String?.self { return String?.none as! D }
            if D.self == Int?.self { return Int?.none as! D }
            // nil converts to any other optional type; a column that must have a value falls through to the error.
            if let none = (nil as Int?) as? D { return none }
        default: break
        }
        do {
            return try Self.decoder.decode(D.self, from: value)
        } catch {
            throw DecodingError.typeMismatch(
                D.self, .init(codingPath: [], debugDescription: "column \(column) holds \(value)", underlyingError: error))
        }
    }

    private func value(_ column: String) throws -> SQLiteData {
        guard let index = columns.index[column] else {
            throw DecodingError.keyNotFound(
                SQLCodingKey(column), .init(codingPath: [], debugDescription: "no column \(column) in \(columns.names)"))
        }
        return values[index]
    }

    private static let decoder = SQLiteDataDecoder()
}

/// A column name as a coding key, for the errors above.
private struct SQLCodingKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
