/// An article body parsed from the newsroom's text format.
public struct ArticleBody: Equatable, Sendable {
    /// The body's blocks in reading order.
    public var blocks: [BodyBlock]

    /// Parses the newsroom's text format; it never fails, and markup it does not recognise stays text.
    public init(parsing text: String) {
        blocks = BodyParser.blocks(in: text)
    }

    /// Photo ids referenced by [photo: N] blocks, in order, without repeats.
    public var photoIDs: [Int] {
        var seen = Set<Int>()
        var ids: [Int] = []
        for case .photo(let id) in blocks where seen.insert(id).inserted {
            ids.append(id)
        }
        return ids
    }

    /// The text without markup (for search, descriptions): blocks joined by "\n\n".
    public var plainText: String {
        passages.joined(separator: "\n\n")
    }

    /// The text of each block that has any, without markup: where search results cut their snippets.
    public var passages: [String] {
        blocks.compactMap { block -> String? in
            let text = block.plainText
            return text.isEmpty ? nil : text
        }
    }

    /// Number of paragraph blocks.
    public var paragraphCount: Int {
        blocks.reduce(0) { count, block in
            if case .paragraph = block { return count + 1 }
            return count
        }
    }
}

/// One block of an article body.
public enum BodyBlock: Equatable, Sendable {
    /// Running text; single newlines inside it are line breaks.
    case paragraph([Inline])
    /// A subheading of level 2 (`##`) or 3 (`###`).
    case subheading(level: Int, [Inline])
    /// A bulleted (`- `, `* `) or numbered (`1. `) list.
    case list(ordered: Bool, items: [[Inline]])
    /// A pull quote with an optional attribution line.
    case quote(paragraphs: [[Inline]], attribution: [Inline]?)
    /// An inline photo by id (`[photo: 12]`).
    case photo(id: Int)
    /// A link card for a video or social post (`[embed: https://…]`).
    case embed(url: String)

    /// The block's text without markup; photos and embeds have none.
    var plainText: String {
        switch self {
        case .paragraph(let inlines), .subheading(_, let inlines):
            return Inline.plainText(inlines)
        case .list(_, let items):
            return items.map(Inline.plainText).joined(separator: "\n")
        case .quote(let paragraphs, let attribution):
            var lines = paragraphs.map(Inline.plainText)
            if let attribution {
                lines.append("— " + Inline.plainText(attribution))
            }
            return lines.joined(separator: "\n")
        case .photo, .embed:
            return ""
        }
    }
}

/// Inline content of a block.
public indirect enum Inline: Equatable, Sendable {
    /// Literal text, unescaped.
    case text(String)
    /// A line break inside a block.
    case lineBreak
    /// Strong emphasis (`**bold**`).
    case strong([Inline])
    /// Emphasis (`*italic*` or `_italic_`).
    case emphasis([Inline])
    /// A link (`[text](url)`); the renderer checks `href` against `LinkPolicy` again.
    case link(href: String, [Inline])

    /// Appends `node`, merging adjacent text so equal inputs always give equal trees.
    static func appendMerging(_ node: Inline, to list: inout [Inline]) {
        guard case .text(let new) = node else {
            list.append(node)
            return
        }
        guard !new.isEmpty else { return }
        guard case .text = list.last, case .text(var merged) = list.removeLast() else {
            list.append(node)
            return
        }
        // Removed from the array first, so the string is uniquely owned and grows in place.
        merged += new
        list.append(.text(merged))
    }

    /// The concatenated text of `inlines`, line breaks as "\n".
    static func plainText(_ inlines: [Inline]) -> String {
        var out = ""
        appendPlainText(inlines, to: &out)
        return out
    }

    private static func appendPlainText(_ inlines: [Inline], to out: inout String) {
        for inline in inlines {
            switch inline {
            case .text(let text):
                out += text
            case .lineBreak:
                out += "\n"
            case .strong(let children), .emphasis(let children), .link(_, let children):
                appendPlainText(children, to: &out)
            }
        }
    }
}
