import Foundation
import Testing

@testable import BroadsheetWeb

@Suite("JSON-LD")
struct StructuredDataTests {
    /// What the pages used to get from JSONSerialization (sorted keys), made safe for a script element.
    static func foundation(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<!--", with: "<\\!--")
    }

    @Test("our JSON writer gives what JSONSerialization gives, hostile text included, and never a closing tag")
    func sameAsFoundation() throws {
        let hostile = "a/b</script><!-- \"quoted\" \\ back\u{1}\u{8}\u{c}\n\r\t é ʼ 😀"
        let objects: [[String: Any]] = [
            StructuredData.organization(name: hostile, url: "https://news.example.com/", logo: "https://x/logo.png"),
            StructuredData.website(name: "Broadsheet", url: "https://news.example.com/eng/", language: "en"),
            StructuredData.breadcrumbs([(hostile, "https://news.example.com/"), ("Politics", "https://news.example.com/p/")]),
            ["@type": "X", "n": 1200, "yes": true, "list": [1, "two", ["z": 0, "a": [String]()]], "empty": [String: Any]()],
        ]
        for object in objects {
            let ours = StructuredData.serialise(object)
            #expect(ours == (try Self.foundation(object)))
            #expect(!ours.contains("</") && !ours.contains("<!--"))
        }
    }
}
