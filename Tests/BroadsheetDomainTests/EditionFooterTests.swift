import Testing
@testable import BroadsheetDomain

@Suite("Edition footer")
struct EditionFooterTests {
    @Test("links to this site, the web and mail pass; scripts, data and unlabelled links are named as problems")
    func linkProblems() {
        let footer = EditionFooter(text: "", links: [
            .init(label: "About", url: "/eng/about/"), .init(label: "Terms", url: "https://example.org/terms"),
            .init(label: "Desk", url: "mailto:desk@example.org"), .init(label: "Run", url: "javascript:alert(1)"),
            .init(label: "Picture", url: "data:text/html,hi"), .init(label: "", url: "https://example.org/"),
            .init(label: "Nowhere", url: ""),
        ])
        #expect(footer.problems == [
            .linkNotAllowed("javascript:alert(1)"), .linkNotAllowed("data:text/html,hi"),
            .linkIncomplete("https://example.org/"), .linkIncomplete("Nowhere"),
        ])
    }

    @Test("eight links pass and a ninth is one too many; 2,000 characters of text pass and one more is too long")
    func limits() {
        let link = EditionFooter.Link(label: "Page", url: "/eng/")
        #expect(EditionFooter(text: String(repeating: "a", count: 2_000), links: Array(repeating: link, count: 8)).problems == [])
        #expect(EditionFooter(text: "", links: Array(repeating: link, count: 9)).problems == [.tooManyLinks])
        #expect(EditionFooter(text: String(repeating: "a", count: 2_001), links: []).problems == [.textTooLong])
    }

    @Test("each non-blank line of the text is a paragraph")
    func paragraphs() {
        #expect(EditionFooter(text: "First line.\n\n  Second line. \r\nThird.", links: []).paragraphs
            == ["First line.", "Second line.", "Third."])
    }
}
