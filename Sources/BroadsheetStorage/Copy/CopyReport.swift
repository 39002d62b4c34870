import Foundation

/// How one table compares on both sides at the end of a copy.
public struct TableCheck: Sendable {
    public let table: String
    public let source: TableChecksum
    public let target: TableChecksum
    /// Rows this run inserted (the rest were there already).
    public var copiedNow = 0

    public var matches: Bool { source == target }
}

/// Where a copy is: the table it works on and how far it got, for a progress line.
public struct CopyProgress: Sendable {
    public enum Stage: Sendable {
        case copying
        case verifying
    }

    public let stage: Stage
    public let table: String
    /// Rows copied so far (earlier runs' included), or 0 while verifying.
    public let done: Int
    /// The source's rows.
    public let total: Int
}

/// A copy from the same source that an earlier run began in the target.
public struct EarlierCopy: Sendable {
    public var startedAt: Date
    /// When it was verified; nil if it was interrupted (or differed) and this run resumed it.
    public var finishedAt: Date?
}

/// What a copy did, and whether every table matches its source.
public struct CopyReport: Sendable, CustomStringConvertible {
    /// The source file's absolute path.
    public var source: String
    /// The copy from this source that the target already held, which this run carried on with or checked again.
    public var earlier: EarlierCopy?
    public var checks: [TableCheck]
    /// Tables of the source that were not copied (sessions, unless asked for).
    public var leftOut: [String]
    /// From opening the source to the last sequence moved.
    public var copying: Duration
    public var verifying: Duration

    public var matches: Bool { checks.allSatisfy(\.matches) }
    public var mismatches: [TableCheck] { checks.filter { !$0.matches } }
    public var rowsCopiedNow: Int { checks.reduce(0) { $0 + $1.copiedNow } }
    public var rows: Int { checks.reduce(0) { $0 + $1.source.rows } }

    /// A table of every copied table's counts and checksums on both sides.
    public var description: String {
        let width = max(5, checks.map(\.table.count).max() ?? 0)
        func padded(_ text: String, _ count: Int, left: Bool = false) -> String {
            let space = String(repeating: " ", count: max(0, count - text.count))
            return left ? text + space : space + text
        }
        var lines = [
            padded("table", width, left: true) + padded("SQLite rows", 13) + padded("PostgreSQL rows", 17)
                + padded("copied now", 12) + "  checksum"
        ]
        for check in checks {
            var line =
                padded(check.table, width, left: true) + padded(Self.number(check.source.rows), 13)
                + padded(Self.number(check.target.rows), 17) + padded(Self.number(check.copiedNow), 12) + "  "
            line += check.matches ? check.source.hex : "SQLite \(check.source.hex), PostgreSQL \(check.target.hex): DIFFERENT"
            lines.append(line)
        }
        let seconds = Self.seconds(copying)
        let rate = seconds > 0 ? " (\(Self.number(Int(Double(rowsCopiedNow) / seconds))) rows/s)" : ""
        lines.append(
            "\(Self.number(rowsCopiedNow)) of \(Self.number(rows)) rows copied in this run in "
                + String(format: "%.1f s", seconds) + rate + ", verified in " + String(format: "%.1f s", Self.seconds(verifying)))
        return lines.joined(separator: "\n")
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// `1234567` as `1,234,567`.
    public static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}
