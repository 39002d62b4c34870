import BroadsheetDomain

/// A table's rows counted and hashed in key order, so that a table on SQLite and its copy on PostgreSQL can
/// be compared while each is read once, a row at a time, and neither is held in memory.
///
/// Each row is hashed as a canonical text that does not depend on the engine: an integer (and a boolean, as 0
/// or 1) as `I` and its decimal digits, text as `T`, its length in UTF-8 bytes, `:` and the bytes, NULL as `N`,
/// each value followed by `;` and each row by a newline. The hash is FNV-1a, 64 bits, like the backups'
/// fingerprints: a check against rows lost or changed on the way, not against tampering.
public struct TableChecksum: Sendable, Equatable, CustomStringConvertible {
    public private(set) var rows = 0
    private var hash = ContentHash.basis

    public init() {}

    /// 16 lowercase hex digits.
    public var hex: String { ContentHash.hex(of: hash) }

    public var description: String { "\(rows) rows, \(hex)" }

    mutating func add(_ row: [CopyValue]) {
        for value in row {
            switch value {
            case .null:
                add(byte: UInt8(ascii: "N"))
            case .integer(let number):
                add(byte: UInt8(ascii: "I"))
                add(String(number).utf8)
            case .boolean(let flag):
                add(byte: UInt8(ascii: "I"))
                add(byte: flag ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            case .text(let text):
                add(byte: UInt8(ascii: "T"))
                add(String(text.utf8.count).utf8)
                add(byte: UInt8(ascii: ":"))
                add(text.utf8)
            }
            add(byte: UInt8(ascii: ";"))
        }
        add(byte: UInt8(ascii: "\n"))
        rows += 1
    }

    private mutating func add(_ bytes: String.UTF8View) {
        // Native strings hand over their bytes in one piece: much faster than the view's iterator.
        let start = hash
        if let hashed = bytes.withContiguousStorageIfAvailable({ ContentHash.fnv1a(start, UnsafeRawBufferPointer($0)) }) {
            hash = hashed
        } else {
            for byte in bytes { add(byte: byte) }
        }
    }

    private mutating func add(byte: UInt8) {
        hash = withUnsafeBytes(of: byte) { ContentHash.fnv1a(hash, $0) }
    }
}
