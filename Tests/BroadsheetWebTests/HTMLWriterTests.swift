import Foundation
import NIOCore
import Testing

@testable import BroadsheetWeb

@Suite("HTML writer")
struct HTMLWriterTests {
    @Test("text is escaped for content and double-quoted attributes, whatever the script; markup and html are not")
    func escaping() {
        var out = HTMLWriter(capacity: 8)
        out.markup("<p title=\"")
        out.text("Тарифи <вище> & \"нові\" — it's 5 > 3 😀")
        out.markup("\">")
        out.html("<em>ours</em>")
        out.text(nil as String?)
        out.number(-42)
        out.markup("</p>")
        #expect(
            String(buffer: out.bytes)
                == "<p title=\"Тарифи &lt;вище&gt; &amp; &quot;нові&quot; — it&#39;s 5 &gt; 3 😀\"><em>ours</em>-42</p>")
    }

    @Test("text with nothing to escape, or only escapes, comes through whole")
    func edges() {
        var out = HTMLWriter()
        out.text("")
        out.text("plain")
        out.text("<>")
        #expect(String(buffer: out.bytes) == "plain&lt;&gt;")
    }
}

@Suite("ISO 8601 times")
struct ISO8601Tests {
    @Test("headline times are written exactly as Foundation's ISO 8601 style writes them")
    func sameAsFoundation() {
        var seconds: TimeInterval = -2_208_988_800  // 1900-01-01
        while seconds < 4_102_444_800 {  // 2100-01-01
            let date = Date(timeIntervalSince1970: seconds)
            #expect(ISO8601.string(date) == date.formatted(.iso8601), "\(seconds)")
            #expect(ISO8601.string(date.addingTimeInterval(0.75)) == date.addingTimeInterval(0.75).formatted(.iso8601))
            seconds += 86_400 * 13 + 3_607
        }
        #expect(ISO8601.string(Date(timeIntervalSince1970: 1_751_371_200)) == "2025-07-01T12:00:00Z")
    }
}
