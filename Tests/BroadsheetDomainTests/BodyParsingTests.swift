import Testing
@testable import BroadsheetDomain

@Suite("Article body parsing")
struct BodyParsingTests {
    private func blocks(_ text: String) -> [BodyBlock] {
        ArticleBody(parsing: text).blocks
    }

    private func inlines(_ text: String) -> [Inline] {
        guard case .paragraph(let inlines)? = blocks(text).first else { return [] }
        return inlines
    }

    @Test("Empty and whitespace-only bodies have no blocks", arguments: ["", "   ", "\n\n\t\n", "\r\n \r\n", "\u{00A0}\n"])
    func emptyBodies(text: String) {
        let body = ArticleBody(parsing: text)
        #expect(body.blocks.isEmpty)
        #expect(body.plainText.isEmpty)
        #expect(body.paragraphCount == 0)
    }

    @Test("Blank lines, however many and however blank, separate paragraphs")
    func paragraphs() {
        #expect(blocks("One.\n\n\n  \t\nTwo.\n\nThree.") == [
            .paragraph([.text("One.")]), .paragraph([.text("Two.")]), .paragraph([.text("Three.")]),
        ])
    }

    @Test("A single newline inside a paragraph is a line break")
    func lineBreaks() {
        #expect(blocks("Line one\nline two") == [.paragraph([.text("Line one"), .lineBreak, .text("line two")])])
    }

    @Test("CRLF text parses exactly like LF text")
    func crlf() {
        let lf = "## Head\n\nFirst\nsecond\n\n- a\n- b\n\n> Quote\n> — Someone"
        let crlf = lf.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        #expect(crlf.contains("\r\n"))
        #expect(blocks(crlf) == blocks(lf))
        #expect(blocks(crlf).count == 4)
    }

    @Test("Every kind of line ending splits lines alike", arguments: ["\n", "\r\n", "\r", "\u{2028}", "\u{85}"])
    func lineEndings(newline: String) {
        #expect(blocks("a\(newline)b\(newline)\(newline)c") == [
            .paragraph([.text("a"), .lineBreak, .text("b")]), .paragraph([.text("c")]),
        ])
    }

    @Test("Two and three hashes make subheadings")
    func subheadings() {
        #expect(blocks("## Budget\n\n### Details *now*") == [
            .subheading(level: 2, [.text("Budget")]),
            .subheading(level: 3, [.text("Details "), .emphasis([.text("now")])]),
        ])
    }

    @Test("One hash, four hashes or no space is a paragraph", arguments: ["# Title", "#### Title", "##Title", "##"])
    func notSubheadings(text: String) {
        #expect(blocks(text) == [.paragraph([.text(text)])])
    }

    @Test("Lines after a subheading in the same block form their own block")
    func subheadingThenText() {
        #expect(blocks("## Head\nBody text") == [
            .subheading(level: 2, [.text("Head")]), .paragraph([.text("Body text")]),
        ])
    }

    @Test("Dash and star lines form one bulleted list; other lines continue the item")
    func bulletedList() {
        #expect(blocks("- First\n* Second **bold**\n  wrapped on\n- Third") == [
            .list(ordered: false, items: [
                [.text("First")],
                [.text("Second "), .strong([.text("bold")]), .lineBreak, .text("wrapped on")],
                [.text("Third")],
            ]),
        ])
    }

    @Test("Numbered lines form an ordered list with continuation lines")
    func orderedList() {
        #expect(blocks("1. One\n2. Two\ncontinued\n10. Ten") == [
            .list(ordered: true, items: [
                [.text("One")], [.text("Two"), .lineBreak, .text("continued")], [.text("Ten")],
            ]),
        ])
    }

    @Test("A number without the dot and space is not a list", arguments: ["1.5 million", "2024 was long", "1.Not"])
    func notOrderedList(text: String) {
        #expect(blocks(text) == [.paragraph([.text(text)])])
    }

    @Test("Quote lines with paragraphs and an attribution", arguments: ["— ", "-- "])
    func quoteWithAttribution(dash: String) {
        #expect(blocks("> We will *not* yield.\n> Ever.\n>\n> Second part\n> \(dash)Jane Doe, mayor") == [
            .quote(
                paragraphs: [
                    [.text("We will "), .emphasis([.text("not")]), .text(" yield."), .lineBreak, .text("Ever.")],
                    [.text("Second part")],
                ],
                attribution: [.text("Jane Doe, mayor")]
            ),
        ])
    }

    @Test("A quote without attribution, and a lone dash line that is text, not attribution")
    func quoteWithoutAttribution() {
        #expect(blocks("> Just words\nlazy line") == [
            .quote(paragraphs: [[.text("Just words"), .lineBreak, .text("lazy line")]], attribution: nil),
        ])
        #expect(blocks("> — Only a name") == [.quote(paragraphs: [[.text("— Only a name")]], attribution: nil)])
    }

    @Test("Photo blocks tolerate spaces", arguments: ["[photo: 12]", "  [photo:12]  ", "[ photo : 12 ]", "[Photo: 012]"])
    func photo(text: String) {
        #expect(blocks(text) == [.photo(id: 12)])
    }

    @Test("Malformed photo blocks are plain paragraphs", arguments: ["[photo: x]", "[photo: -1]", "[photo: ]", "[photo: 1 2]", "[photo: 99999999999999999999]"])
    func notPhoto(text: String) {
        #expect(blocks(text) == [.paragraph([.text(text)])])
    }

    @Test("A photo marker inside running text is not a photo block")
    func photoInsideParagraph() {
        #expect(blocks("See [photo: 3]\nbelow") == [.paragraph([.text("See [photo: 3]"), .lineBreak, .text("below")])])
    }

    @Test("An http(s) embed block is an embed")
    func embed() {
        #expect(blocks("[embed: https://www.youtube.com/watch?v=abc]") == [.embed(url: "https://www.youtube.com/watch?v=abc")])
        #expect(blocks(" [embed:http://vimeo.com/1] ") == [.embed(url: "http://vimeo.com/1")])
    }

    @Test("A refused embed is a paragraph of its literal text", arguments: [
        "[embed: javascript:alert(1)]", "[embed: ftp://x.example/]", "[embed: /local/path]",
        "[embed: https://x.example/\" onload=\"x]", "[embed: *not* a url]",
    ])
    func refusedEmbed(text: String) {
        #expect(blocks(text) == [.paragraph([.text(text)])])
    }

    @Test("Strong and both emphasis spellings")
    func emphasis() {
        #expect(inlines("**bold** and *it* and _it_") == [
            .strong([.text("bold")]), .text(" and "), .emphasis([.text("it")]), .text(" and "), .emphasis([.text("it")]),
        ])
    }

    @Test("Three stars are strong emphasis around emphasis")
    func tripleStars() {
        #expect(inlines("***both***") == [.strong([.emphasis([.text("both")])])])
        #expect(inlines("**bold *and it***") == [.strong([.text("bold "), .emphasis([.text("and it")])])])
    }

    @Test("Unmatched markers stay literal", arguments: ["**unclosed", "closing only**", "a * b", "*", "**", "_lonely", "2 * 3 * 4", "****"])
    func unmatched(text: String) {
        #expect(inlines(text) == [.text(text)])
    }

    @Test("An unclosed strong keeps the emphasis that does close")
    func unclosedStrongAroundEmphasis() {
        #expect(inlines("**a *b* c") == [.text("**a "), .emphasis([.text("b")]), .text(" c")])
    }

    @Test("Underscores inside words are not emphasis", arguments: ["snake_case_name", "use my_var and your_var", "a_b_c_"])
    func snakeCase(text: String) {
        #expect(inlines(text) == [.text(text)])
    }

    @Test("Backslash escapes punctuation, and only punctuation")
    func escapes() {
        #expect(inlines(#"\*not italic\* and \_ and \[x](/y)"#) == [.text("*not italic* and _ and [x](/y)")])
        #expect(inlines(#"C:\path \\ end"#) == [.text(#"C:\path \ end"#)])
        #expect(inlines(#"**a\*b**"#) == [.strong([.text("a*b")])])
    }

    @Test("Links, and emphasis nested in links and links in emphasis")
    func links() {
        #expect(inlines("[Site](https://example.org/a_(b)) and [home](/)") == [
            .link(href: "https://example.org/a_(b)", [.text("Site")]), .text(" and "), .link(href: "/", [.text("home")]),
        ])
        #expect(inlines("[a **bold** link](/x)") == [
            .link(href: "/x", [.text("a "), .strong([.text("bold")]), .text(" link")]),
        ])
        #expect(inlines("*see [this](mailto:a@b.example)*") == [
            .emphasis([.text("see "), .link(href: "mailto:a@b.example", [.text("this")])]),
        ])
    }

    @Test("Emphasis cannot cross a link boundary")
    func emphasisDoesNotCrossLinks() {
        #expect(inlines("*a [b* c](/x)") == [.text("*a "), .link(href: "/x", [.text("b* c")])])
    }

    @Test("Brackets without a target are text; balanced brackets stay in the label")
    func brackets() {
        #expect(inlines("[note] and [x] (y)") == [.text("[note] and [x] (y)")])
        #expect(inlines("[a [b] c](/x)") == [.link(href: "/x", [.text("a [b] c")])])
        #expect(inlines("[open](/x") == [.text("[open](/x")])
    }

    @Test("Links cannot contain links")
    func noNestedLinks() {
        #expect(inlines("[a [b](/in) c](/out)") == [
            .text("[a "), .link(href: "/in", [.text("b")]), .text(" c](/out)"),
        ])
    }

    @Test("A refused link target keeps only the label", arguments: ["javascript:alert(1)", "//evil.example/", "foo/bar", " /x", "/x y"])
    func refusedLink(href: String) {
        #expect(inlines("Click [here **now**](\(href)) please") == [
            .text("Click here "), .strong([.text("now")]), .text(" please"),
        ])
    }

    @Test("An empty label never makes an invisible link")
    func emptyLabel() {
        #expect(inlines("x [](/y) z") == [.text("x [](/y) z")])
    }

    @Test("Photo ids come in order without repeats")
    func photoIDs() {
        let body = ArticleBody(parsing: "[photo: 3]\n\ntext\n\n[photo: 1]\n\n[photo: 3]\n\n[photo: 2]")
        #expect(body.photoIDs == [3, 1, 2])
    }

    @Test("Plain text drops markup, photos and embeds")
    func plainText() {
        let body = ArticleBody(parsing: """
            ## Head

            Some **bold** [link](/x)
            next

            [photo: 1]

            - a
            - b

            > Quote
            > — Ann

            [embed: https://youtu.be/x]
            """)
        #expect(body.plainText == "Head\n\nSome bold link\nnext\n\na\nb\n\nQuote\n— Ann")
    }

    @Test("Paragraph count ignores other blocks, but counts a refused embed")
    func paragraphCount() {
        let body = ArticleBody(parsing: "## H\n\nOne\n\n- l\n\nTwo\n\n[photo: 1]\n\n[embed: javascript:x]\n\n> q")
        #expect(body.paragraphCount == 3)
    }

    @Test("Pathological markup parses in linear-ish time", arguments: [
        "*a **b _c [d ", "e* ", "[x](", "[[[", "*a ", "a* ", "**a *b _c ", "[a](/b) *", "((([x]", "_a_ *b* **",
    ])
    func pathological(unit: String) {
        let clock = ContinuousClock()
        let small = String(repeating: unit, count: 2_000)
        let large = String(repeating: unit, count: 20_000)
        // Best of several runs, so a busy machine does not make the comparison flaky.
        let smallTime = (0..<3).map { _ in clock.measure { _ = ArticleBody(parsing: small + "x" + small) } }.min()!
        let largeTime = (0..<2).map { _ in clock.measure { _ = ArticleBody(parsing: large + "x" + large) } }.min()!
        // Ten times the input takes about ten times as long; a quadratic parser would take a hundred.
        #expect(largeTime < smallTime * 40 + .milliseconds(100))
    }
}
