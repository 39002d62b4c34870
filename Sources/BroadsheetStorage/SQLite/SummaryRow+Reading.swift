import SQLKit
import SQLiteNIO

extension SummaryRow {
    /// The names SQLite gives the result columns of `columns`, in order: an alias, else the column's own name.
    static let names: [String] = columns.split(separator: ",").map { column in
        let words = column.split(separator: " ")
        return String(words.count == 3 ? words[2] : words[0].split(separator: ".").last!)
    }

    /// A row from the reading connections whose statement starts with `columns`, read by position: looking
    /// sixteen names up in every row of every list was a twentieth of an uncached page. Nil for other rows.
    init?(reading row: any SQLRow) throws {
        guard let row = row as? ReadingRow, row.columns.startsWithSummary else { return nil }
        let values = row.values
        func text(_ index: Int) throws -> String {
            guard case .text(let text) = values[index] else { throw Self.mismatch(index, values[index]) }
            return text
        }
        func number(_ index: Int) throws -> Int {
            guard case .integer(let number) = values[index] else { throw Self.mismatch(index, values[index]) }
            return number
        }
        func optionalText(_ index: Int) throws -> String? {
            if case .null = values[index] { return nil }
            return try text(index)
        }
        func optionalNumber(_ index: Int) throws -> Int? {
            if case .null = values[index] { return nil }
            return try number(index)
        }
        self.init(
            id: try number(0), edition: try text(1), kind: try text(2), headline: try text(3), slug: try text(4),
            url_day: try optionalText(5), published_at: try optionalNumber(6), lead: try text(7),
            is_breaking: try number(8) != 0, photo_id: try optionalNumber(9), photo_file: try optionalText(10),
            photo_width: try optionalNumber(11), photo_height: try optionalNumber(12),
            photo_caption: try optionalText(13), photo_credit: try optionalText(14), photo_alt: try optionalText(15))
    }

    private static func mismatch(_ index: Int, _ value: SQLiteData) -> DecodingError {
        .typeMismatch(SQLiteData.self, .init(codingPath: [], debugDescription: "column \(names[index]) holds \(value)"))
    }
}
