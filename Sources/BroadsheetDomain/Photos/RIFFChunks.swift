/// One chunk of a WebP (RIFF) file.
struct RIFFChunk {
    /// The four-character code, e.g. "VP8X".
    let fourCC: [UInt8]
    /// The chunk's data, without the odd-size padding byte.
    let payload: Range<Int>
}

/// Reads and writes the chunks of a WebP file, every size bounds-checked.
enum RIFFChunks {
    /// Chunk codes: lossy, lossless and extended headers, alpha, animation, frame, colour profile.
    static let vp8 = asciiBytes("VP8 ")
    static let vp8l = asciiBytes("VP8L")
    static let vp8x = asciiBytes("VP8X")
    static let alph = asciiBytes("ALPH")
    static let anim = asciiBytes("ANIM")
    static let anmf = asciiBytes("ANMF")
    static let iccp = asciiBytes("ICCP")

    /// The chunks inside the RIFF container, after checking the RIFF size fits the file.
    static func read(_ data: ImageBytes) throws(ImageInspector.Problem) -> [RIFFChunk] {
        guard data.matches(asciiBytes("RIFF"), at: 0), data.matches(asciiBytes("WEBP"), at: 8) else {
            throw .notAnImage
        }
        let size = try data.le(4, size: 4)
        guard size >= 4 else { throw .unreadableSize }
        let end = try data.range(size, at: 8).upperBound
        return try read(data, in: 12..<end)
    }

    /// The chunks filling `region` (a RIFF body or an ANMF frame's data).
    static func read(_ data: ImageBytes, in region: Range<Int>) throws(ImageInspector.Problem) -> [RIFFChunk] {
        var chunks: [RIFFChunk] = []
        var offset = region.lowerBound
        while offset < region.upperBound {
            guard region.upperBound - offset >= 8 else { throw .truncated }
            let fourCC = Array(data.bytes[offset..<(offset + 4)])
            let size = try data.le(offset + 4, size: 4)
            guard size <= region.upperBound - (offset + 8) else { throw .truncated }
            let payload = (offset + 8)..<(offset + 8 + size)
            chunks.append(RIFFChunk(fourCC: fourCC, payload: payload))
            // The padding byte after an odd-sized last chunk is sometimes missing; tolerate that.
            offset = min(payload.upperBound + payload.count % 2, region.upperBound)
        }
        return chunks
    }

    /// Appends a chunk: code, little-endian size, payload and a zero pad byte if the size is odd.
    static func append(_ fourCC: [UInt8], _ payload: some Collection<UInt8>, to output: inout [UInt8]) {
        output += fourCC
        output.appendLittleEndian(payload.count, size: 4)
        output += payload
        if payload.count % 2 == 1 { output.append(0) }
    }
}
