/// What an inline photo block needs to be shown.
public struct InlinePhoto: Equatable, Sendable {
    /// Image URL, e.g. "/photos/ab12.png"; it must pass `LinkPolicy` or the photo is not shown.
    public var src: String
    /// Pixel width of the image.
    public var width: Int
    /// Pixel height of the image.
    public var height: Int
    /// Text alternative for the image.
    public var alt: String
    /// Caption shown under the image; may be empty.
    public var caption: String
    /// Photographer or agency; may be empty.
    public var credit: String

    /// Creates a photo description from its stored fields.
    public init(src: String, width: Int, height: Int, alt: String, caption: String, credit: String) {
        self.src = src
        self.width = width
        self.height = height
        self.alt = alt
        self.caption = caption
        self.credit = credit
    }
}

/// One block of rendered HTML; paragraphs are marked so that advertisement slots can be placed between them.
public struct RenderedBlock: Equatable, Sendable {
    /// The block's HTML.
    public var html: String
    /// True for paragraph blocks (`<p>`), between which ads may go.
    public var isParagraph: Bool
}

/// Renders a body to HTML that cannot carry injected markup.
public struct BodyRenderer: Sendable {
    // Every element and attribute comes from a StaticString in this file; all other text goes
    // through `HTMLBuffer.appendEscaped`. URLs are checked with `LinkPolicy` here even though the
    // parser already did, because blocks can also be built in code.
    private let photos: [Int: InlinePhoto]
    private let creditLabel: String

    /// `photos` maps ids to photos (a missing id renders nothing); `creditLabel` is the edition's word, e.g. "Photo:" / "Фото:".
    public init(photos: [Int: InlinePhoto], creditLabel: String) {
        self.photos = photos
        self.creditLabel = creditLabel
    }

    /// The HTML of each block that renders to something, in order.
    public func render(_ body: ArticleBody) -> [RenderedBlock] {
        var rendered: [RenderedBlock] = []
        rendered.reserveCapacity(body.blocks.count)
        var html = HTMLBuffer(capacity: 1024)
        for block in body.blocks {
            html.removeAll()
            let isParagraph = append(block, to: &html)
            if !html.bytes.isEmpty {
                rendered.append(RenderedBlock(html: html.string, isParagraph: isParagraph))
            }
        }
        return rendered
    }

    /// All blocks joined with "\n".
    public func html(_ body: ArticleBody) -> String {
        var html = HTMLBuffer(capacity: 1024)
        for block in body.blocks {
            let start = html.bytes.count
            if start > 0 { html.appendMarkup("\n") }
            _ = append(block, to: &html)
            if html.bytes.count == start + (start > 0 ? 1 : 0) {
                // The block rendered nothing (a missing photo): take back its separator.
                html.truncate(to: start)
            }
        }
        return html.string
    }

    /// Appends one block's HTML; returns whether it is a paragraph.
    private func append(_ block: BodyBlock, to out: inout HTMLBuffer) -> Bool {
        switch block {
        case .paragraph(let inlines):
            out.appendMarkup("<p>")
            append(inlines, to: &out)
            out.appendMarkup("</p>")
            return true
        case .subheading(let level, let inlines):
            out.appendMarkup(level <= 2 ? "<h2>" : "<h3>")
            append(inlines, to: &out)
            out.appendMarkup(level <= 2 ? "</h2>" : "</h3>")
        case .list(let ordered, let items):
            out.appendMarkup(ordered ? "<ol>" : "<ul>")
            for item in items {
                out.appendMarkup("<li>")
                append(item, to: &out)
                out.appendMarkup("</li>")
            }
            out.appendMarkup(ordered ? "</ol>" : "</ul>")
        case .quote(let paragraphs, let attribution):
            out.appendMarkup("<figure class=\"quote\"><blockquote>")
            for paragraph in paragraphs {
                out.appendMarkup("<p>")
                append(paragraph, to: &out)
                out.appendMarkup("</p>")
            }
            out.appendMarkup("</blockquote>")
            if let attribution {
                out.appendMarkup("<figcaption>— ")
                append(attribution, to: &out)
                out.appendMarkup("</figcaption>")
            }
            out.appendMarkup("</figure>")
        case .photo(let id):
            if let photo = photos[id] {
                append(photo, to: &out)
            }
        case .embed(let url):
            guard LinkPolicy.isAllowedEmbed(url) else {
                out.appendMarkup("<p>[embed: ")
                out.appendEscaped(url)
                out.appendMarkup("]</p>")
                return true
            }
            out.appendMarkup("<figure class=\"embed\"><a href=\"")
            out.appendEscaped(url)
            out.appendMarkup("\" rel=\"nofollow noopener\">")
            out.appendEscaped(Self.provider(of: url))
            out.appendMarkup(": ")
            out.appendEscaped(url)
            out.appendMarkup("</a></figure>")
        }
        return false
    }

    private func append(_ photo: InlinePhoto, to out: inout HTMLBuffer) {
        guard LinkPolicy.isAllowed(photo.src) else { return }
        out.appendMarkup("<figure class=\"photo\"><img src=\"")
        out.appendEscaped(photo.src)
        out.appendMarkup("\" width=\"")
        out.append(photo.width)
        out.appendMarkup("\" height=\"")
        out.append(photo.height)
        out.appendMarkup("\" alt=\"")
        out.appendEscaped(photo.alt)
        out.appendMarkup("\" loading=\"lazy\" decoding=\"async\">")
        if !photo.caption.isEmpty || !photo.credit.isEmpty {
            out.appendMarkup("<figcaption>")
            out.appendEscaped(photo.caption)
            if !photo.credit.isEmpty {
                out.appendMarkup(photo.caption.isEmpty ? "<span class=\"credit\">" : " <span class=\"credit\">")
                if !creditLabel.isEmpty {
                    out.appendEscaped(creditLabel)
                    out.appendMarkup(" ")
                }
                out.appendEscaped(photo.credit)
                out.appendMarkup("</span>")
            }
            out.appendMarkup("</figcaption>")
        }
        out.appendMarkup("</figure>")
    }

    private func append(_ inlines: [Inline], insideLink: Bool = false, to out: inout HTMLBuffer) {
        for inline in inlines {
            switch inline {
            case .text(let text):
                out.appendEscaped(text)
            case .lineBreak:
                out.appendMarkup("<br>")
            case .strong(let children):
                out.appendMarkup("<strong>")
                append(children, insideLink: insideLink, to: &out)
                out.appendMarkup("</strong>")
            case .emphasis(let children):
                out.appendMarkup("<em>")
                append(children, insideLink: insideLink, to: &out)
                out.appendMarkup("</em>")
            case .link(let href, let children):
                // Nested anchors are invalid HTML, and a refused target keeps only its words.
                guard !insideLink, LinkPolicy.isAllowed(href) else {
                    append(children, insideLink: insideLink, to: &out)
                    continue
                }
                out.appendMarkup("<a href=\"")
                out.appendEscaped(href)
                out.appendMarkup(LinkPolicy.isExternal(href) ? "\" rel=\"nofollow noopener\">" : "\">")
                append(children, insideLink: true, to: &out)
                out.appendMarkup("</a>")
            }
        }
    }

    /// The service an embed points to, recognised from its host; other hosts are named as they are.
    static func provider(of url: String) -> String {
        let host = LinkPolicy.host(of: url)
        for (name, domains) in knownProviders {
            for domain in domains where host == domain || host.hasSuffix("." + domain) {
                return name
            }
        }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    private static let knownProviders: [(String, [String])] = [
        ("YouTube", ["youtube.com", "youtu.be", "youtube-nocookie.com"]),
        ("Vimeo", ["vimeo.com"]),
        ("X", ["x.com", "twitter.com"]),
        ("Facebook", ["facebook.com", "fb.com", "fb.watch"]),
        ("Instagram", ["instagram.com"]),
        ("Telegram", ["t.me", "telegram.me", "telegram.org"]),
        ("TikTok", ["tiktok.com"]),
        ("SoundCloud", ["soundcloud.com"]),
    ]
}
