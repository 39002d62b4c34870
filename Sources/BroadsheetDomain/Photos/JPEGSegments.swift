/// One piece of a JPEG file, in file order.
enum JPEGPart: Equatable {
    /// A marker segment: `payload` is what follows the two length bytes.
    case segment(marker: UInt8, payload: Range<Int>)
    /// A marker without a length (RSTn or TEM) found outside a scan; it carries nothing.
    case standalone(marker: UInt8)
    /// The entropy-coded data after a scan header (stuffed bytes and RSTn markers included).
    case entropyData(Range<Int>)
    /// The end-of-image marker.
    case end
}

/// Walks a JPEG file's markers from SOI to EOI; every call advances or throws, so a walk always ends.
struct JPEGWalker {
    /// Start-of-frame markers: C0–C3, C5–C7, C9–CB, CD–CF (not C4 DHT, C8 JPG, CC DAC).
    static func isStartOfFrame(_ marker: UInt8) -> Bool {
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }

    private let data: ImageBytes
    private var position = 2
    private var inScan = false

    /// Starts after the SOI marker; refuses bytes that do not begin with one.
    init(_ data: ImageBytes) throws(ImageInspector.Problem) {
        guard data.matches([0xFF, 0xD8], at: 0) else { throw .notAnImage }
        self.data = data
    }

    /// The next piece of the file.
    mutating func next() throws(ImageInspector.Problem) -> JPEGPart {
        if inScan { return try entropyData() }
        guard try data.u8(position) == 0xFF else { throw .unreadableSize }
        var offset = position
        while try data.u8(offset) == 0xFF { offset += 1 }  // the marker plus any fill bytes before it
        let marker = UInt8(try data.u8(offset))
        offset += 1
        switch marker {
        case 0xD9:
            position = offset
            return .end
        case 0x01, 0xD0...0xD7:
            position = offset
            return .standalone(marker: marker)
        case 0xC0...0xFE where marker != 0xD8:
            let length = try data.be16(offset)
            guard length >= 2 else { throw .unreadableSize }
            let payload = try data.range(length - 2, at: offset + 2)
            position = payload.upperBound
            inScan = marker == 0xDA
            return .segment(marker: marker, payload: payload)
        default:  // 0x00 outside a scan, a second SOI, or a reserved marker
            throw .unreadableSize
        }
    }

    /// The scan data up to the next real marker (not a stuffed 0xFF 0x00 or a restart marker).
    private mutating func entropyData() throws(ImageInspector.Problem) -> JPEGPart {
        let bytes = data.bytes
        var offset = position
        while true {
            guard let fill = bytes[offset...].firstIndex(of: 0xFF) else { throw .truncated }
            var next = fill + 1
            while next < bytes.count, bytes[next] == 0xFF { next += 1 }
            guard next < bytes.count else { throw .truncated }
            if bytes[next] == 0x00 || (0xD0...0xD7).contains(bytes[next]) {
                offset = next + 1
                continue
            }
            let scan = position..<fill
            position = fill
            inScan = false
            return .entropyData(scan)
        }
    }
}

/// The EXIF orientation tag (0x0112), read defensively from an APP1 "Exif" payload.
enum ExifOrientation {
    /// What opens an EXIF APP1 payload.
    static let header = asciiBytes("Exif") + [0, 0]

    /// The orientation (1–8) in an APP1 payload, or nil if it is not EXIF, has none or is malformed.
    static func read(app1 payload: ArraySlice<UInt8>) -> Int? {
        guard payload.starts(with: header) else { return nil }
        let tiff = ImageBytes(bytes: Array(payload.dropFirst(header.count)))
        let bigEndian: Bool
        switch (tiff.matches(asciiBytes("MM"), at: 0), tiff.matches(asciiBytes("II"), at: 0)) {
        case (true, _): bigEndian = true
        case (_, true): bigEndian = false
        default: return nil
        }
        func number(_ offset: Int, _ size: Int) -> Int? {
            guard tiff.holds(size, at: offset) else { return nil }
            let value = try? tiff.le(offset, size: size)
            guard bigEndian, let value else { return value }
            return size == 2 ? Int(UInt16(value).byteSwapped) : Int(UInt32(value).byteSwapped)
        }
        guard number(2, 2) == 42, let ifd = number(4, 4), let entries = number(ifd, 2) else { return nil }
        for index in 0..<min(entries, tiff.count / 12) {
            let entry = ifd + 2 + index * 12
            guard let tag = number(entry, 2) else { return nil }
            guard tag == 0x0112 else { continue }
            guard number(entry + 2, 2) == 3, let count = number(entry + 4, 4), count >= 1,
                  let value = number(entry + 8, 2), (1...8).contains(value) else { return nil }
            return value
        }
        return nil
    }

    /// A minimal APP1 payload holding only `orientation`: no camera, time, place or thumbnail.
    static func minimalPayload(_ orientation: Int) -> [UInt8] {
        var payload = header + asciiBytes("MM") + [0x00, 0x2A, 0x00, 0x00, 0x00, 0x08]
        payload += [0x00, 0x01]  // one entry in IFD0
        payload += [0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01]  // Orientation, SHORT, count 1
        payload.appendBigEndian(orientation, size: 2)
        payload += [0x00, 0x00, 0x00, 0x00, 0x00, 0x00]  // value padding, then no next IFD
        return payload
    }

    /// Whether an orientation turns the picture a quarter, so a browser shows width and height swapped.
    static func swapsSides(_ orientation: Int) -> Bool {
        (5...8).contains(orientation)
    }
}
