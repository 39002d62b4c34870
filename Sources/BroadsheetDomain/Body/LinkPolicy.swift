/// Whether a link target is allowed in article bodies and source links.
public enum LinkPolicy {
    /// True for http(s) and mailto targets and site-relative paths (a single leading `/`); false for everything else.
    public static func isAllowed(_ href: String) -> Bool {
        let bytes = href.utf8
        guard let first = bytes.first, hasOnlySafeCharacters(href) else { return false }
        if first == UInt8(ascii: "/") {
            return isSiteRelative(href)
        }
        // The source is plain text, so the scheme is compared as typed: no entity or percent decoding.
        if isWebURL(href) {
            return !authorityRange(of: href).isEmpty
        }
        if hasASCIIPrefix(href, "mailto:") {
            return bytes.count > "mailto:".utf8.count
        }
        return false
    }

    /// True when the target leaves the site (anything that is not a site-relative path).
    public static func isExternal(_ href: String) -> Bool {
        !isSiteRelative(href)
    }

    /// True when `url` may be shown as an embed card: an allowed http(s) link with a host.
    static func isAllowedEmbed(_ url: String) -> Bool {
        isWebURL(url) && isAllowed(url)
    }

    /// The lowercased host of an http(s) URL without user info or port, or "" when there is none.
    static func host(of url: String) -> String {
        var host = url[authorityRange(of: url)]
        // "https://youtube.com@evil.example/" goes to evil.example, so the label must say so.
        if let at = host.lastIndex(of: "@") {
            host = host[host.index(after: at)...]
        }
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") {
            host = host[..<colon]
        }
        return host.lowercased()
    }

    private static func isWebURL(_ url: String) -> Bool {
        hasASCIIPrefix(url, "https://") || hasASCIIPrefix(url, "http://")
    }

    /// The authority of an http(s) URL: from after "//" to the first "/", "?" or "#".
    private static func authorityRange(of url: String) -> Range<String.Index> {
        let bytes = url.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
              let start = bytes.index(colon, offsetBy: 3, limitedBy: bytes.endIndex)
        else { return url.endIndex..<url.endIndex }
        let end = bytes[start...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
        return start..<(end ?? bytes.endIndex)
    }

    private static func isSiteRelative(_ href: String) -> Bool {
        var bytes = href.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "/") else { return false }
        // "//host" is protocol-relative and browsers read "/\host" the same way.
        let second = bytes.next()
        return second != UInt8(ascii: "/") && second != UInt8(ascii: "\\")
    }

    /// Case-insensitive ASCII prefix test on the raw UTF-8, so nothing is normalised away before matching.
    private static func hasASCIIPrefix(_ text: String, _ prefix: StaticString) -> Bool {
        var bytes = text.utf8.makeIterator()
        for offset in 0..<prefix.utf8CodeUnitCount {
            guard let byte = bytes.next() else { return false }
            let lowered = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lowered != prefix.utf8Start[offset] { return false }
        }
        return true
    }

    /// Rejects characters that break out of attributes, hide a scheme, or spoof how a URL reads.
    private static func hasOnlySafeCharacters(_ href: String) -> Bool {
        var isASCII = true
        for byte in href.utf8 {
            switch byte {
            case 0x00...0x20, 0x7F:  // controls and space
                return false
            case 0x22, 0x3C, 0x3E, 0x5C:  // " < > \
                return false
            case 0x80...:
                isASCII = false
            default:
                continue
            }
        }
        // Format characters are the zero-width joiners and bidi overrides (U+200D, U+202E, U+2066…).
        return isASCII || href.unicodeScalars.allSatisfy { scalar in
            let properties = scalar.properties
            return !(0x80...0x9F).contains(scalar.value) && !properties.isWhitespace && properties.generalCategory != .format
        }
    }
}
