/// One PNG chunk: where its data lies and where the whole chunk (length to CRC) lies.
struct PNGChunk {
    /// The four-letter type, e.g. "IHDR".
    let type: [UInt8]
    /// The chunk's data.
    let payload: Range<Int>
    /// Length, type, data and CRC.
    let whole: Range<Int>

    /// Critical chunks have an upper-case first letter; a decoder must understand them.
    var isCritical: Bool { type[0] & 0x20 == 0 }

    /// Whether the stored CRC matches the type and data.
    func crcIsValid(in data: ImageBytes) -> Bool {
        let stored = (try? data.be32(payload.upperBound)) ?? -1
        let computed = CRC32.checksum(data.bytes[(whole.lowerBound + 4)..<payload.upperBound])
        return stored == Int(computed)
    }
}

/// Reads PNG chunks, every length bounds-checked.
enum PNGChunks {
    /// The eight bytes every PNG file opens with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The header chunk's type.
    static let ihdr = asciiBytes("IHDR")
    /// The end chunk's type.
    static let iend = asciiBytes("IEND")

    /// Every chunk from the signature to IEND inclusive; anything after IEND is ignored.
    static func read(_ data: ImageBytes) throws(ImageInspector.Problem) -> [PNGChunk] {
        guard data.matches(signature, at: 0) else { throw .notAnImage }
        var chunks: [PNGChunk] = []
        var offset = signature.count
        while true {
            let length = try data.be32(offset)
            guard length <= Int(Int32.max) else { throw .unreadableSize }
            let type = Array(data.bytes[try data.range(4, at: offset + 4)])
            guard type.allSatisfy({ (0x41...0x5A).contains($0 & ~0x20) }) else { throw .unreadableSize }
            let payload = try data.range(length, at: offset + 8)
            let whole = offset..<(try data.range(4, at: payload.upperBound).upperBound)
            chunks.append(PNGChunk(type: type, payload: payload, whole: whole))
            offset = whole.upperBound
            if type == iend { return chunks }
        }
    }
}

/// CRC-32 (ISO 3309, polynomial 0xEDB88320), as PNG stores after each chunk.
enum CRC32 {
    /// The 256-entry lookup table.
    private static let table: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index)) { crc, _ in crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    }

    /// The CRC-32 of `bytes`.
    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        ~bytes.reduce(UInt32.max) { crc, byte in table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    }
}
