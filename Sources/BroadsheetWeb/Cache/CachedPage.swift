import BroadsheetDomain
import Foundation
import HTTPTypes
import NIOCore

/// A response kept ready to send: its bytes, the same bytes gzipped once, and the validators, so that a hit
/// costs a lookup and a write, with no rendering, hashing or compressing per request.
final class CachedPage: Sendable {
    let type: PageType
    let body: ByteBuffer
    /// Nil when gzip would not make it smaller.
    let gzipped: ByteBuffer?
    /// Strong validator of `body`; the gzipped copy's is the same with "-gz" (they are different bytes).
    let etag: String
    /// The heads of the two representations, 200 and 304, made once: a hit only picks one.
    private let plain: Heads
    private let zipped: Heads?

    private struct Heads: Sendable {
        let ok: HTTPResponse
        let notModified: HTTPResponse
        /// The same as bytes on the wire, status line to the last header, without Date (its line and the blank
        /// line that ends the head come from `ResponseDate`): what the event-loop lane writes.
        let okWire: ByteBuffer
        let notModifiedWire: ByteBuffer
    }
    /// What the page shows, for purging.
    let keys: Set<SurrogateKey>
    /// The page changes by the clock at this time (midnight turns "19:53" into "30 June, 19:53"; a banner ends).
    let validUntil: Date
    /// Feeds and sitemaps: the newest change they show, to the second (If-Modified-Since compares with it).
    let lastModified: Date?

    init(
        type: PageType, body: ByteBuffer, contentType: String, cacheControl: String, keys: Set<SurrogateKey>,
        validUntil: Date, lastModified: Date? = nil, compress: Bool = true
    ) {
        self.type = type
        // Kept in buffers of their exact size: a buffer that grew while a page was written is up to twice
        // as large as its bytes, and the cache's budget would count half the memory it holds.
        self.body = body.exactCopy()
        self.gzipped = compress ? Gzip.compress(body)?.exactCopy() : nil
        self.etag = "\"\(body.withUnsafeReadableBytes { PageFingerprint.hex($0) })\""
        self.keys = keys
        self.validUntil = validUntil
        var headers: HTTPFields = [.contentType: contentType, .cacheControl: cacheControl]
        headers[.vary] = "Accept-Encoding"
        // A CDN purges by these names (Fastly's and others' `Surrogate-Key`); sorted so the header is stable.
        if !keys.isEmpty { headers[.surrogateKey] = keys.sorted().map(\.name).joined(separator: " ") }
        self.lastModified = lastModified.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
        if let modified = self.lastModified { headers[.lastModified] = HTTPDate.string(modified) }
        let etag = self.etag
        self.plain = Self.heads(headers, etag: etag, length: body.readableBytes, encoding: nil)
        self.zipped = gzipped.map { zipped in
            Self.heads(headers, etag: String(etag.dropLast()) + "-gz\"", length: zipped.readableBytes, encoding: "gzip")
        }
    }

    private static func heads(_ common: HTTPFields, etag: String, length: Int, encoding: String?) -> Heads {
        var fields = common
        fields[.eTag] = etag
        // A 304 carries the validators and caching headers of the 200 it stands for, without its body's.
        let notModified = HTTPResponse(status: .notModified, headerFields: fields)
        if let encoding { fields[.contentEncoding] = encoding }
        fields[.contentLength] = String(length)
        let ok = HTTPResponse(status: .ok, headerFields: fields)
        return Heads(ok: ok, notModified: notModified, okWire: wire(ok), notModifiedWire: wire(notModified))
    }

    private static func wire(_ head: HTTPResponse) -> ByteBuffer {
        var bytes = ByteBuffer(string: "HTTP/1.1 \(head.status.code) \(head.status.reasonPhrase)\r\n")
        for field in head.headerFields { bytes.writeString("\(field.name.rawName): \(field.value)\r\n") }
        bytes.writeString("Server: Broadsheet\r\n")
        return bytes.exactCopy()
    }

    /// What the memory budget counts for it.
    var cost: Int {
        body.capacity + (gzipped?.capacity ?? 0) + plain.okWire.capacity * 4 + 64 * keys.count + 1024
    }

    /// The answer to one request: 200 with the body in the encoding the client accepts, or 304.
    /// What of a request decides the answer.
    struct Conditions {
        let acceptEncoding: String?
        let ifNoneMatch: String?
        let ifModifiedSince: String?
        let isHead: Bool
    }

    func answer(to request: HTTPRequest) -> (head: HTTPResponse, body: ByteBuffer?) {
        let conditions = Conditions(
            acceptEncoding: request.headerFields[.acceptEncoding], ifNoneMatch: request.headerFields[.ifNoneMatch],
            ifModifiedSince: request.headerFields[.ifModifiedSince], isHead: request.method == .head)
        let (heads, bytes, fresh) = choose(conditions)
        return fresh ? (heads.notModified, nil) : (heads.ok, conditions.isHead ? nil : bytes)
    }

    /// The same answer as bytes: the head without its Date line and final blank line, and the body.
    func wireAnswer(to conditions: Conditions) -> (head: ByteBuffer, body: ByteBuffer?) {
        let (heads, bytes, fresh) = choose(conditions)
        return fresh ? (heads.notModifiedWire, nil) : (heads.okWire, conditions.isHead ? nil : bytes)
    }

    /// The representation the client accepts, and whether its copy is current (304).
    private func choose(_ request: Conditions) -> (Heads, ByteBuffer, fresh: Bool) {
        let (heads, bytes) =
            if let zipped, let gzipped, Self.acceptsGzip(request.acceptEncoding) { (zipped, gzipped) } else { (plain, body) }
        // If-None-Match wins over If-Modified-Since when both come (RFC 9110, 13.2.2).
        if let match = request.ifNoneMatch { return (heads, bytes, Self.matches(match, etag: etag)) }
        if let lastModified, let since = request.ifModifiedSince.flatMap(HTTPDate.parse), lastModified <= since {
            return (heads, bytes, true)
        }
        return (heads, bytes, false)
    }

    /// If-None-Match holds either representation's tag (or "*"), weak or strong: the content is the same.
    static func matches(_ header: String, etag: String) -> Bool {
        let plain = etag.dropFirst().dropLast()
        for candidate in header.split(separator: ",") {
            var tag = candidate.trimmingCharacters(in: .whitespaces)[...]
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            guard tag.hasPrefix("\""), tag.hasSuffix("\""), tag.count >= 2 else { continue }
            var inner = tag.dropFirst().dropLast()
            if inner.hasSuffix("-gz") { inner = inner.dropLast(3) }
            if inner == plain { return true }
        }
        return false
    }

    /// "gzip" listed without q=0.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let coding = pieces.first?.lowercased(), coding == "gzip" || coding == "x-gzip" else { continue }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return q > 0
        }
        return false
    }
}

extension ByteBuffer {
    /// The readable bytes in a buffer of just their size: itself when it is one already.
    func exactCopy() -> ByteBuffer {
        if readerIndex == 0, capacity == readableBytes { return self }
        var copy = ByteBufferAllocator().buffer(capacity: readableBytes)
        copy.writeImmutableBuffer(self)
        return copy
    }
}

extension HTTPField.Name {
    static let surrogateKey = HTTPField.Name("Surrogate-Key")!
}
