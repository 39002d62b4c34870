/// The picture formats the newsroom accepts, recognised by their bytes.
public enum ImageFormat: String, Sendable, CaseIterable {
    case jpeg, png, webp

    /// The file extension to store the picture under: "jpg", "png" or "webp".
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .webp: "webp"
        }
    }

    /// The media type to serve the picture as, e.g. "image/jpeg".
    public var mediaType: String {
        "image/\(rawValue)"
    }
}

/// What the bytes of an uploaded picture say about it.
public struct ImageInfo: Sendable, Equatable {
    /// The format, read from the bytes (never from the file name).
    public let format: ImageFormat
    /// Width in pixels as a browser shows it (a JPEG's EXIF orientation 5–8 swaps the stored sides).
    public let width: Int
    /// Height in pixels as a browser shows it.
    public let height: Int
}

/// Reads an uploaded picture's format and size from its bytes, refusing anything else.
public enum ImageInspector {
    /// Why a file cannot be used as a newsroom picture.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// Not a JPEG, PNG or WebP by its bytes, whatever its name says.
        case notAnImage
        /// The file ends before its own structure says it should.
        case truncated
        /// The width and height (or the layout around them) could not be read.
        case unreadableSize
        /// Over 20,000 pixels on a side or 100 megapixels in all.
        case tooLarge(width: Int, height: Int)

        /// A sentence a newsroom person can act on.
        public var description: String {
            switch self {
            case .notAnImage:
                "this file is not a JPEG, PNG or WebP image; export the photo in one of those formats and upload it again"
            case .truncated:
                "this image file is incomplete, perhaps cut off while uploading or copying; upload it again"
            case .unreadableSize:
                "this image file is damaged or uses a layout we cannot read, so its size is unknown; "
                    + "export it again as an ordinary JPEG, PNG or WebP and upload that"
            case .tooLarge(let width, let height):
                "this image is \(grouped(width)) × \(grouped(height)) pixels, more than the limit of "
                    + "\(grouped(maximumSide)) pixels on a side and \(maximumPixels / 1_000_000) megapixels; "
                    + "make it smaller and upload it again"
            }
        }
    }

    /// The longest side accepted, in pixels.
    public static let maximumSide = 20_000
    /// The most pixels accepted in all.
    public static let maximumPixels = 100_000_000

    /// The format, width and height of a picture, after checking the file is complete.
    public static func inspect(_ bytes: [UInt8]) throws(Problem) -> ImageInfo {
        guard let format = format(of: bytes) else { throw .notAnImage }
        let data = ImageBytes(bytes: bytes)
        let (width, height) = switch format {
        case .jpeg: try jpegSize(data)
        case .png: try pngSize(data)
        case .webp: try webpSize(data)
        }
        guard width > 0, height > 0 else { throw .unreadableSize }
        guard width <= maximumSide, height <= maximumSide, width * height <= maximumPixels else {
            throw .tooLarge(width: width, height: height)
        }
        return ImageInfo(format: format, width: width, height: height)
    }

    /// The format announced by the file's first bytes, if it is one we accept.
    static func format(of bytes: [UInt8]) -> ImageFormat? {
        let data = ImageBytes(bytes: bytes)
        if data.matches([0xFF, 0xD8, 0xFF], at: 0) { return .jpeg }
        if data.matches(PNGChunks.signature, at: 0) { return .png }
        if data.matches(asciiBytes("RIFF"), at: 0), data.matches(asciiBytes("WEBP"), at: 8) { return .webp }
        return nil
    }

    /// The first frame's size from the SOFn before the first scan, turned by the first EXIF orientation.
    private static func jpegSize(_ data: ImageBytes) throws(Problem) -> (Int, Int) {
        var walker = try JPEGWalker(data)
        var size: (width: Int, height: Int)?
        var orientation: Int?
        var scanned = false
        while true {
            switch try walker.next() {
            case .segment(let marker, let payload) where !scanned:
                if JPEGWalker.isStartOfFrame(marker), size == nil {
                    guard payload.count >= 6 else { throw .unreadableSize }
                    let components = try data.u8(payload.lowerBound + 5)
                    guard components > 0, payload.count == 6 + 3 * components else { throw .unreadableSize }
                    size = (try data.be16(payload.lowerBound + 3), try data.be16(payload.lowerBound + 1))
                } else if marker == 0xE1, orientation == nil, data.bytes[payload].starts(with: ExifOrientation.header) {
                    orientation = ExifOrientation.read(app1: data.bytes[payload]) ?? 1  // only the first EXIF counts
                } else if marker == 0xDA {
                    guard size != nil else { throw .unreadableSize }
                    scanned = true
                }
            case .segment, .standalone, .entropyData:
                continue
            case .end:
                guard let size, scanned else { throw .unreadableSize }
                return ExifOrientation.swapsSides(orientation ?? 1) ? (size.height, size.width) : size
            }
        }
    }

    /// The size in IHDR, after checking every chunk up to IEND is whole.
    private static func pngSize(_ data: ImageBytes) throws(Problem) -> (Int, Int) {
        let chunks = try PNGChunks.read(data)
        guard let header = chunks.first, header.type == PNGChunks.ihdr, header.payload.count == 13,
              header.crcIsValid(in: data) else { throw .unreadableSize }
        let width = try data.be32(header.payload.lowerBound)
        let height = try data.be32(header.payload.lowerBound + 4)
        guard width <= Int(Int32.max), height <= Int(Int32.max) else { throw .unreadableSize }
        return (width, height)
    }

    /// The size in the first chunk (VP8, VP8L or VP8X), after checking every chunk is whole.
    private static func webpSize(_ data: ImageBytes) throws(Problem) -> (Int, Int) {
        let chunks = try RIFFChunks.read(data)
        guard let first = chunks.first else { throw .unreadableSize }
        let start = first.payload.lowerBound
        switch first.fourCC {
        case RIFFChunks.vp8:
            guard first.payload.count >= 10, try data.u8(start) & 1 == 0,
                  data.matches([0x9D, 0x01, 0x2A], at: start + 3) else { throw .unreadableSize }
            return (try data.le(start + 6, size: 2) & 0x3FFF, try data.le(start + 8, size: 2) & 0x3FFF)
        case RIFFChunks.vp8l:
            guard first.payload.count >= 5, try data.u8(start) == 0x2F else { throw .unreadableSize }
            let packed = try data.le(start + 1, size: 4)
            guard packed >> 29 == 0 else { throw .unreadableSize }  // version 0 only
            return ((packed & 0x3FFF) + 1, (packed >> 14 & 0x3FFF) + 1)
        case RIFFChunks.vp8x:
            guard first.payload.count == 10 else { throw .unreadableSize }
            return (try data.le(start + 4, size: 3) + 1, try data.le(start + 7, size: 3) + 1)
        default:
            throw .unreadableSize
        }
    }

    /// A whole number with commas between thousands, e.g. "20,000".
    private static func grouped(_ number: Int) -> String {
        var digits = String(number)
        var groups = ""
        while digits.count > 3 {
            groups = "," + digits.suffix(3) + groups
            digits.removeLast(3)
        }
        return digits + groups
    }
}
