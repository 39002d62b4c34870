/// Escaping of text for HTML text nodes and double-quoted attribute values.
public enum HTMLEscaping {
    /// Escapes & < > " ' for use in text and in double-quoted attribute values.
    public static func escape(_ text: String) -> String {
        var html = HTMLBuffer(capacity: text.utf8.count + 32)
        html.appendEscaped(text)
        return html.string
    }
}

/// Rendered HTML as UTF-8 bytes; building bytes and making one String at the end avoids
/// the per-append index and grapheme checks that appending to a String costs.
struct HTMLBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func truncate(to count: Int) {
        bytes.removeSubrange(count...)
    }

    var string: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Appends markup written in this module's source; never pass text from a body or a photo here.
    mutating func appendMarkup(_ markup: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: markup.utf8Start, count: markup.utf8CodeUnitCount))
    }

    /// Appends a number in decimal, which cannot contain anything to escape.
    mutating func append(_ number: Int) {
        bytes.append(contentsOf: String(number).utf8)
    }

    /// Appends `text` escaped, copying the runs between special characters in bulk.
    mutating func appendEscaped(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { source in
            appendEscaped(source)
        }
        if done == nil {
            // Bridged or otherwise non-contiguous strings are rare; copy once into native storage.
            var copy = text
            copy.makeContiguousUTF8()
            appendEscaped(copy)
        }
    }

    private mutating func appendEscaped(_ source: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for offset in 0..<source.count {
            let replacement: StaticString
            switch source[offset] {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            default: continue
            }
            if runStart < offset {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<offset]))
            }
            appendMarkup(replacement)
            runStart = offset + 1
        }
        if runStart < source.count {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart...]))
        }
    }
}
