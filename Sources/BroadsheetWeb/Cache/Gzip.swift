import CompressNIO
import NIOCore

/// Gzip for cached pages: done once when a page is stored, never per request.
enum Gzip {
    /// Nil when the result would not be smaller (tiny bodies), or compression fails.
    static func compress(_ bytes: ByteBuffer) -> ByteBuffer? {
        guard bytes.readableBytes > 256 else { return nil }
        var input = bytes
        guard let output = try? input.compress(with: .gzip()), output.readableBytes < bytes.readableBytes else {
            return nil
        }
        return output
    }
}
