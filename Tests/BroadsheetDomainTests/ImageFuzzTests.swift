import Testing
@testable import BroadsheetDomain

/// A small seeded generator (SplitMix64), so every fuzz run is the same run and failures reproduce.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

@Suite("Image parsing under hostile input", .timeLimit(.minutes(1)))
struct ImageFuzzTests {
    /// Valid files, most carrying metadata, for truncation and mutation.
    static let seeds: [[UInt8]] = [
        Fixture.greyJPEG(extra: [Fixture.exifSegment(orientation: 6), Fixture.xmpSegment, Fixture.commentSegment]),
        Fixture.restartJPEG(betweenTables: Fixture.commentSegment),
        Fixture.multiScanJPEG(between: Fixture.commentSegment),
        Fixture.png(beforeData: [Fixture.pngChunk("tEXt", Fixture.ascii("GPS") + [0] + Fixture.ascii("50.45,30.52")),
                                 Fixture.pngChunk("eXIf", Fixture.tiff())]),
        Fixture.webp([Fixture.vp8x(flags: 0x3C), Fixture.riffChunk("ICCP", [1, 2, 3]), Fixture.riffChunk("VP8L", Fixture.vp8l1x1),
                      Fixture.riffChunk("EXIF", Fixture.tiff()), Fixture.riffChunk("XMP ", Fixture.xmpPacket)]),
        Fixture.webp([Fixture.vp8x(flags: 0x12), Fixture.riffChunk("ANIM", [0, 0, 0, 0, 0, 0]),
                      Fixture.riffChunk("ANMF", [UInt8](repeating: 0, count: 16) + Fixture.riffChunk("VP8L", Fixture.vp8l1x1))]),
    ]

    /// Inspects and strips `bytes` as every format; whatever comes back must hold together.
    private static func exercise(_ bytes: [UInt8]) {
        let info = try? ImageInspector.inspect(bytes)
        for format in ImageFormat.allCases {
            guard let stripped = try? MetadataStripper.strip(bytes, format: format) else { continue }
            #expect(info?.format == format)
            #expect((try? ImageInspector.inspect(stripped)) == info)
            #expect((try? MetadataStripper.strip(stripped, format: format)) == stripped)
        }
    }

    @Test("10,000 random byte arrays, bare or behind each format's signature, never crash or hang")
    func randomBytes() {
        var random = SeededGenerator(state: 0xB0AD_5EE7)
        let signatures: [[UInt8]] = [
            [], [0xFF, 0xD8, 0xFF], Fixture.pngSignature, Fixture.ascii("RIFF") + [200, 0, 0, 0] + Fixture.ascii("WEBP"),
        ]
        for round in 0..<10_000 {
            let noise = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            Self.exercise(signatures[round % signatures.count] + noise)
        }
    }

    @Test("Every cut-short copy of a valid file is refused as truncated (or not an image), never stripped",
          arguments: seeds.indices)
    func everyTruncation(index: Int) throws {
        let file = Self.seeds[index]
        let format = try ImageInspector.inspect(file).format
        for length in 0..<file.count {
            let cut = Array(file.prefix(length))
            #expect(performing: { _ = try MetadataStripper.strip(cut, format: format) }, throws: { error in
                [ImageInspector.Problem.truncated, .notAnImage].contains(error as? ImageInspector.Problem)
            })
        }
    }

    @Test("Thousands of bit flips and byte changes in valid files never crash, hang or leave a broken result",
          arguments: seeds.indices)
    func mutations(index: Int) {
        var random = SeededGenerator(state: UInt64(index) &+ 0x5EED)
        let file = Self.seeds[index]
        for _ in 0..<2_000 {
            var mutated = file
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let position = Int.random(in: 0..<mutated.count, using: &random)
                if Bool.random(using: &random) {
                    mutated[position] ^= 1 << UInt8.random(in: 0...7, using: &random)
                } else {
                    let interesting: [UInt8] = [0x00, 0xFF, 0x7F, 0x80, UInt8.random(in: 0...255, using: &random)]
                    mutated[position] = interesting.randomElement(using: &random)!
                }
            }
            Self.exercise(mutated)
        }
    }

    @Test("Lengths and offsets pointing far past the end are refused, not followed", arguments: [
        ([0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 0x00], ImageFormat.jpeg),
        (Fixture.pngSignature + [0x7F, 0xFF, 0xFF, 0xFF] + Fixture.ascii("IHDR") + [UInt8](repeating: 0, count: 21), .png),
        (Fixture.ascii("RIFF") + [0xFF, 0xFF, 0xFF, 0xFF] + Fixture.ascii("WEBPVP8L") + [0xFF, 0xFF, 0xFF, 0x7F], .webp),
        (Fixture.webp([Fixture.vp8x(flags: 0x02), Fixture.ascii("ANMF") + [0xFF, 0xFF, 0xFF, 0xFF]]), .webp),
        (Fixture.webp([Fixture.vp8x(flags: 0x02), Fixture.riffChunk("ANMF", [UInt8](repeating: 0, count: 16)
            + Fixture.ascii("VP8L") + [0xFF, 0xFF, 0xFF, 0x7F] + Fixture.vp8l1x1)]), .webp),
    ] as [([UInt8], ImageFormat)])
    func hugeLengths(bytes: [UInt8], format: ImageFormat) {
        #expect(throws: ImageInspector.Problem.truncated) { try MetadataStripper.strip(bytes, format: format) }
    }
}
