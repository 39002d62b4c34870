import CompressNIO
import Foundation
import NIOCore

/// A minimal PNG encoder for 8-bit truecolour (RGB) images.
///
/// Each scanline gets the filter (Sub or Up) whose output has the smallest sum of absolute
/// values, the filtered stream is zlib-compressed into one IDAT chunk, and every
/// chunk carries a CRC-32 computed with the usual 256-entry table.
enum PNGEncoder {
    /// The eight bytes every PNG file starts with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The CRC-32 (ISO 3309, polynomial 0xEDB88320) lookup table.
    static let crcTable: [UInt32] = (0..<256).map { (n: Int) -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The CRC-32 of `bytes`, as stored after each PNG chunk.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        crcTable.withUnsafeBufferPointer { table in
            bytes.withUnsafeBufferPointer { data in
                var c: UInt32 = 0xFFFF_FFFF
                for byte in data { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
                return c ^ 0xFFFF_FFFF
            }
        }
    }

    /// Encodes `pixels` (row-major, 3 bytes per pixel, `width * height * 3` bytes) as a PNG file.
    static func encodeRGB(width: Int, height: Int, pixels: [UInt8]) -> [UInt8] {
        precondition(width > 0 && height > 0, "PNG images need at least one pixel")
        precondition(pixels.count == width * height * 3, "expected width * height * 3 bytes")
        var header: [UInt8] = []
        appendUInt32(UInt32(width), to: &header)
        appendUInt32(UInt32(height), to: &header)
        header += [8, 2, 0, 0, 0]  // bit depth 8, colour type 2 (RGB), deflate, adaptive filters, no interlace

        var png = signature
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", compress(filtered(width: width, height: height, pixels: pixels)), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// The scanlines, each prefixed by its filter type byte, ready for compression. Each row uses
    /// Up (2) or Sub (1), whichever gives the smaller sum of absolute (signed) byte values.
    static func filtered(width: Int, height: Int, pixels: [UInt8]) -> [UInt8] {
        let stride = width * 3
        var out = [UInt8](repeating: 0, count: height * (stride + 1))
        var upRow = [UInt8](repeating: 0, count: stride)
        out.withUnsafeMutableBufferPointer { dst in
            upRow.withUnsafeMutableBufferPointer { upBuffer in
                pixels.withUnsafeBufferPointer { src in
                    let d = dst.baseAddress!, s = src.baseAddress!, up = upBuffer.baseAddress!
                    for y in 0..<height {
                        let row = s + y * stride, line = d + y * (stride + 1) + 1
                        if y > 0 && memcmp(row, row - stride, stride) == 0 {
                            line[-1] = 2  // Up over an identical row: the zero-filled output is already right
                            continue
                        }
                        line[-1] = 1
                        var subCost = 0, upCost = y > 0 ? 0 : Int.max
                        for i in 0..<stride {
                            let v = row[i], sub = i >= 3 ? v &- row[i - 3] : v
                            line[i] = sub
                            subCost += sub < 128 ? Int(sub) : 256 - Int(sub)
                            if y > 0 {
                                let u = v &- row[i - stride]
                                up[i] = u
                                upCost += u < 128 ? Int(u) : 256 - Int(u)
                            }
                        }
                        if upCost < subCost {
                            line[-1] = 2
                            line.update(from: up, count: stride)
                        }
                    }
                }
            }
        }
        return out
    }

    /// zlib-wraps (RFC 1950: header, deflate data, Adler-32) the filtered scanlines.
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var input = ByteBufferAllocator().buffer(capacity: bytes.count)
        input.writeBytes(bytes)
        // Level 6 (zlib's default) is within a few per cent of level 9 here at a fraction of the time.
        let algorithm = CompressionAlgorithm.zlib(configuration: ZlibConfiguration(compressionLevel: .compressionLevel6))
        do {
            let output = try input.compress(with: algorithm)
            return Array(output.readableBytesView)
        } catch {
            // The output buffer is sized by deflateBound, so this only fails when memory runs out.
            fatalError("zlib compression of PNG data failed: \(error)")
        }
    }

    /// Appends a chunk: length, type, data and the CRC-32 of type and data.
    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        let typeAndData = Array(type.utf8) + data
        appendUInt32(UInt32(data.count), to: &png)
        png += typeAndData
        appendUInt32(crc32(typeAndData), to: &png)
    }

    /// Appends a big-endian 32-bit integer.
    private static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
