/// Small pictures built byte by byte for the image tests, and independent readers to check the results.
///
/// The JPEGs use a one-symbol AC table (EOB = "0") and a DC table with two codes ("0" = no change,
/// "10" = an 8-bit difference), so their scans are a few hand-computed bytes. Every sample here was
/// checked once to decode (sizes and pixel values) with an independent decoder (Pillow).
enum Fixture {
    // MARK: Bytes

    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func bigEndian(_ value: Int, _ size: Int) -> [UInt8] {
        (0..<size).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }

    static func littleEndian(_ value: Int, _ size: Int) -> [UInt8] {
        (0..<size).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }

    /// Whether `needle` occurs anywhere in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    // MARK: JPEG

    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0xFF, marker] + bigEndian(payload.count + 2, 2) + payload
    }

    /// APP0 JFIF 1.01, no units, 1:1 density, no thumbnail.
    static let jfif = segment(0xE0, ascii("JFIF") + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
    static let quantisation = segment(0xDB, [0x00] + [UInt8](repeating: 1, count: 64))
    static let dcTable = segment(0xC4, [0x00, 1, 1] + [UInt8](repeating: 0, count: 14) + [0x00, 0x08])
    static let acTable = segment(0xC4, [0x10, 1] + [UInt8](repeating: 0, count: 15) + [0x00])
    static let endOfImage: [UInt8] = [0xFF, 0xD9]

    /// A baseline SOF0 for 8-bit greyscale of the given size.
    static func greyFrame(width: Int, height: Int) -> [UInt8] {
        segment(0xC0, [8] + bigEndian(height, 2) + bigEndian(width, 2) + [1, 1, 0x11, 0])
    }

    static func scanHeader(component: UInt8) -> [UInt8] {
        segment(0xDA, [1, component, 0x00, 0, 63, 0])
    }

    /// Four blocks: three unchanged ("00" each), then "10" + 0b11111111 + EOB, so 02 FF(00 stuffed) 7F.
    static let greyScan: [UInt8] = [0x02, 0xFF, 0x00, 0x7F]

    /// A 16×16 grey baseline JPEG (mid-grey, lighter bottom-right block), with `extra` segments after APP0.
    static func greyJPEG(extra: [[UInt8]] = [], width: Int = 16, height: Int = 16) -> [UInt8] {
        [0xFF, 0xD8] + jfif + extra.joined() + quantisation + greyFrame(width: width, height: height)
            + dcTable + acTable + scanHeader(component: 1) + greyScan + endOfImage
    }

    /// The same picture with a restart marker after every block (DRI 1): RST0–RST2 inside the scan.
    static let restartScan: [UInt8] = [0x3F, 0xFF, 0xD0, 0x3F, 0xFF, 0xD1, 0x3F, 0xFF, 0xD2, 0xBF, 0xDF]
    static func restartJPEG(betweenTables: [UInt8] = []) -> [UInt8] {
        [0xFF, 0xD8] + jfif + quantisation + greyFrame(width: 16, height: 16) + dcTable + betweenTables + acTable
            + segment(0xDD, [0, 1]) + scanHeader(component: 1) + restartScan + endOfImage
    }

    /// An 8×8 colour JPEG with one scan per component (Y, Cb, Cr) and `between` after the first scan.
    static func multiScanJPEG(between: [UInt8] = []) -> [UInt8] {
        let frame = segment(0xC0, [8, 0, 8, 0, 8, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0])
        return [0xFF, 0xD8] + jfif + quantisation + frame + dcTable + acTable
            + scanHeader(component: 1) + [0x3F] + between + dcTable
            + scanHeader(component: 2) + [0xBF, 0xDF] + scanHeader(component: 3) + [0x3F] + endOfImage
    }

    /// Kyiv, 50° 27′ 0″ N, 30° 31′ 0″ E, as three big-endian RATIONALs each.
    static let latitudeRationals: [UInt8] = [50, 1, 27, 1, 0, 1].flatMap { bigEndian($0, 4) }
    static let longitudeRationals: [UInt8] = [30, 1, 31, 1, 0, 1].flatMap { bigEndian($0, 4) }
    /// The GPSLatitude IFD entry's tag, type and count (big-endian): 0x0002, RATIONAL, 3.
    static let gpsLatitudeEntry: [UInt8] = [0x00, 0x02, 0x00, 0x05, 0x00, 0x00, 0x00, 0x03]

    /// A TIFF structure as EXIF stores it: IFD0 with Make, optional Orientation and a GPS IFD pointer.
    static func tiff(orientation: Int? = nil, gps: Bool = true, bigEndianOrder: Bool = true) -> [UInt8] {
        typealias Entry = (tag: Int, type: Int, count: Int, value: [UInt8])
        let number = bigEndianOrder ? bigEndian : littleEndian
        let make = ascii("Broadsheet Cam") + [0]
        var ifd0: [Entry] = [(0x010F, 2, make.count, make)]
        if let orientation { ifd0.append((0x0112, 3, 1, number(orientation, 2))) }
        let gpsEntries: [Entry] = [
            (0x0000, 1, 4, [2, 2, 0, 0]), (0x0001, 2, 2, ascii("N") + [0]),
            (0x0002, 5, 3, [50, 1, 27, 1, 0, 1].flatMap { number($0, 4) }),
            (0x0003, 2, 2, ascii("E") + [0]), (0x0004, 5, 3, [30, 1, 31, 1, 0, 1].flatMap { number($0, 4) }),
        ]
        if gps { ifd0.append((0x8825, 4, 1, [])) }
        let ifd0Size = 2 + ifd0.count * 12 + 4
        let gpsOffset = 8 + ifd0Size
        var dataOffset = gpsOffset + (gps ? 2 + gpsEntries.count * 12 + 4 : 0)
        var dataArea: [UInt8] = []
        func encode(_ entries: [Entry]) -> [UInt8] {
            var ifd = number(entries.count, 2)
            for entry in entries {
                ifd += number(entry.tag, 2) + number(entry.type, 2) + number(entry.count, 4)
                if entry.tag == 0x8825 {
                    ifd += number(gpsOffset, 4)
                } else if entry.value.count <= 4 {
                    ifd += entry.value + [UInt8](repeating: 0, count: 4 - entry.value.count)
                } else {
                    ifd += number(dataOffset, 4)
                    dataArea += entry.value
                    dataOffset += entry.value.count
                }
            }
            return ifd + [0, 0, 0, 0]
        }
        let header = ascii(bigEndianOrder ? "MM" : "II") + number(42, 2) + number(8, 4)
        let first = encode(ifd0)
        return header + first + (gps ? encode(gpsEntries) : []) + dataArea
    }

    static func exifSegment(orientation: Int? = nil, gps: Bool = true, bigEndianOrder: Bool = true) -> [UInt8] {
        segment(0xE1, ascii("Exif") + [0, 0] + tiff(orientation: orientation, gps: gps, bigEndianOrder: bigEndianOrder))
    }

    /// The markers of a well-formed JPEG in order, and the entropy-coded data of each scan.
    static func jpegStructure(_ jpeg: [UInt8]) -> (markers: [UInt8], scans: [[UInt8]]) {
        var markers: [UInt8] = [0xD8]
        var scans: [[UInt8]] = []
        var offset = 2
        while offset + 1 < jpeg.count, jpeg[offset] == 0xFF {
            let marker = jpeg[offset + 1]
            markers.append(marker)
            guard marker != 0xD9, offset + 3 < jpeg.count else { break }
            var next = offset + 2 + (Int(jpeg[offset + 2]) << 8 | Int(jpeg[offset + 3]))
            if marker == 0xDA {
                let start = next
                while next + 1 < jpeg.count, jpeg[next] != 0xFF || jpeg[next + 1] == 0 || (0xD0...0xD7).contains(jpeg[next + 1]) {
                    next += 1
                }
                scans.append(Array(jpeg[start..<next]))
            }
            offset = next
        }
        return (markers, scans)
    }

    static let xmpNamespace = ascii("http://ns.adobe.com/xap/1.0/")
    static let xmpPacket = ascii(#"<x:xmpmeta xmlns:x="adobe:ns:meta/">"#)
        + ascii(#"<rdf:Description exif:GPSLatitude="50,27.0N"/></x:xmpmeta>"#)
    static let xmpSegment = segment(0xE1, xmpNamespace + [0] + xmpPacket)
    static let commentText = ascii("Taken from the source's balcony")
    static let commentSegment = segment(0xFE, commentText)
    /// APP13 Photoshop IRB with an IPTC by-line.
    static let iptcSegment = segment(0xED, ascii("Photoshop 3.0") + [0] + ascii("8BIM") + [0x04, 0x04, 0, 0]
        + bigEndian(14, 4) + [0x1C, 0x02, 0x50, 0x00, 0x09] + ascii("Anonymous"))
    static let iccProfile = ascii("ICC_PROFILE") + [0, 1, 1] + ascii("not a real profile, but kept whole")
    static let adobeSegment = segment(0xEE, ascii("Adobe") + [0, 100, 0, 0, 0, 0, 1])

    // MARK: PNG

    /// A table-free CRC-32, independent of the one under test.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        bigEndian(data.count, 4) + ascii(type) + data + bigEndian(Int(crc32(ascii(type) + data)), 4)
    }

    /// A zlib stream of one stored (uncompressed) deflate block.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var a = 1, b = 0
        for byte in data {
            a = (a + Int(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return [0x78, 0x01, 0x01] + littleEndian(data.count, 2) + littleEndian(~data.count & 0xFFFF, 2) + data
            + bigEndian(b << 16 | a, 4)
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func ihdr(width: Int, height: Int) -> [UInt8] {
        pngChunk("IHDR", bigEndian(width, 4) + bigEndian(height, 4) + [8, 0, 0, 0, 0])
    }

    /// An 8-bit greyscale gradient PNG, its zlib data split over two IDAT chunks.
    static func png(width: Int = 3, height: Int = 2, beforeData: [[UInt8]] = [], afterData: [[UInt8]] = []) -> [UInt8] {
        var rows: [UInt8] = []
        for y in 0..<height {
            rows.append(0)  // filter type None
            for x in 0..<width { rows.append(UInt8((x * 80 + y * 40) & 0xFF)) }
        }
        let stream = zlibStored(rows)
        let half = stream.count / 2
        return pngSignature + ihdr(width: width, height: height) + beforeData.joined()
            + pngChunk("IDAT", Array(stream[..<half])) + pngChunk("IDAT", Array(stream[half...]))
            + afterData.joined() + pngChunk("IEND", [])
    }

    /// A PNG header declaring any size, with one byte of image data (for inspection, not decoding).
    static func pngDeclaring(width: Int, height: Int) -> [UInt8] {
        pngSignature + ihdr(width: width, height: height) + pngChunk("IDAT", zlibStored([0])) + pngChunk("IEND", [])
    }

    /// The chunks of a PNG, with whether each CRC is right by the independent CRC.
    static func pngChunks(_ png: [UInt8]) -> [(type: String, data: [UInt8], crcIsValid: Bool)] {
        var chunks: [(type: String, data: [UInt8], crcIsValid: Bool)] = []
        var offset = 8
        while offset + 12 <= png.count {
            let length = png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let typeAndData = Array(png[(offset + 4)..<(offset + 8 + length)])
            let stored = png[(offset + 8 + length)..<(offset + 12 + length)].reduce(0) { $0 << 8 | Int($1) }
            chunks.append((String(decoding: typeAndData.prefix(4), as: UTF8.self), Array(typeAndData.dropFirst(4)),
                           stored == Int(crc32(typeAndData))))
            offset += 12 + length
        }
        return chunks
    }

    // MARK: WebP

    /// A 1×1 lossless VP8L bitstream: signature 0x2F, width-1 = height-1 = 0, alpha used, version 0;
    /// no transform, no colour cache, no meta codes; five one-symbol prefix codes (green 0x80, red 0x40,
    /// blue 0x20, alpha 0xFF, distance 0), so the single pixel takes no bits. Decodes to RGBA (64, 128, 32, 255).
    static let vp8l1x1: [UInt8] = [0x2F, 0x00, 0x00, 0x00, 0x10, 0x28, 0x60, 0x81, 0x0A, 0xD2, 0xFF, 0x00, 0x12]

    static func riffChunk(_ fourCC: String, _ payload: [UInt8]) -> [UInt8] {
        ascii(fourCC) + littleEndian(payload.count, 4) + payload + (payload.count % 2 == 1 ? [0] : [])
    }

    static func webp(_ chunks: [[UInt8]]) -> [UInt8] {
        let body = ascii("WEBP") + chunks.joined()
        return ascii("RIFF") + littleEndian(body.count, 4) + body
    }

    static func vp8x(flags: UInt8, width: Int = 1, height: Int = 1) -> [UInt8] {
        riffChunk("VP8X", [flags, 0, 0, 0] + littleEndian(width - 1, 3) + littleEndian(height - 1, 3))
    }

    /// A lossless header of any size (only the header: enough for inspection, not for decoding).
    static func vp8lHeader(width: Int, height: Int) -> [UInt8] {
        riffChunk("VP8L", [0x2F] + littleEndian((width - 1) | (height - 1) << 14 | 1 << 28, 4) + [0, 0, 0])
    }

    /// A lossy key-frame header (frame tag, start code 9D 01 2A, 14-bit sizes with scale bits set).
    static func vp8Header(width: Int, height: Int) -> [UInt8] {
        riffChunk("VP8 ", [0x50, 0x01, 0x00, 0x9D, 0x01, 0x2A] + littleEndian(width | 0xC000, 2)
            + littleEndian(height | 0x4000, 2) + [0, 0])
    }

    /// The chunks of a RIFF file (four-character code and payload).
    static func riffChunks(_ file: [UInt8]) -> [(fourCC: String, payload: [UInt8])] {
        var chunks: [(fourCC: String, payload: [UInt8])] = []
        var offset = 12
        while offset + 8 <= file.count {
            let size = file[(offset + 4)..<(offset + 8)].reversed().reduce(0) { $0 << 8 | Int($1) }
            chunks.append((String(decoding: file[offset..<(offset + 4)], as: UTF8.self),
                           Array(file[(offset + 8)..<min(file.count, offset + 8 + size)])))
            offset += 8 + size + size % 2
        }
        return chunks
    }
}
