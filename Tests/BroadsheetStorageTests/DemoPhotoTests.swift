import CompressNIO
import NIOCore
import Testing

@testable import BroadsheetDemo

/// Checks the generated demo photos and the PNG encoder behind them, reading the files back
/// with an independent chunk parser, a bitwise CRC-32 and CompressNIO's zlib decoder.
@Suite struct DemoPhotoTests {
    struct Chunk {
        var type: String
        var data: [UInt8]
        var crc: UInt32
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func uint32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Splits a PNG file into its chunks (after the signature).
    static func chunks(_ png: [UInt8]) throws -> [Chunk] {
        var result: [Chunk] = []
        var i = 8
        while i < png.count {
            try #require(i + 12 <= png.count, "truncated chunk header at \(i)")
            let length = Int(uint32(png[i..<i + 4]))
            try #require(i + 12 + length <= png.count, "truncated chunk at \(i)")
            let type = String(decoding: png[i + 4..<i + 8], as: UTF8.self)
            let data = Array(png[i + 8..<i + 8 + length])
            result.append(Chunk(type: type, data: data, crc: uint32(png[i + 8 + length..<i + 12 + length])))
            i += 12 + length
        }
        return result
    }

    /// A bitwise (table-free) CRC-32, independent of the encoder's table-driven one.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            c ^= UInt32(byte)
            for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return ~c
    }

    /// The zlib-decompressed contents of all IDAT chunks.
    static func inflate(_ chunks: [Chunk]) throws -> [UInt8] {
        var buffer = ByteBuffer(bytes: chunks.filter { $0.type == "IDAT" }.flatMap(\.data))
        let raw = try buffer.decompress(with: .zlib())
        return Array(raw.readableBytesView)
    }

    /// Undoes the per-row filters (None, Sub, Up) and returns the RGB pixels.
    static func unfilter(_ raw: [UInt8], width: Int, height: Int) throws -> [UInt8] {
        let stride = width * 3
        var pixels = [UInt8](repeating: 0, count: stride * height)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            try #require(filter <= 2, "unexpected filter \(filter) in row \(y)")
            for i in 0..<stride {
                let value = raw[y * (stride + 1) + 1 + i]
                let left = i >= 3 ? pixels[y * stride + i - 3] : 0
                let up = y > 0 ? pixels[(y - 1) * stride + i] : 0
                pixels[y * stride + i] = filter == 1 ? value &+ left : filter == 2 ? value &+ up : value
            }
        }
        return pixels
    }

    @Test func startsWithThePNGSignature() {
        let png = DemoPhotoPainter.png(scene: 0, width: 64, height: 36)
        #expect(Array(png.prefix(8)) == Self.signature)
    }

    @Test func headerDescribesAn8BitRGBImage() throws {
        let chunks = try Self.chunks(DemoPhotoPainter.png(scene: 4))
        let header = try #require(chunks.first)
        #expect(header.type == "IHDR")
        #expect(header.data.count == 13)
        #expect(Self.uint32(header.data[0..<4]) == 1200)
        #expect(Self.uint32(header.data[4..<8]) == 675)
        #expect(header.data[8] == 8)  // bit depth
        #expect(header.data[9] == 2)  // colour type: truecolour
        #expect(Array(header.data[10..<13]) == [0, 0, 0])  // deflate, adaptive filtering, no interlace
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        #expect(chunks.last?.data.isEmpty == true)
    }

    @Test(arguments: [0, 5, 13])
    func everyChunkCarriesTheRightCRC(scene: Int) throws {
        for chunk in try Self.chunks(DemoPhotoPainter.png(scene: scene, width: 300, height: 169)) {
            #expect(chunk.crc == Self.crc32(Array(chunk.type.utf8) + chunk.data), "bad CRC on \(chunk.type)")
        }
        #expect(PNGEncoder.crc32(Array("IEND".utf8)) == 0xAE42_6082)  // the well-known IEND CRC
    }

    @Test func imageDataInflatesToFilteredScanlinesOfThePaintedPixels() throws {
        let (width, height) = (1200, 675)
        let raw = try Self.inflate(try Self.chunks(DemoPhotoPainter.png(scene: 8)))
        #expect(raw.count == height * (1 + width * 3))
        let decoded = try Self.unfilter(raw, width: width, height: height)
        #expect(decoded == DemoPhotoPainter.pixels(scene: 8, width: width, height: height))
    }

    @Test func allSixteenScenesDifferAndStaySmall() throws {
        let images = (0..<16).map { DemoPhotoPainter.png(scene: $0) }
        #expect(Set(images).count == 16)
        for (scene, png) in images.enumerated() {
            #expect(png.count < 150_000, "scene \(scene) is \(png.count) bytes")
        }
    }

    @Test func sceneNumbersWrapAroundModuloSixteen() {
        #expect(DemoPhotoPainter.png(scene: 16, width: 80, height: 45) == DemoPhotoPainter.png(scene: 0, width: 80, height: 45))
        #expect(DemoPhotoPainter.png(scene: -1, width: 80, height: 45) == DemoPhotoPainter.png(scene: 15, width: 80, height: 45))
    }

    @Test func paintingIsDeterministic() {
        #expect(DemoPhotoPainter.png(scene: 11) == DemoPhotoPainter.png(scene: 11))
    }

    @Test func aOneByOneImageEncodes() throws {
        let png = PNGEncoder.encodeRGB(width: 1, height: 1, pixels: [200, 100, 50])
        let chunks = try Self.chunks(png)
        #expect(Self.uint32(chunks[0].data[0..<4]) == 1 && Self.uint32(chunks[0].data[4..<8]) == 1)
        let raw = try Self.inflate(chunks)
        #expect(raw.count == 4)
        #expect(try Self.unfilter(raw, width: 1, height: 1) == [200, 100, 50])
        for scene in 0..<16 {  // every scene copes with a single pixel
            #expect(try Self.chunks(DemoPhotoPainter.png(scene: scene, width: 1, height: 1)).count == 3)
        }
    }

    @Test func oddSizesRoundTrip() throws {
        let (width, height) = (7, 5)
        var pixels: [UInt8] = []
        for i in 0..<width * height * 3 { pixels.append(UInt8((i * 37 + i / 5 * 11) & 0xFF)) }
        let raw = try Self.inflate(try Self.chunks(PNGEncoder.encodeRGB(width: width, height: height, pixels: pixels)))
        #expect(try Self.unfilter(raw, width: width, height: height) == pixels)
    }
}
