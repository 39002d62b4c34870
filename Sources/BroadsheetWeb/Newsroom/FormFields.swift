import Foundation
import Hummingbird

/// The fields of an URL-encoded form; a missing field reads as "".
struct FormFields: Sendable {
    private var values: [String: [String]] = [:]

    init() {}

    init(parsing text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            values[name, default: []].append(parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    /// Reads the request's body: newsroom forms are text, so 1 MB is plenty.
    static func read(from request: Request) async throws -> FormFields {
        let body = try await request.body.collect(upTo: 1_048_576)
        return FormFields(parsing: String(buffer: body))
    }

    subscript(_ name: String) -> String { values[name]?.first ?? "" }

    /// Every value of a repeated field (checkboxes, multi-selects).
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// A textarea of one record per line, "a | b | c": each non-blank line's columns, trimmed.
    static func records(_ text: String) -> [[String]] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let columns = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            return columns == [""] ? nil : columns
        }
    }

    private static func decode(_ text: Substring) -> String {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }
}
