import Testing
@testable import BroadsheetDomain

@Suite("Article body rendering")
struct BodyRenderingTests {
    private static let photo = InlinePhoto(
        src: "/photos/ab12.png", width: 1200, height: 800,
        alt: "Crowd at the square", caption: "Rally on Monday", credit: "Ann Lee"
    )
    private let renderer = BodyRenderer(photos: [12: photo], creditLabel: "Photo:")

    private func html(_ text: String) -> String {
        renderer.html(ArticleBody(parsing: text))
    }

    @Test("A paragraph with inline markup and a line break")
    func paragraph() {
        #expect(html("Hello **big** *wide* _world_\nagain & again") ==
            "<p>Hello <strong>big</strong> <em>wide</em> <em>world</em><br>again &amp; again</p>")
    }

    @Test("Subheadings render as h2 and h3")
    func subheadings() {
        #expect(html("## Budget *2025*\n\n### Details") == "<h2>Budget <em>2025</em></h2>\n<h3>Details</h3>")
    }

    @Test("Bulleted and numbered lists")
    func lists() {
        #expect(html("- One\n- Two\nmore") == "<ul><li>One</li><li>Two<br>more</li></ul>")
        #expect(html("1. One\n2. **Two**") == "<ol><li>One</li><li><strong>Two</strong></li></ol>")
    }

    @Test("A quote with an attribution is a figure with a caption")
    func quoteWithAttribution() {
        #expect(html("> First\n>\n> Second\n> -- Jane *Doe*") ==
            "<figure class=\"quote\"><blockquote><p>First</p><p>Second</p></blockquote>"
            + "<figcaption>— Jane <em>Doe</em></figcaption></figure>")
    }

    @Test("A quote without attribution has no caption")
    func quoteWithoutAttribution() {
        #expect(html("> Words") == "<figure class=\"quote\"><blockquote><p>Words</p></blockquote></figure>")
    }

    @Test("A photo renders with caption and credit")
    func photoFull() {
        #expect(html("[photo: 12]") ==
            "<figure class=\"photo\"><img src=\"/photos/ab12.png\" width=\"1200\" height=\"800\" "
            + "alt=\"Crowd at the square\" loading=\"lazy\" decoding=\"async\">"
            + "<figcaption>Rally on Monday <span class=\"credit\">Photo: Ann Lee</span></figcaption></figure>")
    }

    @Test("Empty caption or credit parts are left out", arguments: [
        ("Cap", "", "<figcaption>Cap</figcaption></figure>"),
        ("", "Bo", "<figcaption><span class=\"credit\">Фото: Bo</span></figcaption></figure>"),
        ("", "", "</figure>"),
    ])
    func photoParts(caption: String, credit: String, ending: String) {
        let photo = InlinePhoto(src: "/p.jpg", width: 10, height: 20, alt: "", caption: caption, credit: credit)
        let renderer = BodyRenderer(photos: [1: photo], creditLabel: "Фото:")
        let expected = "<figure class=\"photo\"><img src=\"/p.jpg\" width=\"10\" height=\"20\" alt=\"\" "
            + "loading=\"lazy\" decoding=\"async\">" + ending
        #expect(renderer.html(ArticleBody(parsing: "[photo: 1]")) == expected)
    }

    @Test("A photo id with no photo, or a photo with an unsafe src, renders nothing")
    func missingPhoto() {
        #expect(renderer.render(ArticleBody(parsing: "Before\n\n[photo: 99]\n\nAfter")).map(\.html) == ["<p>Before</p>", "<p>After</p>"])
        let bad = InlinePhoto(src: "javascript:alert(1)", width: 1, height: 1, alt: "", caption: "", credit: "")
        #expect(BodyRenderer(photos: [1: bad], creditLabel: "").render(ArticleBody(parsing: "[photo: 1]")).isEmpty)
    }

    @Test("Embeds are link cards labelled with the provider", arguments: [
        ("https://www.youtube.com/watch?v=a1&t=3", "YouTube"),
        ("https://youtu.be/a1", "YouTube"),
        ("https://vimeo.com/123", "Vimeo"),
        ("https://x.com/user/status/1", "X"),
        ("https://twitter.com/user/status/1", "X"),
        ("https://www.facebook.com/post/1", "Facebook"),
        ("https://www.instagram.com/p/xyz/", "Instagram"),
        ("https://t.me/channel/5", "Telegram"),
        ("https://www.tiktok.com/@u/video/1", "TikTok"),
        ("https://soundcloud.com/a/b", "SoundCloud"),
        ("https://news.example.org:8443/v", "news.example.org"),
        ("https://www.example.com/v", "example.com"),
        ("https://youtube.com@evil.example/v", "evil.example"),
        ("https://notyoutube.com/v", "notyoutube.com"),
    ])
    func embed(url: String, provider: String) {
        let escaped = HTMLEscaping.escape(url)
        #expect(html("[embed: \(url)]") ==
            "<figure class=\"embed\"><a href=\"\(escaped)\" rel=\"nofollow noopener\">\(provider): \(escaped)</a></figure>")
    }

    @Test("An embed block built in code with a bad URL renders as escaped text")
    func badEmbedInCode() {
        var body = ArticleBody(parsing: "")
        body.blocks = [.embed(url: "javascript:alert('x')")]
        #expect(renderer.render(body) == [RenderedBlock(html: "<p>[embed: javascript:alert(&#39;x&#39;)]</p>", isParagraph: true)])
    }

    @Test("External links get rel, site-relative links do not")
    func links() {
        #expect(html("[a](https://example.org/?q=1&r=2) [b](/news/x) [c](mailto:desk@example.org)") ==
            "<p><a href=\"https://example.org/?q=1&amp;r=2\" rel=\"nofollow noopener\">a</a> "
            + "<a href=\"/news/x\">b</a> <a href=\"mailto:desk@example.org\" rel=\"nofollow noopener\">c</a></p>")
    }

    @Test("Links built in code are checked again, and never nested")
    func linksInCode() {
        var body = ArticleBody(parsing: "")
        body.blocks = [.paragraph([
            .link(href: "javascript:alert(1)", [.text("bad")]),
            .link(href: "/out", [.text("x "), .link(href: "/in", [.text("y")])]),
        ])]
        #expect(renderer.html(body) == "<p>bad<a href=\"/out\">x y</a></p>")
    }

    @Test("Only paragraphs are marked as paragraphs; html joins blocks with newlines")
    func paragraphFlags() {
        let body = ArticleBody(parsing: "## H\n\nOne\n\n[photo: 12]\n\n- l\n\nTwo\n\n> q")
        #expect(renderer.render(body).map(\.isParagraph) == [false, true, false, false, true, false])
        #expect(renderer.html(body) == renderer.render(body).map(\.html).joined(separator: "\n"))
        #expect(renderer.html(ArticleBody(parsing: "")) == "")
    }

    @Test("Subheading levels built in code are clamped to h2 and h3", arguments: [(1, "h2"), (2, "h2"), (3, "h3"), (6, "h3")])
    func headingLevels(level: Int, tag: String) {
        var body = ArticleBody(parsing: "")
        body.blocks = [.subheading(level: level, [.text("T")])]
        #expect(renderer.html(body) == "<\(tag)>T</\(tag)>")
    }

    @Test("Escaping replaces exactly the five HTML-significant characters", arguments: [
        ("", ""),
        ("plain text", "plain text"),
        ("a & b", "a &amp; b"),
        ("<b>", "&lt;b&gt;"),
        ("\"quoted\" 'single'", "&quot;quoted&quot; &#39;single&#39;"),
        ("&amp;", "&amp;amp;"),
        ("Київ — «місто» <x>", "Київ — «місто» &lt;x&gt;"),
        ("e\u{301}<🇺🇦>", "e\u{301}&lt;🇺🇦&gt;"),
    ])
    func escaping(input: String, expected: String) {
        #expect(HTMLEscaping.escape(input) == expected)
    }

    @Test("Link policy allows only web, mail and site-relative targets", arguments: [
        ("https://example.org", true), ("HTTP://EXAMPLE.ORG/x", true), ("mailto:a@b.example", true),
        ("/", true), ("/news?id=1#top", true), ("https://ru.wikipedia.org/wiki/Москва", true),
        ("https://", false), ("mailto:", false), ("//evil.example", false), ("/\\evil.example", false),
        ("javascript:alert(1)", false), ("data:text/html,x", false), ("ftp://x.example", false),
        ("foo/bar", false), ("#top", false), ("", false), (" https://x.example", false),
        ("https://x.example/a b", false), ("https://x.example/\"", false), ("https://x.example/\u{202E}", false),
    ])
    func linkPolicy(href: String, allowed: Bool) {
        #expect(LinkPolicy.isAllowed(href) == allowed)
    }

    @Test("Only site-relative targets are internal")
    func external() {
        #expect(!LinkPolicy.isExternal("/news"))
        #expect(LinkPolicy.isExternal("https://example.org"))
        #expect(LinkPolicy.isExternal("mailto:a@b.example"))
        #expect(LinkPolicy.isExternal("//evil.example"))
    }
}
