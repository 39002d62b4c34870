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
    /// Every header but the validators and Content-Length, which depend on the representation sent.
    let headers: HTTPFields
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
        self.body = body
        self.gzipped = compress ? Gzip.compress(body) : nil
        self.etag = "\"\(ContentHash.hex(body.readableBytesView))\""
        self.keys = keys
        self.validUntil = validUntil
        var headers: HTTPFields = [.contentType: contentType, .cacheControl: cacheControl]
        headers[.vary] = "Accept-Encoding"
        // A CDN purges by these names (Fastly's and others' `Surrogate-Key`); sorted so the header is stable.
        if !keys.isEmpty { headers[.surrogateKey] = keys.sorted().map(\.name).joined(separator: " ") }
        self.lastModified = lastModified.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
        if let modified = self.lastModified { headers[.lastModified] = HTTPDate.string(modified) }
        self.headers = headers
    }

    /// What the memory budget counts for it.
    var cost: Int { body.readableBytes + (gzipped?.readableBytes ?? 0) + 64 * keys.count + 512 }

    /// The answer to one request: 200 with the body in the encoding the client accepts, or 304.
    func answer(to request: HTTPRequest) -> (head: HTTPResponse, body: ByteBuffer?) {
        let zipped = gzipped != nil && Self.acceptsGzip(request.headerFields[.acceptEncoding])
        let tag = zipped ? String(etag.dropLast()) + "-gz\"" : etag
        var fields = headers
        fields[.eTag] = tag
        // If-None-Match wins over If-Modified-Since when both come (RFC 9110, 13.2.2).
        if let match = request.headerFields[.ifNoneMatch] {
            if Self.matches(match, etag: etag) { return (HTTPResponse(status: .notModified, headerFields: fields), nil) }
        } else if let lastModified, let since = request.headerFields[.ifModifiedSince].flatMap(HTTPDate.parse),
            lastModified <= since
        {
            return (HTTPResponse(status: .notModified, headerFields: fields), nil)
        }
        let bytes = zipped ? gzipped! : body
        if zipped { fields[.contentEncoding] = "gzip" }
        fields[.contentLength] = String(bytes.readableBytes)
        return (HTTPResponse(status: .ok, headerFields: fields), request.method == .head ? nil : bytes)
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

extension HTTPField.Name {
    static let surrogateKey = HTTPField.Name("Surrogate-Key")!
}
