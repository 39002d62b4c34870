/// Bounds-checked reads over an image file's bytes: a read past the end throws `.truncated`.
struct ImageBytes {
    /// The whole file.
    let bytes: [UInt8]

    /// How many bytes the file holds.
    var count: Int { bytes.count }

    /// Whether `length` bytes starting at `offset` lie inside the file (overflow-safe).
    func holds(_ length: Int, at offset: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= count && length <= count - offset
    }

    /// The range of `length` bytes at `offset`, or `.truncated` if the file ends first.
    func range(_ length: Int, at offset: Int) throws(ImageInspector.Problem) -> Range<Int> {
        guard holds(length, at: offset) else { throw .truncated }
        return offset..<(offset + length)
    }

    /// One byte.
    func u8(_ offset: Int) throws(ImageInspector.Problem) -> Int {
        guard holds(1, at: offset) else { throw .truncated }
        return Int(bytes[offset])
    }

    /// A big-endian 16-bit number.
    func be16(_ offset: Int) throws(ImageInspector.Problem) -> Int {
        guard holds(2, at: offset) else { throw .truncated }
        return Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
    }

    /// A big-endian 32-bit number.
    func be32(_ offset: Int) throws(ImageInspector.Problem) -> Int {
        guard holds(4, at: offset) else { throw .truncated }
        return (0..<4).reduce(0) { $0 << 8 | Int(bytes[offset + $1]) }
    }

    /// A little-endian number of `size` bytes (at most 4).
    func le(_ offset: Int, size: Int) throws(ImageInspector.Problem) -> Int {
        guard holds(size, at: offset) else { throw .truncated }
        return (0..<size).reversed().reduce(0) { $0 << 8 | Int(bytes[offset + $1]) }
    }

    /// Whether the bytes at `offset` are exactly `prefix` (false if the file ends first).
    func matches(_ prefix: [UInt8], at offset: Int) -> Bool {
        holds(prefix.count, at: offset) && bytes[offset..<(offset + prefix.count)].elementsEqual(prefix)
    }
}

/// The bytes of an ASCII string, for signatures and chunk names.
func asciiBytes(_ text: String) -> [UInt8] {
    Array(text.utf8)
}

extension Array where Element == UInt8 {
    /// Appends `value` as `size` big-endian bytes.
    mutating func appendBigEndian(_ value: Int, size: Int) {
        for shift in stride(from: (size - 1) * 8, through: 0, by: -8) { append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    /// Appends `value` as `size` little-endian bytes.
    mutating func appendLittleEndian(_ value: Int, size: Int) {
        for shift in stride(from: 0, to: size * 8, by: 8) { append(UInt8(truncatingIfNeeded: value >> shift)) }
    }
}
