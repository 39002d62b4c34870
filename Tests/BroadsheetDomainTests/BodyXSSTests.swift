import Testing
@testable import BroadsheetDomain

@Suite("Article body XSS resistance")
struct BodyXSSTests {
    static let payloads: [String] = [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
        "\"><script>alert(1)</script>", "'><img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](java\tscript:alert(1))",
        "[x]( javascript:alert(1))", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))", "[x](//evil.example/)", "[x](/\\evil.example/)",
        "[x](&#106;avascript:alert(1))", "[x](javascript&colon;alert(1))",
        "[x](https://ok.example/\" onmouseover=\"alert(1))", "[x](https://ok.example/'onmouseover='alert(1))",
        "[x](https://ok.example/<script>)", "[x](\u{0}javascript:alert(1))", "[x](\u{FEFF}javascript:alert(1))",
        "[x](java\u{200D}script:alert(1))", "[x](https://ok.example/\u{202E}gpj.exe)",
        "[x](mailto:a@b.example?subject=\"><script>)",
        "<scr<script>ipt>alert(1)</scr</script>ipt>", "<<script>script>alert(1)//<</script>",
        "<a href=\"javascript:alert(1)\">x</a>", "<iframe src=\"https://evil.example/\"></iframe>",
        "<style>body{display:none}</style>", "<!-- comment --><script>alert(1)</script>",
        "<![CDATA[<script>alert(1)</script>]]>", "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<img src=x onerror=&#97;lert(1)>", "<div style=\"background:url(javascript:alert(1))\">",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>", "<body onload=alert(1)>",
        "\u{FF1C}script\u{FF1E}alert(1)\u{FF1C}/script\u{FF1E}", "\u{202E}>tpircs/<)1(trela>tpircs<",
        "**<b onmouseover=alert(1)>**", "*[x](javascript:alert(1))*",
        "[<img src=x onerror=alert(1)>](https://ok.example/)", "\\<script\\>alert(1)\\</script\\>",
        "[embed: javascript:alert(1)]", "[embed: https://x.example/\" onload=\"x]",
        "[embed: https://www.youtube.com/watch?v=1&x='><script>]", "</p><script>alert(1)</script><p>",
        "javascript:alert(1)",
    ]

    /// Where a payload can sit in a body: each wraps it in the markup of one construct.
    enum Context: String, CaseIterable, Sendable {
        case paragraph, subheading, bulletItem, orderedItem, quote, attribution, linkLabel, linkTarget, strong

        func body(around payload: String) -> String {
            switch self {
            case .paragraph: return payload
            case .subheading: return "## " + payload
            case .bulletItem: return "- " + payload + "\n- " + payload
            case .orderedItem: return "1. " + payload
            case .quote: return "> " + payload
            case .attribution: return "> Words\n> — " + payload
            case .linkLabel: return "[" + payload + "](/safe)"
            case .linkTarget: return "[x](" + payload + ")"
            case .strong: return "**" + payload + "** and _" + payload + "_"
            }
        }
    }

    private let renderer = BodyRenderer(photos: [:], creditLabel: "Photo:")

    @Test("No payload in any position yields foreign markup", arguments: payloads, Context.allCases)
    func payloadInContext(payload: String, context: Context) {
        let html = renderer.html(ArticleBody(parsing: context.body(around: payload)))
        let problems = HTMLAudit.problems(in: html)
        #expect(problems.isEmpty, "\(problems) in \(html)")
    }

    @Test("Raw HTML shows as text")
    func scriptIsText() {
        #expect(renderer.html(ArticleBody(parsing: "<script>alert(1)</script>")) ==
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
        #expect(renderer.html(ArticleBody(parsing: "\"><img src=x onerror='a'>")) ==
            "<p>&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;</p>")
    }

    @Test("Entities in the source are double-escaped, never decoded")
    func entitiesAreText() {
        #expect(renderer.html(ArticleBody(parsing: "&lt;script&gt; &#106; &amp;")) ==
            "<p>&amp;lt;script&amp;gt; &amp;#106; &amp;amp;</p>")
    }

    @Test("Hostile link targets make no link, only the label", arguments: payloads.filter { $0.hasPrefix("[x](") })
    func hostileLinks(payload: String) {
        let html = renderer.html(ArticleBody(parsing: payload))
        if payload.contains("'onmouseover=") {
            // A single quote is legal in a URL; it must arrive escaped inside the double-quoted value.
            #expect(html == "<p><a href=\"https://ok.example/&#39;onmouseover=&#39;alert(1)\" rel=\"nofollow noopener\">x</a></p>")
        } else {
            #expect(html == "<p>x</p>")
        }
    }

    @Test("Unicode look-alikes stay inert text", arguments: ["\u{FF1C}script\u{FF1E}", "\u{2039}script\u{203A}", "\u{FE64}script\u{FE65}"])
    func lookAlikes(text: String) {
        #expect(renderer.html(ArticleBody(parsing: text)) == "<p>\(text)</p>")
    }

    @Test("Hostile embeds render as escaped text, never as a link")
    func hostileEmbeds() {
        #expect(renderer.html(ArticleBody(parsing: "[embed: javascript:alert(1)]")) == "<p>[embed: javascript:alert(1)]</p>")
        #expect(renderer.html(ArticleBody(parsing: "[embed: https://x.example/\" onload=\"x]")) ==
            "<p>[embed: https://x.example/&quot; onload=&quot;x]</p>")
    }

    @Test("Photo fields are escaped", arguments: payloads)
    func photoFields(payload: String) {
        let photo = InlinePhoto(src: "/photos/a.png", width: 4, height: 3, alt: payload, caption: payload, credit: payload)
        let renderer = BodyRenderer(photos: [1: photo], creditLabel: payload)
        let html = renderer.html(ArticleBody(parsing: "[photo: 1]"))
        let problems = HTMLAudit.problems(in: html)
        #expect(html.hasPrefix("<figure class=\"photo\"><img src=\"/photos/a.png\""))
        #expect(problems.isEmpty, "\(problems) in \(html)")
    }

    @Test("Quotes and tags in photo text stay inside their attribute or caption")
    func photoExact() {
        let evil = "\"><script>alert(1)</script>"
        let escaped = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
        let photo = InlinePhoto(src: "/p.png", width: 1, height: 2, alt: evil, caption: evil, credit: evil)
        #expect(BodyRenderer(photos: [1: photo], creditLabel: "Photo:").html(ArticleBody(parsing: "[photo: 1]")) ==
            "<figure class=\"photo\"><img src=\"/p.png\" width=\"1\" height=\"2\" alt=\"\(escaped)\" loading=\"lazy\" "
            + "decoding=\"async\"><figcaption>\(escaped) <span class=\"credit\">Photo: \(escaped)</span></figcaption></figure>")
    }

    @Test("A photo whose src is not a safe URL is not shown", arguments: [
        "javascript:alert(1)", "x\" onerror=\"alert(1)", "//evil.example/a.png", "data:image/svg+xml,<svg onload=alert(1)>",
    ])
    func photoSource(src: String) {
        let photo = InlinePhoto(src: src, width: 1, height: 1, alt: "", caption: "", credit: "")
        #expect(BodyRenderer(photos: [1: photo], creditLabel: "").html(ArticleBody(parsing: "[photo: 1]")) == "")
    }

    @Test("Hostile blocks built in code are still rendered safely", arguments: payloads)
    func hostileBlocksInCode(payload: String) {
        var body = ArticleBody(parsing: "")
        body.blocks = [
            .paragraph([.text(payload), .link(href: payload, [.text(payload)])]),
            .subheading(level: 2, [.strong([.text(payload)])]),
            .list(ordered: true, items: [[.emphasis([.text(payload)])]]),
            .quote(paragraphs: [[.text(payload)]], attribution: [.link(href: "https://ok.example/" + payload, [.text(payload)])]),
            .embed(url: payload),
            .embed(url: "https://ok.example/" + payload),
        ]
        let html = renderer.html(body)
        let problems = HTMLAudit.problems(in: html)
        #expect(problems.isEmpty, "\(problems) in \(html)")
    }

    @Test("Random mixes of markup and hostile fragments never yield foreign markup")
    func fuzz() {
        let fragments = [
            "*", "**", "_", "[", "]", "](", ")", "(", "\\", "\n", "\n\n", "> ", "- ", "1. ", "## ", "<", ">", "\"", "'",
            "&", "&#106;", "javascript:", "https://ok.example/", "/", "//", "x", " ", "[photo: 1]", "[embed: ", "\t",
            "\u{202E}", "\u{200D}", "— ", "script", " onerror=", "mailto:", "\r\n", "\u{301}", "Київ", "🇺🇦", "\u{2028}",
        ]
        let photo = InlinePhoto(src: "/p.png", width: 1, height: 1, alt: "a", caption: "c", credit: "d")
        let renderer = BodyRenderer(photos: [1: photo], creditLabel: "Photo:")
        var random = SplitMix64(state: 0xB0D1)
        var failures: [String] = []
        for _ in 0..<3_000 {
            let count = Int(random.next() % 40) + 1
            let source = (0..<count).map { _ in fragments[Int(random.next() % UInt64(fragments.count))] }.joined()
            let html = renderer.html(ArticleBody(parsing: source))
            if !HTMLAudit.problems(in: html).isEmpty {
                failures.append(source)
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("The audit catches foreign markup", arguments: [
        "<script>alert(1)</script>", "<p onclick=\"x\">a</p>", "<a href=\"javascript:x\">a</a>", "<a href=\"//evil\">a</a>",
        "<img src=\"data:x\">", "<p>\"</p>", "<p>'</p>", "<p>a > b</p>", "<p>&foo;</p>", "<p>a & b</p>",
        "<p class=x>a</p>", "<img alt=\"a\"b\">", "<img alt=\"a'b\">", "<p>unclosed", "<p>a</em>", "<P>a</P>", "<p>a<</p>",
        "<a href=\"/\\evil\">a</a>", "<a href=\" https://x\">a</a>",
    ])
    func auditCatches(html: String) {
        #expect(!HTMLAudit.problems(in: html).isEmpty)
    }

    @Test("The audit accepts the renderer's own markup")
    func auditAccepts() {
        let html = "<p>a &amp; b<br><a href=\"https://x.example/?a=1&amp;b=2\" rel=\"nofollow noopener\">x</a></p>"
            + "<figure class=\"photo\"><img src=\"/p.png\" width=\"1\" height=\"1\" alt=\"&quot;\" loading=\"lazy\" decoding=\"async\"></figure>"
        #expect(HTMLAudit.problems(in: html).isEmpty)
    }
}

/// Small deterministic generator, so a failing fuzz case reproduces.
private struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A strict scanner for the renderer's output: only its own tags and attributes, double-quoted
/// values without quotes or angle brackets, known entities, safe URLs and balanced elements.
private enum HTMLAudit {
    static let tags: Set<String> = [
        "p", "br", "strong", "em", "a", "h2", "h3", "ul", "ol", "li", "figure", "figcaption", "blockquote", "img", "span",
    ]
    static let voidTags: Set<String> = ["br", "img"]
    static let attributes: Set<String> = ["href", "rel", "src", "width", "height", "alt", "loading", "decoding", "class"]
    static let entities: Set<String> = ["amp", "lt", "gt", "quot", "#39"]

    static func problems(in html: String) -> [String] {
        let chars = Array(html.unicodeScalars)
        var problems: [String] = []
        var open: [String] = []
        var index = 0
        while index < chars.count {
            switch chars[index] {
            case "<":
                index = tag(chars, at: index, open: &open, problems: &problems)
            case ">", "\"", "'":
                problems.append("raw \(chars[index]) in text at \(index)")
                index += 1
            case "&":
                index = entity(chars, at: index, problems: &problems)
            default:
                index += 1
            }
        }
        if !open.isEmpty {
            problems.append("unclosed \(open)")
        }
        return problems
    }

    private static func word(_ chars: [Unicode.Scalar], from start: Int) -> (String, Int) {
        var end = start
        var text = ""
        while end < chars.count, ("a"..."z").contains(chars[end]) || ("0"..."9").contains(chars[end]) {
            text.unicodeScalars.append(chars[end])
            end += 1
        }
        return (text, end)
    }

    private static func tag(_ chars: [Unicode.Scalar], at start: Int, open: inout [String], problems: inout [String]) -> Int {
        var index = start + 1
        let closing = index < chars.count && chars[index] == "/"
        if closing { index += 1 }
        let (name, afterName) = word(chars, from: index)
        index = afterName
        guard tags.contains(name) else {
            problems.append("foreign tag <\(name)> at \(start)")
            return index
        }
        if closing {
            if open.popLast() != name { problems.append("misnested </\(name)>") }
            guard index < chars.count, chars[index] == ">" else {
                problems.append("malformed </\(name)")
                return index
            }
            return index + 1
        }
        if !voidTags.contains(name) { open.append(name) }
        while index < chars.count {
            if chars[index] == ">" { return index + 1 }
            guard chars[index] == " " else {
                problems.append("unexpected \(chars[index]) in <\(name)>")
                return index
            }
            let (attribute, afterAttribute) = word(chars, from: index + 1)
            index = afterAttribute
            if !attributes.contains(attribute) { problems.append("foreign attribute \(attribute)") }
            guard index + 1 < chars.count, chars[index] == "=", chars[index + 1] == "\"" else {
                problems.append("unquoted \(attribute)")
                return index
            }
            index += 2
            var value = ""
            while index < chars.count, chars[index] != "\"" {
                value.unicodeScalars.append(chars[index])
                index += 1
            }
            index += 1
            check(value: value, of: attribute, problems: &problems)
        }
        problems.append("unterminated <\(name)>")
        return index
    }

    private static func check(value: String, of attribute: String, problems: inout [String]) {
        if value.contains(where: { $0 == "<" || $0 == ">" || $0 == "'" }) {
            problems.append("unescaped character in \(attribute)=\(value)")
        }
        let scalars = Array(value.unicodeScalars)
        var index = 0
        while index < scalars.count {
            index = scalars[index] == "&" ? entity(scalars, at: index, problems: &problems) : index + 1
        }
        guard attribute == "href" || attribute == "src" else { return }
        let lower = value.lowercased()
        let relative = lower.hasPrefix("/") && !lower.hasPrefix("//") && !lower.hasPrefix("/\\")
        let safe = relative || ["http:", "https:", "mailto:"].contains { lower.hasPrefix($0) }
        if !safe || value.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) {
            problems.append("unsafe URL \(attribute)=\(value)")
        }
    }

    private static func entity(_ chars: [Unicode.Scalar], at start: Int, problems: inout [String]) -> Int {
        var end = start + 1
        var name = ""
        while end < chars.count, end - start <= 5, chars[end] != ";" {
            name.unicodeScalars.append(chars[end])
            end += 1
        }
        guard end < chars.count, chars[end] == ";", entities.contains(name) else {
            problems.append("bare & at \(start)")
            return start + 1
        }
        return end + 1
    }
}
