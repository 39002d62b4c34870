import NIOCore

/// Writes a public page's HTML straight into the bytes that are sent. `text` escapes & < > " ' (what
/// Mustache's `{{ }}` did, so text is safe in content and in double-quoted attributes); `markup` takes HTML
/// written in this module's source; `html` takes HTML that our own renderers produced (an article's body,
/// JSON-LD, an advertisement slot the newsroom entered as HTML).
///
/// Pages were Mustache templates; rendering them by reflection cost 2.5 ms and more a page (NOTES.md), most of
/// the time of a page rendered with the cache off. These views write the same HTML in a fraction of that.
struct HTMLWriter {
    private(set) var bytes: ByteBuffer

    init(capacity: Int = 16_384) {
        bytes = ByteBufferAllocator().buffer(capacity: capacity)
    }

    mutating func markup(_ markup: StaticString) {
        bytes.writeStaticString(markup)
    }

    mutating func html(_ html: String) {
        bytes.writeString(html)
    }

    mutating func append(_ other: HTMLWriter) {
        bytes.writeImmutableBuffer(other.bytes)
    }

    mutating func number(_ number: Int) {
        bytes.writeString(String(number))
    }

    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in 0..<utf8.count {
                let replacement: StaticString
                switch utf8[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                if start < index { bytes.writeBytes(UnsafeBufferPointer(rebasing: utf8[start..<index])) }
                bytes.writeStaticString(replacement)
                start = index + 1
            }
            if start < utf8.count { bytes.writeBytes(UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
    }

    /// Text of an optional: nothing when it is nil (as Mustache wrote nothing for a missing value).
    mutating func text(_ text: String?) {
        if let text { self.text(text) }
    }

    /// `<img src=".." width=".." height=".." alt=".."`, left open for the caller's other attributes and `>`.
    mutating func image(src: String, width: Int, height: Int, alt: String) {
        markup("<img src=\"")
        text(src)
        markup("\" width=\"")
        number(width)
        markup("\" height=\"")
        number(height)
        markup("\" alt=\"")
        text(alt)
        markup("\"")
    }

    /// `<a href="..">text</a>`
    mutating func link(_ href: String, _ text: String) {
        markup("<a href=\"")
        self.text(href)
        markup("\">")
        self.text(text)
        markup("</a>")
    }

    /// An article's label ("Analysis", "Breaking"), red when it is breaking news.
    mutating func label(_ label: String, breaking: Bool) {
        markup("<span class=\"label")
        if breaking { markup(" label-breaking") }
        markup("\">")
        text(label)
        markup("</span>")
    }

    /// A UI string of the edition by key, escaped.
    mutating func string(_ key: String, of chrome: Chrome) {
        text(chrome.t[key] ?? "")
    }
}
