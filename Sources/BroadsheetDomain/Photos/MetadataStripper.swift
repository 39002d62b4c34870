/// Removes metadata (EXIF, GPS, XMP, IPTC, comments, thumbnails) from a picture, leaving the picture intact.
public enum MetadataStripper {
    // What stays: everything a decoder needs to draw the pixels; the colour profile (JPEG APP2 ICC_PROFILE,
    // PNG iCCP/sRGB/gAMA/cHRM/cICP, WebP ICCP), since without it wide-gamut photos (Display P3, Adobe RGB)
    // show the wrong colours; and a JPEG's EXIF orientation, rewritten as a bare tag so that portrait phone
    // photos stay upright. Everything else goes, including any bytes after the end of the image.

    /// The same image without metadata; throws if the bytes are not a well-formed `format` file.
    public static func strip(_ bytes: [UInt8], format: ImageFormat) throws(ImageInspector.Problem) -> [UInt8] {
        guard try ImageInspector.inspect(bytes).format == format else { throw .notAnImage }
        let data = ImageBytes(bytes: bytes)
        return switch format {
        case .jpeg: try stripJPEG(data)
        case .png: try stripPNG(data)
        case .webp: try stripWebP(data)
        }
    }

    // MARK: JPEG

    /// Markers copied as they are: DHT, DAC, SOFn, SOS, DQT, DNL, DRI, DHP, EXP.
    private static func isPictureMarker(_ marker: UInt8) -> Bool {
        JPEGWalker.isStartOfFrame(marker) || [0xC4, 0xCC, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF].contains(marker)
    }

    /// SOI, the picture segments and scans, JFIF (without thumbnail), Adobe, ICC and orientation, EOI.
    private static func stripJPEG(_ data: ImageBytes) throws(ImageInspector.Problem) -> [UInt8] {
        var walker = try JPEGWalker(data)
        var output: [UInt8] = [0xFF, 0xD8]
        var exifSeen = false
        var scanned = false
        func appendSegment(_ marker: UInt8, _ payload: some Collection<UInt8>) {
            output += [0xFF, marker]
            output.appendBigEndian(payload.count + 2, size: 2)
            output += payload
        }
        while true {
            switch try walker.next() {
            case .segment(let marker, let range):
                let payload = data.bytes[range]
                switch marker {
                case _ where isPictureMarker(marker):
                    appendSegment(marker, payload)
                    scanned = scanned || marker == 0xDA
                case 0xE0 where payload.starts(with: asciiBytes("JFIF") + [0]) && payload.count >= 14:
                    appendSegment(marker, payload.prefix(12) + [0, 0])  // no thumbnail
                case 0xE1 where !exifSeen && !scanned && payload.starts(with: ExifOrientation.header):
                    exifSeen = true
                    if let orientation = ExifOrientation.read(app1: payload), orientation != 1 {
                        appendSegment(marker, ExifOrientation.minimalPayload(orientation))
                    }
                case 0xE2 where payload.starts(with: asciiBytes("ICC_PROFILE") + [0]):
                    appendSegment(marker, payload)
                case 0xEE where payload.starts(with: asciiBytes("Adobe")) && payload.count >= 12:
                    appendSegment(marker, payload.prefix(12))  // version, flags and colour transform
                default:
                    continue  // APP1 EXIF/XMP, other APPn, COM, JPGn
                }
            case .entropyData(let range):
                output += data.bytes[range]
            case .standalone:
                continue
            case .end:
                guard scanned else { throw .unreadableSize }
                return output + [0xFF, 0xD9]  // anything after EOI (e.g. MPF extra images) is dropped
            }
        }
    }

    // MARK: PNG

    /// Ancillary chunks about drawing the picture: transparency, colour, pixel size, animation.
    private static let keptPNGChunks: Set<[UInt8]> = Set([
        "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "cICP", "mDCV", "cLLI", "sBIT", "bKGD", "pHYs", "acTL", "fcTL", "fdAT",
    ].map(asciiBytes))

    /// The critical chunks a PNG may have.
    private static let criticalPNGChunks: Set<[UInt8]> = Set(["IHDR", "PLTE", "IDAT", "IEND"].map(asciiBytes))

    /// The signature, the critical chunks and the drawing-related ancillary ones, each with a valid CRC.
    private static func stripPNG(_ data: ImageBytes) throws(ImageInspector.Problem) -> [UInt8] {
        var output = PNGChunks.signature
        var hasImageData = false
        for (index, chunk) in try PNGChunks.read(data).enumerated() {
            if chunk.isCritical {
                guard criticalPNGChunks.contains(chunk.type), (chunk.type == PNGChunks.ihdr) == (index == 0),
                      chunk.crcIsValid(in: data) else { throw .unreadableSize }
                hasImageData = hasImageData || chunk.type == asciiBytes("IDAT")
            } else if !keptPNGChunks.contains(chunk.type) || !chunk.crcIsValid(in: data) {
                continue  // tEXt, zTXt, iTXt, eXIf, tIME, unknown or damaged ancillary chunks
            }
            output += data.bytes[chunk.whole]
        }
        guard hasImageData else { throw .unreadableSize }
        return output
    }

    // MARK: WebP

    /// The RIFF header and the image chunks; in an extended file also ICCP, ANIM and ANMF, with VP8X flags fixed.
    private static func stripWebP(_ data: ImageBytes) throws(ImageInspector.Problem) -> [UInt8] {
        let chunks = try RIFFChunks.read(data)
        var body = asciiBytes("WEBP")
        guard let first = chunks.first else { throw .unreadableSize }
        if first.fourCC != RIFFChunks.vp8x {  // a simple file: one VP8 or VP8L chunk is the whole picture
            RIFFChunks.append(first.fourCC, data.bytes[first.payload], to: &body)
        } else {
            var features = data.bytes[first.payload]
            let hasProfile = chunks.contains { $0.fourCC == RIFFChunks.iccp }
            // Flags: ICC 0x20, alpha 0x10, EXIF 0x08, XMP 0x04, animation 0x02.
            features[first.payload.lowerBound] &= ~(0x20 | 0x08 | 0x04)
            features[first.payload.lowerBound] |= hasProfile ? 0x20 : 0
            RIFFChunks.append(first.fourCC, features, to: &body)
            var keptProfile = false
            var hasImage = false
            for chunk in chunks.dropFirst() {
                switch chunk.fourCC {
                case RIFFChunks.iccp where !keptProfile:
                    keptProfile = true
                    RIFFChunks.append(chunk.fourCC, data.bytes[chunk.payload], to: &body)
                case RIFFChunks.anim, RIFFChunks.alph, RIFFChunks.vp8, RIFFChunks.vp8l:
                    hasImage = hasImage || (chunk.fourCC != RIFFChunks.anim && chunk.fourCC != RIFFChunks.alph)
                    RIFFChunks.append(chunk.fourCC, data.bytes[chunk.payload], to: &body)
                case RIFFChunks.anmf:
                    hasImage = true
                    RIFFChunks.append(chunk.fourCC, try frame(chunk.payload, in: data), to: &body)
                default:
                    continue  // EXIF, XMP, a second ICCP or VP8X, unknown chunks
                }
            }
            guard hasImage else { throw .unreadableSize }
        }
        var output = asciiBytes("RIFF")
        output.appendLittleEndian(body.count, size: 4)
        return output + body
    }

    /// An ANMF payload: its 16-byte frame header, then only the frame's ALPH, VP8 and VP8L chunks.
    private static func frame(_ payload: Range<Int>, in data: ImageBytes) throws(ImageInspector.Problem) -> [UInt8] {
        guard payload.count >= 16 else { throw .unreadableSize }
        var frame = Array(data.bytes[payload.prefix(16)])
        var hasImage = false
        for chunk in try RIFFChunks.read(data, in: (payload.lowerBound + 16)..<payload.upperBound) {
            guard [RIFFChunks.alph, RIFFChunks.vp8, RIFFChunks.vp8l].contains(chunk.fourCC) else { continue }
            hasImage = hasImage || chunk.fourCC != RIFFChunks.alph
            RIFFChunks.append(chunk.fourCC, data.bytes[chunk.payload], to: &frame)
        }
        guard hasImage else { throw .unreadableSize }
        return frame
    }
}
