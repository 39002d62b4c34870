/// Splits body text into blocks and recognises each block's kind.
enum BodyParser {
    /// The blocks of `text`; blocks are separated by lines holding nothing but whitespace.
    static func blocks(in text: String) -> [BodyBlock] {
        var blocks: [BodyBlock] = []
        var blockLines: [Substring] = []
        for rawLine in lines(of: text) {
            let line = trimmed(rawLine)
            if !line.isEmpty {
                blockLines.append(line)
            } else if !blockLines.isEmpty {
                appendBlock(blockLines, to: &blocks)
                blockLines.removeAll(keepingCapacity: true)
            }
        }
        if !blockLines.isEmpty {
            appendBlock(blockLines, to: &blocks)
        }
        return blocks
    }

    /// Splits at LF, CRLF, CR and the Unicode line separators, working on bytes because
    /// splitting by Character would cost a grapheme-break check per character.
    private static func lines(of text: String) -> [Substring] {
        let bytes = Array(text.utf8)
        let utf8 = text.utf8
        var lines: [Substring] = []
        var lineStart = 0
        var index = 0
        func slice(_ from: Int, _ to: Int) -> Substring {
            text[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)]
        }
        while index < bytes.count {
            let breakLength: Int
            switch bytes[index] {
            case 0x0A, 0x0B, 0x0C:
                breakLength = 1
            case 0x0D:
                breakLength = index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85:  // U+0085
                breakLength = 2
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):  // U+2028, U+2029
                breakLength = 3
            default:
                index += 1
                continue
            }
            lines.append(slice(lineStart, index))
            index += breakLength
            lineStart = index
        }
        lines.append(slice(lineStart, bytes.count))
        return lines
    }

    /// Appends the block(s) made of `lines` (all non-empty and trimmed).
    private static func appendBlock(_ lines: [Substring], to blocks: inout [BodyBlock]) {
        let first = lines[0]
        if lines.count == 1, let block = bracketBlock(first) {
            blocks.append(block)
            return
        }
        if let (level, text) = heading(first) {
            blocks.append(.subheading(level: level, InlineParser.parse(text)))
            // Editors often forget the blank line after a subheading; the rest is still its own block.
            if lines.count > 1 {
                appendBlock(Array(lines.dropFirst()), to: &blocks)
            }
            return
        }
        if bulletItem(first) != nil {
            blocks.append(.list(ordered: false, items: listItems(lines, marker: bulletItem)))
        } else if orderedItem(first) != nil {
            blocks.append(.list(ordered: true, items: listItems(lines, marker: orderedItem)))
        } else if first.hasPrefix("> ") {
            blocks.append(quote(lines))
        } else {
            blocks.append(.paragraph(InlineParser.parse(lines.joined(separator: "\n"))))
        }
    }

    /// `[photo: N]` and `[embed: URL]`; nil when the line is neither.
    private static func bracketBlock(_ line: Substring) -> BodyBlock? {
        guard line.first == "[", line.last == "]" else { return nil }
        let inner = line.dropFirst().dropLast()
        guard let colon = inner.firstIndex(of: ":") else { return nil }
        let keyword = trimmed(inner[..<colon]).lowercased()
        let value = trimmed(inner[inner.index(after: colon)...])
        switch keyword {
        case "photo":
            guard !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let id = Int(value)
            else { return nil }
            return .photo(id: id)
        case "embed":
            let url = String(value)
            // A rejected embed is shown as the text the editor typed, not parsed for inline markup.
            return LinkPolicy.isAllowedEmbed(url) ? .embed(url: url) : .paragraph([.text(String(line))])
        default:
            return nil
        }
    }

    /// `## Text` is level 2 and `### Text` level 3; other hash counts are not headings.
    private static func heading(_ line: Substring) -> (Int, Substring)? {
        let level: Int
        if line.hasPrefix("### ") {
            level = 3
        } else if line.hasPrefix("## ") {
            level = 2
        } else {
            return nil
        }
        let text = trimmed(line.dropFirst(level + 1))
        return text.isEmpty ? nil : (level, text)
    }

    private static func bulletItem(_ line: Substring) -> Substring? {
        guard line.hasPrefix("- ") || line.hasPrefix("* ") else { return nil }
        return trimmed(line.dropFirst(2))
    }

    private static func orderedItem(_ line: Substring) -> Substring? {
        let digits = line.prefix(while: { $0.isASCII && $0.isWholeNumber })
        // Nine digits is far beyond any real list and keeps years like "2024." from being special forever.
        guard (1...9).contains(digits.count) else { return nil }
        let rest = line[digits.endIndex...]
        guard rest.hasPrefix(". ") else { return nil }
        return trimmed(rest.dropFirst(2))
    }

    /// Items start at lines with the marker; other lines continue the previous item after a line break.
    private static func listItems(_ lines: [Substring], marker: (Substring) -> Substring?) -> [[Inline]] {
        var items: [String] = []
        for line in lines {
            if let content = marker(line) {
                items.append(String(content))
            } else {
                items[items.count - 1] += "\n" + line
            }
        }
        return items.map(InlineParser.parse)
    }

    /// Lines starting ">" form the quote; a line of just ">" starts a new paragraph;
    /// a last line starting "— " or "-- " is the attribution.
    private static func quote(_ lines: [Substring]) -> BodyBlock {
        var paragraphs: [[Substring]] = [[]]
        var attribution: [Inline]?
        for (index, line) in lines.enumerated() {
            guard line.first == ">" else {
                // A line without ">" continues the current quote paragraph, as in e-mail quoting.
                paragraphs[paragraphs.count - 1].append(line)
                continue
            }
            let content = trimmed(line.dropFirst())
            if content.isEmpty {
                if !paragraphs[paragraphs.count - 1].isEmpty {
                    paragraphs.append([])
                }
                continue
            }
            let hasQuotedText = paragraphs.contains { !$0.isEmpty }
            if index == lines.count - 1, hasQuotedText, let name = attributionText(content) {
                attribution = InlineParser.parse(name)
            } else {
                paragraphs[paragraphs.count - 1].append(content)
            }
        }
        let texts = paragraphs.filter { !$0.isEmpty }.map { InlineParser.parse($0.joined(separator: "\n")) }
        return .quote(paragraphs: texts, attribution: attribution)
    }

    private static func attributionText(_ content: Substring) -> Substring? {
        for marker in ["— ", "-- "] where content.hasPrefix(marker) {
            let name = trimmed(content.dropFirst(marker.count))
            return name.isEmpty ? nil : name
        }
        return nil
    }

    private static func trimmed(_ text: Substring) -> Substring {
        // Most lines start and end with a letter: checking the first and last byte avoids a Unicode property
        // lookup per character. Anything else, non-ASCII included, goes the careful way below.
        if let first = text.utf8.first, let last = text.utf8.last,
            first > 0x20, first < 0x7F, last > 0x20, last < 0x7F
        {
            return text
        }
        guard let start = text.firstIndex(where: { !$0.isWhitespace }),
              let end = text.lastIndex(where: { !$0.isWhitespace })
        else { return text[text.endIndex...] }
        return text[start...end]
    }
}
