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
