import Testing
@testable import BroadsheetDomain

/// Pictures carrying metadata, shared by the tests below.
private enum Samples {
    /// EXIF with a GPS IFD (Kyiv), XMP, IPTC, a comment and a second image after EOI.
    static let taggedJPEG = Fixture.greyJPEG(extra: [
        Fixture.exifSegment(), Fixture.xmpSegment, Fixture.iptcSegment, Fixture.commentSegment,
    ]) + [0xFF, 0xD8] + Fixture.exifSegment() + Fixture.endOfImage

    static let pngColour = [
        Fixture.pngChunk("sRGB", [0]), Fixture.pngChunk("gAMA", Fixture.bigEndian(45_455, 4)),
        Fixture.pngChunk("iCCP", Fixture.ascii("Display P3") + [0, 0] + Fixture.zlibStored(Fixture.ascii("not a real profile"))),
        Fixture.pngChunk("pHYs", Fixture.bigEndian(2_835, 4) + Fixture.bigEndian(2_835, 4) + [1]),
    ]
    static let pngMetadata = [
        Fixture.pngChunk("tEXt", Fixture.ascii("GPS") + [0] + Fixture.ascii("50.45,30.52")),
        Fixture.pngChunk("iTXt", Fixture.ascii("XML:com.adobe.xmp") + [0, 0, 0, 0, 0] + Fixture.xmpPacket),
        Fixture.pngChunk("zTXt", Fixture.ascii("Comment") + [0, 0] + Fixture.zlibStored(Fixture.commentText)),
        Fixture.pngChunk("eXIf", Fixture.tiff()),
        Fixture.pngChunk("tIME", [0x07, 0xEA, 3, 1, 12, 0, 0]),
        Fixture.pngChunk("prVt", Fixture.ascii("private notes")),
    ]

    static let webpExif = Fixture.riffChunk("EXIF", Fixture.tiff())
    static let webpXMP = Fixture.riffChunk("XMP ", Fixture.xmpPacket)
    static let webpProfile = Fixture.riffChunk("ICCP", Fixture.ascii("not a real profile"))
}

@Suite("Metadata stripping")
struct MetadataStripperTests {
    private typealias Problem = ImageInspector.Problem

    private static func strip(_ bytes: [UInt8]) throws -> [UInt8] {
        try MetadataStripper.strip(bytes, format: try ImageInspector.inspect(bytes).format)
    }

    // MARK: JPEG

    @Test("A JPEG loses its EXIF, GPS, XMP, IPTC and comment, and keeps its picture byte for byte")
    func jpegLosesLocation() throws {
        let original = Samples.taggedJPEG
        #expect(Fixture.contains(original, Fixture.latitudeRationals))
        let stripped = try Self.strip(original)
        let structure = Fixture.jpegStructure(stripped)
        #expect(!structure.markers.contains(0xE1))
        #expect(!structure.markers.contains(0xFE))
        #expect(!structure.markers.contains(0xED))
        for secret in [Fixture.ascii("Exif"), Fixture.gpsLatitudeEntry, Fixture.latitudeRationals, Fixture.longitudeRationals,
                       Fixture.xmpNamespace, Fixture.ascii("GPSLatitude"), Fixture.commentText, Fixture.ascii("Anonymous")] {
            #expect(!Fixture.contains(stripped, secret), "\(String(decoding: secret, as: UTF8.self))")
        }
        #expect(try ImageInspector.inspect(stripped) == ImageInspector.inspect(original))
        #expect(structure.scans == [Fixture.greyScan])
        #expect(structure.scans == Fixture.jpegStructure(original).scans)
        #expect(stripped == Fixture.greyJPEG())
    }

    @Test("A JPEG keeps SOI, JFIF, DQT, SOF, DHT, SOS and EOI in their order")
    func jpegKeepsPictureSegments() throws {
        let stripped = try Self.strip(Samples.taggedJPEG)
        #expect(Fixture.jpegStructure(stripped).markers == [0xD8, 0xE0, 0xDB, 0xC0, 0xC4, 0xC4, 0xDA, 0xD9])
    }

    @Test("Restart markers inside a scan, and DRI, survive untouched")
    func jpegRestartMarkers() throws {
        let original = Fixture.restartJPEG(betweenTables: Fixture.commentSegment)
        let stripped = try Self.strip(original)
        #expect(stripped == Fixture.restartJPEG())
        #expect(Fixture.jpegStructure(stripped).scans == [Fixture.restartScan])
        #expect(Fixture.jpegStructure(stripped).markers.contains(0xDD))
    }

    @Test("Segments between the scans of a multi-scan JPEG are sorted like the rest")
    func jpegMultiScan() throws {
        let original = Fixture.multiScanJPEG(between: Fixture.commentSegment + Fixture.exifSegment())
        let stripped = try Self.strip(original)
        #expect(stripped == Fixture.multiScanJPEG())
        #expect(Fixture.jpegStructure(stripped).scans == [[0x3F], [0xBF, 0xDF], [0x3F]])
    }

    @Test("Fill bytes before markers are accepted and dropped")
    func jpegFillBytes() throws {
        var padded = Fixture.greyJPEG(extra: [Fixture.commentSegment])
        padded.insert(contentsOf: [0xFF, 0xFF, 0xFF], at: 2)
        #expect(try Self.strip(padded) == Fixture.greyJPEG())
    }

    @Test("The JFIF header stays, but without the thumbnail it may carry")
    func jpegThumbnail() throws {
        let thumbnail = Fixture.segment(0xE0, Fixture.ascii("JFIF") + [0, 1, 2, 1, 0, 72, 0, 72, 2, 1] + [255, 0, 0, 0, 0, 255])
        let original = [0xFF, 0xD8] + thumbnail + Array(Fixture.greyJPEG().dropFirst(2 + Fixture.jfif.count))
        let stripped = try Self.strip(original)
        #expect(Array(stripped[2..<20]) == Fixture.segment(0xE0, Fixture.ascii("JFIF") + [0, 1, 2, 1, 0, 72, 0, 72, 0, 0]))
        #expect(stripped.count == Fixture.greyJPEG().count)
    }

    @Test("The ICC colour profile and Adobe colour transform stay; other APP2 data (MPF) goes")
    func jpegColour() throws {
        let profile = Fixture.segment(0xE2, Fixture.iccProfile)
        let multiPicture = Fixture.segment(0xE2, Fixture.ascii("MPF") + [0] + Fixture.ascii("MM") + [0, 42, 0, 0, 0, 8])
        let original = Fixture.greyJPEG(extra: [profile, multiPicture, Fixture.adobeSegment + Fixture.commentSegment])
        #expect(try Self.strip(original) == Fixture.greyJPEG(extra: [profile, Fixture.adobeSegment]))
    }

    @Test("Orientation survives as a bare EXIF tag, so turned photos stay upright, and nothing else does",
          arguments: 1...8)
    func jpegOrientation(value: Int) throws {
        for bigEndianOrder in [true, false] {
            let exif = Fixture.exifSegment(orientation: value, bigEndianOrder: bigEndianOrder)
            let original = Fixture.greyJPEG(extra: [exif], width: 32)
            let stripped = try Self.strip(original)
            #expect(try ImageInspector.inspect(stripped) == ImageInspector.inspect(original))
            #expect(!Fixture.contains(stripped, Fixture.ascii("Broadsheet Cam")))
            #expect(!Fixture.contains(stripped, Fixture.gpsLatitudeEntry))
            let bareTIFF = Fixture.ascii("MM") + [0, 42, 0, 0, 0, 8] + [0, 1]  // header, then IFD0 with one entry:
                + [0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, UInt8(value), 0, 0] + [0, 0, 0, 0]  // Orientation; no next IFD
            let bare = Fixture.segment(0xE1, Fixture.ascii("Exif") + [0, 0] + bareTIFF)
            let expected = value == 1 ? Fixture.greyJPEG(width: 32) : Fixture.greyJPEG(extra: [bare], width: 32)
            #expect(stripped == expected, "orientation \(value)")
        }
    }

    @Test("Only the first EXIF block's orientation counts, in inspection and stripping alike", arguments: [
        [Fixture.segment(0xE1, Fixture.ascii("Ex")), Fixture.exifSegment(orientation: 6)],
        [Fixture.exifSegment(), Fixture.exifSegment(orientation: 6)],
        [Fixture.exifSegment(orientation: 8), Fixture.exifSegment(orientation: 1)],
    ])
    func firstExifCounts(segments: [[UInt8]]) throws {
        let original = Fixture.greyJPEG(extra: segments, width: 32)
        #expect(try ImageInspector.inspect(Self.strip(original)) == ImageInspector.inspect(original))
    }

    // MARK: PNG

    @Test("A PNG loses tEXt, iTXt, zTXt, eXIf, tIME and unknown chunks, and keeps IDAT and colour chunks whole")
    func pngLosesText() throws {
        let original = Fixture.png(beforeData: Samples.pngColour + Samples.pngMetadata, afterData: [Samples.pngMetadata[0]])
        let stripped = try Self.strip(original)
        #expect(stripped == Fixture.png(beforeData: Samples.pngColour))
        let chunks = Fixture.pngChunks(stripped)
        #expect(chunks.map(\.type) == ["IHDR", "sRGB", "gAMA", "iCCP", "pHYs", "IDAT", "IDAT", "IEND"])
        let everyCRCIsValid = chunks.allSatisfy { $0.crcIsValid }
        #expect(everyCRCIsValid)
        let imageData = { (png: [UInt8]) in Fixture.pngChunks(png).filter { $0.type == "IDAT" }.map(\.data) }
        #expect(imageData(stripped) == imageData(original))
        for secret in [Fixture.ascii("GPS"), Fixture.ascii("50.45"), Fixture.xmpNamespace, Fixture.latitudeRationals,
                       Fixture.commentText] {
            #expect(!Fixture.contains(stripped, secret))
        }
        #expect(try ImageInspector.inspect(stripped) == ImageInspector.inspect(original))
    }

    @Test("Animated PNG frames (acTL, fcTL, fdAT) are picture, not metadata, and stay")
    func pngAnimation() throws {
        let animation = [Fixture.pngChunk("acTL", [0, 0, 0, 1, 0, 0, 0, 0])]
        let frame = [Fixture.pngChunk("fcTL", Fixture.bigEndian(0, 4) + Fixture.bigEndian(3, 4) + Fixture.bigEndian(2, 4)
            + [UInt8](repeating: 0, count: 8) + [0, 1, 0, 1, 0, 0])]
        let original = Fixture.png(beforeData: animation + frame + Samples.pngMetadata)
        #expect(try Self.strip(original) == Fixture.png(beforeData: animation + frame))
    }

    @Test("A PNG with an unknown critical chunk, a second IHDR or a damaged IDAT is refused", arguments: [
        Fixture.png(beforeData: [Fixture.pngChunk("ABCD", [1, 2, 3])]),
        Fixture.png(beforeData: [Fixture.ihdr(width: 3, height: 2)]),
        { var png = Fixture.png(); png[png.count - 13] ^= 0x10; return png }(),
        Fixture.pngSignature + Fixture.ihdr(width: 1, height: 1) + Fixture.pngChunk("IEND", []),
    ])
    func pngRefused(bytes: [UInt8]) {
        #expect(throws: Problem.unreadableSize) { try Self.strip(bytes) }
    }

    @Test("An ancillary chunk we would keep is dropped if its CRC is wrong")
    func pngDamagedAncillary() throws {
        var gamma = Fixture.pngChunk("gAMA", Fixture.bigEndian(45_455, 4))
        gamma[gamma.count - 1] ^= 0xFF
        #expect(try Self.strip(Fixture.png(beforeData: [gamma])) == Fixture.png())
    }

    // MARK: WebP

    @Test("An extended WebP loses EXIF and XMP, its flags say so, and its RIFF size is right")
    func webpLosesMetadata() throws {
        let image = Fixture.riffChunk("VP8L", Fixture.vp8l1x1)
        let original = Fixture.webp([Fixture.vp8x(flags: 0x10 | 0x08 | 0x04), image, Samples.webpExif, Samples.webpXMP])
        let stripped = try Self.strip(original)
        #expect(stripped == Fixture.webp([Fixture.vp8x(flags: 0x10), image]))
        let chunks = Fixture.riffChunks(stripped)
        #expect(chunks.map(\.fourCC) == ["VP8X", "VP8L"])
        #expect(chunks[0].payload[0] & (0x08 | 0x04) == 0)
        #expect(chunks[1].payload == Fixture.vp8l1x1)
        #expect(Array(stripped[4..<8]) == Fixture.littleEndian(stripped.count - 8, 4))
        #expect(!Fixture.contains(stripped, Fixture.latitudeRationals))
        #expect(!Fixture.contains(stripped, Fixture.ascii("GPSLatitude")))
        #expect(try ImageInspector.inspect(stripped) == ImageInspector.inspect(original))
    }

    @Test("A WebP keeps its ICC profile, and the ICC flag matches whether one is there", arguments: [true, false])
    func webpKeepsProfile(hasProfile: Bool) throws {
        let image = Fixture.riffChunk("VP8L", Fixture.vp8l1x1)
        let profile = hasProfile ? [Samples.webpProfile] : []
        let original = Fixture.webp([Fixture.vp8x(flags: 0x20 | 0x10 | 0x08)] + profile + [image, Samples.webpExif])
        let expected = Fixture.webp([Fixture.vp8x(flags: (hasProfile ? 0x20 : 0) | 0x10)] + profile + [image])
        #expect(try Self.strip(original) == expected)
    }

    @Test("A simple WebP keeps only its one image chunk")
    func webpSimple() throws {
        let image = Fixture.riffChunk("VP8L", Fixture.vp8l1x1)
        #expect(try Self.strip(Fixture.webp([image, Samples.webpExif, Samples.webpXMP])) == Fixture.webp([image]))
    }

    @Test("An animated WebP keeps ANIM and its frames, minus unknown chunks inside a frame")
    func webpAnimation() throws {
        let animation = Fixture.riffChunk("ANIM", [0, 0, 0, 0, 0, 0])
        let header: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 0, 0, 0]
        let image = Fixture.riffChunk("VP8L", Fixture.vp8l1x1)
        let frame = Fixture.riffChunk("ANMF", header + image + Fixture.riffChunk("NOTE", Fixture.commentText))
        let original = Fixture.webp([Fixture.vp8x(flags: 0x10 | 0x08 | 0x02), animation, frame, Samples.webpExif])
        let expected = Fixture.webp([Fixture.vp8x(flags: 0x10 | 0x02), animation, Fixture.riffChunk("ANMF", header + image)])
        #expect(try Self.strip(original) == expected)
    }

    @Test("An extended WebP with no picture besides its metadata is refused", arguments: [
        Fixture.webp([Fixture.vp8x(flags: 0x08), Samples.webpExif]),
        Fixture.webp([Fixture.vp8x(flags: 0x02), Fixture.riffChunk("ANMF", [UInt8](repeating: 0, count: 16) + Samples.webpExif)]),
        Fixture.webp([Fixture.vp8x(flags: 0x02), Fixture.riffChunk("ANMF", [UInt8](repeating: 0, count: 15))]),
    ])
    func webpWithoutPicture(bytes: [UInt8]) {
        #expect(throws: Problem.unreadableSize) { try Self.strip(bytes) }
    }

    // MARK: Every format

    @Test("Stripping twice gives the same bytes as stripping once", arguments: [
        Samples.taggedJPEG, Fixture.restartJPEG(), Fixture.multiScanJPEG(between: Fixture.commentSegment),
        Fixture.greyJPEG(extra: [Fixture.exifSegment(orientation: 6)]),
        Fixture.png(beforeData: Samples.pngColour + Samples.pngMetadata),
        Fixture.webp([Fixture.vp8x(flags: 0x3C), Samples.webpProfile, Fixture.riffChunk("VP8L", Fixture.vp8l1x1),
                      Samples.webpExif, Samples.webpXMP]),
    ])
    func idempotent(bytes: [UInt8]) throws {
        let once = try Self.strip(bytes)
        #expect(try Self.strip(once) == once)
    }

    @Test("Bytes hidden after the end of the image are dropped", arguments: [
        Fixture.greyJPEG(), Fixture.png(), Fixture.webp([Fixture.riffChunk("VP8L", Fixture.vp8l1x1)]),
    ])
    func trailingBytes(clean: [UInt8]) throws {
        let hidden = Fixture.ascii("PK\u{3}\u{4} source list: 50.45,30.52")
        #expect(try Self.strip(clean + hidden) == clean)
    }

    @Test("The format asked for must be the format the bytes are", arguments: [
        (Fixture.greyJPEG(), ImageFormat.png), (Fixture.png(), .webp),
        (Fixture.webp([Fixture.riffChunk("VP8L", Fixture.vp8l1x1)]), .jpeg),
    ])
    func formatMismatch(bytes: [UInt8], format: ImageFormat) {
        #expect(throws: Problem.notAnImage) { try MetadataStripper.strip(bytes, format: format) }
    }

    @Test("Files that are not images are refused", arguments: ImageFormat.allCases)
    func notAnImage(format: ImageFormat) {
        #expect(throws: Problem.notAnImage) { try MetadataStripper.strip(Fixture.ascii("hello"), format: format) }
        #expect(throws: Problem.notAnImage) { try MetadataStripper.strip([], format: format) }
    }
}
