import Testing
@testable import BroadsheetDomain

@Suite("Image inspection")
struct ImageInspectorTests {
    /// Every hand-built sample, with what inspection must find.
    static let samples: [(name: String, bytes: [UInt8], info: ImageInfo)] = [
        ("grey baseline JPEG", Fixture.greyJPEG(), ImageInfo(format: .jpeg, width: 16, height: 16)),
        ("JPEG with restart markers", Fixture.restartJPEG(), ImageInfo(format: .jpeg, width: 16, height: 16)),
        ("colour JPEG, one scan per component", Fixture.multiScanJPEG(), ImageInfo(format: .jpeg, width: 8, height: 8)),
        ("wide JPEG header", Fixture.greyJPEG(width: 1_920, height: 1_080),
         ImageInfo(format: .jpeg, width: 1_920, height: 1_080)),
        ("greyscale PNG", Fixture.png(), ImageInfo(format: .png, width: 3, height: 2)),
        ("tall PNG", Fixture.png(width: 1, height: 7), ImageInfo(format: .png, width: 1, height: 7)),
        ("lossless WebP", Fixture.webp([Fixture.riffChunk("VP8L", Fixture.vp8l1x1)]),
         ImageInfo(format: .webp, width: 1, height: 1)),
        ("lossless WebP header", Fixture.webp([Fixture.vp8lHeader(width: 4_000, height: 3_000)]),
         ImageInfo(format: .webp, width: 4_000, height: 3_000)),
        ("lossy WebP header", Fixture.webp([Fixture.vp8Header(width: 640, height: 480)]),
         ImageInfo(format: .webp, width: 640, height: 480)),
        ("extended WebP",
         Fixture.webp([Fixture.vp8x(flags: 0x10, width: 300, height: 200), Fixture.vp8lHeader(width: 300, height: 200)]),
         ImageInfo(format: .webp, width: 300, height: 200)),
    ]

    @Test("Each sample is recognised by its bytes, with the right width and height", arguments: samples.indices)
    func recognisesSamples(index: Int) throws {
        let sample = Self.samples[index]
        #expect(try ImageInspector.inspect(sample.bytes) == sample.info, "\(sample.name)")
    }

    @Test("Each format names its file extension and media type", arguments: [
        (ImageFormat.jpeg, "jpg", "image/jpeg"), (.png, "png", "image/png"), (.webp, "webp", "image/webp"),
    ])
    func namesAndTypes(format: ImageFormat, fileExtension: String, mediaType: String) {
        #expect(format.fileExtension == fileExtension)
        #expect(format.mediaType == mediaType)
    }

    @Test("Files that are not JPEG, PNG or WebP are refused, whatever they are called", arguments: [
        ("photo.jpg holding the text hello", Fixture.ascii("hello")),
        ("an SVG", Fixture.ascii(#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#)),
        ("a GIF", Fixture.ascii("GIF89a") + [1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x3B]),
        ("an empty file", []),
        ("a BMP", Fixture.ascii("BM") + Fixture.littleEndian(58, 4) + [UInt8](repeating: 0, count: 52)),
        ("a HEIC", [0, 0, 0, 0x18] + Fixture.ascii("ftypheic") + [UInt8](repeating: 0, count: 12)),
        ("a WAV in RIFF", Fixture.ascii("RIFF") + Fixture.littleEndian(4, 4) + Fixture.ascii("WAVE")),
        ("a PDF", Fixture.ascii("%PDF-1.7\n")),
        ("only the start of a JPEG marker", [0xFF, 0xD8]),
        ("a PNG signature with one byte wrong",
         [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0B] + Fixture.ihdr(width: 1, height: 1)),
    ] as [(String, [UInt8])])
    func refusesOtherFiles(name: String, bytes: [UInt8]) {
        #expect(throws: ImageInspector.Problem.notAnImage, "\(name)") { try ImageInspector.inspect(bytes) }
    }

    @Test("A PNG whose IHDR is cut short is truncated", arguments: 9..<33)
    func cutHeader(length: Int) {
        let cut = Array(Fixture.png().prefix(length))
        #expect(throws: ImageInspector.Problem.truncated) { try ImageInspector.inspect(cut) }
    }

    @Test("A file cut short anywhere after its signature is truncated", arguments: samples.indices)
    func cutAnywhere(index: Int) {
        let sample = Self.samples[index]
        let signatureLength = switch sample.info.format {
        case .jpeg: 3
        case .png: 8
        case .webp: 12
        }
        for length in signatureLength..<sample.bytes.count {
            #expect(throws: ImageInspector.Problem.truncated, "\(sample.name) cut to \(length) bytes") {
                try ImageInspector.inspect(Array(sample.bytes.prefix(length)))
            }
        }
    }

    @Test("Huge declared sizes are refused as too large", arguments: [
        (Fixture.pngDeclaring(width: 20_001, height: 1), 20_001, 1),
        (Fixture.pngDeclaring(width: 1, height: 20_001), 1, 20_001),
        (Fixture.pngDeclaring(width: 10_001, height: 10_000), 10_001, 10_000),
        (Fixture.pngDeclaring(width: 2_000_000_000, height: 2_000_000_000), 2_000_000_000, 2_000_000_000),
        (Fixture.greyJPEG(width: 65_535, height: 65_535), 65_535, 65_535),
        (Fixture.webp([Fixture.vp8x(flags: 0, width: 16_777_216, height: 16_777_216)]), 16_777_216, 16_777_216),
        (Fixture.webp([Fixture.vp8lHeader(width: 16_384, height: 16_384)]), 16_384, 16_384),
    ])
    func tooLarge(bytes: [UInt8], width: Int, height: Int) {
        #expect(throws: ImageInspector.Problem.tooLarge(width: width, height: height)) { try ImageInspector.inspect(bytes) }
    }

    @Test("Sizes right at the limits are accepted", arguments: [(20_000, 5_000), (5_000, 20_000), (10_000, 10_000)])
    func atTheLimits(width: Int, height: Int) throws {
        #expect(try ImageInspector.inspect(Fixture.pngDeclaring(width: width, height: height)).width == width)
        #expect(try ImageInspector.inspect(Fixture.greyJPEG(width: width, height: height)).height == height)
    }

    @Test("Files whose size cannot be read are refused as unreadable", arguments: [
        ("JPEG scan before any SOF",
         [0xFF, 0xD8] + Fixture.quantisation + Fixture.scanHeader(component: 1) + Fixture.greyScan + Fixture.endOfImage),
        ("JPEG with tables only", [0xFF, 0xD8] + Fixture.quantisation + Fixture.dcTable + Fixture.endOfImage),
        ("JPEG with a frame but no scan",
         [0xFF, 0xD8] + Fixture.quantisation + Fixture.greyFrame(width: 16, height: 16) + Fixture.endOfImage),
        ("JPEG frame listing fewer components than it counts",
         [0xFF, 0xD8] + Fixture.segment(0xC0, [8, 0, 16, 0, 16, 2, 1, 0x11, 0])
            + Fixture.scanHeader(component: 1) + Fixture.greyScan + Fixture.endOfImage),
        ("JPEG frame with no components", [0xFF, 0xD8] + Fixture.segment(0xC0, [8, 0, 16, 0, 16, 0])
            + Fixture.scanHeader(component: 1) + Fixture.greyScan + Fixture.endOfImage),
        ("JPEG with zero height (DNL)", Fixture.greyJPEG(width: 16, height: 0)),
        ("JPEG segment length below two", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01] + Fixture.endOfImage),
        ("JPEG with garbage between segments", [0xFF, 0xD8] + Fixture.jfif + [0x00] + Array(Fixture.greyJPEG().dropFirst(20))),
        ("PNG with zero width", Fixture.png(width: 0, height: 2)),
        ("PNG with a damaged IHDR CRC", { var png = Fixture.png(); png[32] ^= 1; return png }()),
        ("PNG starting with another chunk",
         Fixture.pngSignature + Fixture.pngChunk("gAMA", [0, 0, 0xB1, 0x8F]) + Array(Fixture.png().dropFirst(8))),
        ("WebP starting with an unknown chunk", Fixture.webp([Fixture.riffChunk("JUNK", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])])),
        ("VP8L without its signature", Fixture.webp([Fixture.riffChunk("VP8L", [0x2E] + Array(Fixture.vp8l1x1.dropFirst()))])),
        ("VP8 that is not a key frame",
         Fixture.webp([Fixture.riffChunk("VP8 ", [0x51, 0x01, 0x00, 0x9D, 0x01, 0x2A, 1, 0, 1, 0])])),
        ("VP8 without its start code",
         Fixture.webp([Fixture.riffChunk("VP8 ", [0x50, 0x01, 0x00, 0x9D, 0x01, 0x2B, 1, 0, 1, 0])])),
    ] as [(String, [UInt8])])
    func unreadable(name: String, bytes: [UInt8]) {
        #expect(throws: ImageInspector.Problem.unreadableSize, "\(name)") { try ImageInspector.inspect(bytes) }
    }

    @Test("A JPEG's EXIF orientation 5–8 swaps the width and height a browser shows", arguments: 1...8)
    func orientation(value: Int) throws {
        let wide = Fixture.greyJPEG(width: 32, height: 16)
        for bigEndianOrder in [true, false] {
            let exif = Fixture.exifSegment(orientation: value, bigEndianOrder: bigEndianOrder)
            let turned = Fixture.greyJPEG(extra: [exif], width: 32, height: 16)
            let info = try ImageInspector.inspect(turned)
            #expect((info.width, info.height) == (value >= 5 ? (16, 32) : (32, 16)), "orientation \(value)")
        }
        #expect(try ImageInspector.inspect(wide).width == 32)
    }

    @Test("A malformed EXIF block is ignored rather than trusted")
    func malformedExif() throws {
        var tiff = Fixture.tiff(orientation: 6)
        tiff[4...7] = [0xFF, 0xFF, 0xFF, 0x00]  // IFD0 offset far past the end
        let jpeg = Fixture.greyJPEG(extra: [Fixture.segment(0xE1, Fixture.ascii("Exif") + [0, 0] + tiff)], width: 32, height: 16)
        #expect(try ImageInspector.inspect(jpeg) == ImageInfo(format: .jpeg, width: 32, height: 16))
    }

    @Test("Each problem reads as a sentence a newsroom person can act on", arguments: [
        (ImageInspector.Problem.notAnImage, "not a JPEG, PNG or WebP image"),
        (.truncated, "upload it again"),
        (.unreadableSize, "export it again"),
        (.tooLarge(width: 30_000, height: 12), "30,000 × 12 pixels"),
    ])
    func descriptions(problem: ImageInspector.Problem, phrase: String) {
        #expect(problem.description.contains(phrase))
        #expect(problem.description.first?.isLowercase == true)
    }
}
