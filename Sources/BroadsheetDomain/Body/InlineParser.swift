/// Parses the inline markup of one block: `**strong**`, `*em*`, `_em_`, `[text](url)` and backslash escapes.
///
/// Links are matched first with a bracket stack, then emphasis is matched separately inside each
/// link label and in the surrounding text, so emphasis never crosses a link boundary. Both passes
/// work on flat arrays with stacks of indices, so hostile input cannot make parsing quadratic.
enum InlineParser {
    static func parse<Text: StringProtocol>(_ text: Text) -> [Inline] {
        var scanner = InlineScanner(bytes: Array(text.utf8))
        return scanner.run()
    }
}

/// An emphasis delimiter run (`*`, `**`, `***` or `_`) awaiting a partner.
private struct Delimiter {
    var marker: Unicode.Scalar
    var count: Int
    var canOpen: Bool
    var canClose: Bool
}

private enum Piece {
    case node(Inline)
    case delimiter(Delimiter)
}

/// Scans UTF-8 bytes: every markup character is ASCII and never occurs inside a multi-byte
/// sequence, so plain text between markup is copied in runs instead of character by character.
private struct InlineScanner {
    let bytes: [UInt8]
    var pieces: [Piece] = []
    /// Indices in `pieces` of the `[` texts whose labels are still open.
    var brackets: [Int] = []
    var pendingText: [UInt8] = []
    var closingParens: [Int]?

    mutating func run() -> [Inline] {
        var index = 0
        var runStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\n"), UInt8(ascii: "*"), UInt8(ascii: "_"),
                 UInt8(ascii: "["), UInt8(ascii: "]"):
                pendingText.append(contentsOf: bytes[runStart..<index])
            default:
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\\"):
                // Before punctuation a backslash makes it literal; before anything else it is itself literal.
                let escapes = index + 1 < bytes.count && isASCIIPunctuation(bytes[index + 1])
                pendingText.append(bytes[escapes ? index + 1 : index])
                index += escapes ? 2 : 1
            case UInt8(ascii: "\n"):
                add(.node(.lineBreak))
                index += 1
            case UInt8(ascii: "["):
                flushText()
                brackets.append(pieces.count)
                pieces.append(.node(.text("[")))
                index += 1
            case UInt8(ascii: "]"):
                index = closeBracket(at: index)
            default:
                index = scanDelimiterRun(at: index)
            }
            runStart = index
        }
        pendingText.append(contentsOf: bytes[runStart...])
        flushText()
        // Brackets left open are already in place as literal "[" text.
        return EmphasisMatcher.resolve(pieces[...])
    }

    private mutating func flushText() {
        guard !pendingText.isEmpty else { return }
        pieces.append(.node(.text(String(decoding: pendingText, as: UTF8.self))))
        pendingText.removeAll(keepingCapacity: true)
    }

    private mutating func add(_ piece: Piece) {
        flushText()
        pieces.append(piece)
    }

    private mutating func scanDelimiterRun(at start: Int) -> Int {
        let marker = bytes[start]
        var end = start
        while end < bytes.count, bytes[end] == marker {
            end += 1
        }
        let count = end - start
        let before = scalar(endingAt: start)
        let after = scalar(startingAt: end)
        // Flanking rules as in CommonMark: a run can open when it leans on the following text
        // and close when it leans on the preceding text.
        let leftFlanking = !isWhitespace(after)
            && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before))
        let rightFlanking = !isWhitespace(before)
            && (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after))
        let canOpen: Bool
        let canClose: Bool
        if marker == UInt8(ascii: "*") {
            canOpen = leftFlanking
            canClose = rightFlanking
        } else {
            // An underscore between letters (snake_case) neither opens nor closes.
            canOpen = leftFlanking && (!rightFlanking || isPunctuation(before))
            canClose = rightFlanking && (!leftFlanking || isPunctuation(after))
        }
        let longest = marker == UInt8(ascii: "*") ? 3 : 1
        if count <= longest, canOpen || canClose {
            let delimiter = Delimiter(marker: Unicode.Scalar(marker), count: count, canOpen: canOpen, canClose: canClose)
            add(.delimiter(delimiter))
        } else {
            pendingText.append(contentsOf: bytes[start..<end])
        }
        return end
    }

    /// The character before `index`, stepping back over UTF-8 continuation bytes; nil at the start.
    private func scalar(endingAt index: Int) -> Unicode.Scalar? {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 {
            start -= 1
        }
        return start >= 0 ? scalar(startingAt: start) : nil
    }

    /// The character starting at `index`; nil at the end.
    private func scalar(startingAt index: Int) -> Unicode.Scalar? {
        guard index < bytes.count else { return nil }
        if bytes[index] < 0x80 { return Unicode.Scalar(bytes[index]) }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 {
            end += 1
        }
        return String(decoding: bytes[index..<end], as: UTF8.self).unicodeScalars.first
    }

    private mutating func closeBracket(at index: Int) -> Int {
        guard let start = brackets.popLast() else {
            pendingText.append(UInt8(ascii: "]"))
            return index + 1
        }
        guard let (href, next) = destination(after: index) else {
            // A bracket pair without a target is text; its "[" already is.
            pendingText.append(UInt8(ascii: "]"))
            return index + 1
        }
        flushText()
        let label = EmphasisMatcher.resolve(pieces[(start + 1)...])
        pieces.removeSubrange(start...)
        if label.isEmpty {
            pendingText.append(contentsOf: "[](\(href))".utf8)
        } else if LinkPolicy.isAllowed(href) {
            pieces.append(.node(.link(href: href, label)))
        } else {
            // A refused target drops the link but keeps its words.
            pieces.append(contentsOf: label.map(Piece.node))
        }
        // Links cannot contain links, so any `[` still open stays literal text.
        brackets.removeAll()
        return next
    }

    /// `(url)` right after `]`, with balanced parentheses and no line break; returns the URL and the index after `)`.
    private mutating func destination(after bracket: Int) -> (String, Int)? {
        let open = bracket + 1
        guard open < bytes.count, bytes[open] == UInt8(ascii: "(") else { return nil }
        // Matching every "(" once up front keeps many unclosed "[x](" from rescanning the line each time.
        if closingParens == nil {
            closingParens = Self.matchParentheses(bytes)
        }
        guard let close = closingParens?[open], close >= 0 else { return nil }
        return (String(decoding: bytes[(open + 1)..<close], as: UTF8.self), close + 1)
    }

    /// For each "(" the index of its balanced ")" on the same line, or -1.
    private static func matchParentheses(_ bytes: [UInt8]) -> [Int] {
        var closing = [Int](repeating: -1, count: bytes.count)
        var open: [Int] = []
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "("): open.append(index)
            case UInt8(ascii: ")"): if let start = open.popLast() { closing[start] = index }
            case UInt8(ascii: "\n"): open.removeAll()
            default: break
            }
        }
        return closing
    }
}

/// Pairs emphasis delimiters within one frame using a stack of open runs.
private enum EmphasisMatcher {
    private struct Open {
        var marker: Unicode.Scalar
        var count: Int
        /// Index in `nodes` of this run's marker text; its content follows it.
        var start: Int
    }

    static func resolve(_ pieces: ArraySlice<Piece>) -> [Inline] {
        // Markers are placed as text when they open; closing replaces marker and content with
        // one node, and an opener that never closes simply stays as the literal text it already is.
        var nodes: [Inline] = []
        var stack: [Open] = []
        // Open runs per kind ("_", "*", "**"), so a closer with no partner costs no stack search.
        var openCounts = [0, 0, 0]

        func slot(_ marker: Unicode.Scalar, _ count: Int) -> Int {
            marker == "_" ? 0 : count
        }
        func markers(_ marker: Unicode.Scalar, _ count: Int) -> String {
            String(repeating: String(marker), count: count)
        }
        func push(_ marker: Unicode.Scalar, _ count: Int) {
            stack.append(Open(marker: marker, count: count, start: nodes.count))
            openCounts[slot(marker, count)] += 1
            nodes.append(.text(markers(marker, count)))
        }
        func pop() -> Open {
            let open = stack.removeLast()
            openCounts[slot(open.marker, open.count)] -= 1
            return open
        }
        /// The nearest opener this closer can take: an exact size first, else a smaller one.
        func partner(for marker: Unicode.Scalar, remaining: Int) -> Int? {
            if marker != "*" || remaining != 3, openCounts[slot(marker, remaining)] > 0 {
                return stack.lastIndex { $0.marker == marker && $0.count == remaining }
            }
            // Only search when a partner surely exists; the runs above it are then dropped, keeping this linear.
            let available = marker == "_" ? openCounts[0]
                : remaining == 1 ? openCounts[1] : openCounts[1] + openCounts[2]
            guard available > 0 else { return nil }
            return stack.lastIndex { $0.marker == marker && $0.count <= remaining }
        }

        for piece in pieces {
            guard case .delimiter(let delimiter) = piece else {
                if case .node(let node) = piece { nodes.append(node) }
                continue
            }
            var remaining = delimiter.count
            while delimiter.canClose, remaining > 0,
                  let index = partner(for: delimiter.marker, remaining: remaining) {
                // Runs opened after the partner were never closed: they stay literal text.
                while stack.count - 1 > index {
                    _ = pop()
                }
                let open = pop()
                let children = merged(nodes[(open.start + 1)...])
                nodes.removeSubrange(open.start...)
                remaining -= open.count
                if children.isEmpty {
                    nodes.append(.text(markers(open.marker, open.count * 2)))
                } else {
                    nodes.append(open.count == 2 ? .strong(children) : .emphasis(children))
                }
            }
            guard remaining > 0 else { continue }
            if delimiter.canOpen {
                if remaining == 3 {
                    // "***" opens strong then emphasis, so "***x***" is strong(emphasis(x)).
                    push(delimiter.marker, 2)
                    push(delimiter.marker, 1)
                } else {
                    push(delimiter.marker, remaining)
                }
            } else {
                nodes.append(.text(markers(delimiter.marker, remaining)))
            }
        }
        return merged(nodes[...])
    }

    private static func merged(_ nodes: ArraySlice<Inline>) -> [Inline] {
        var result: [Inline] = []
        result.reserveCapacity(nodes.count)
        for node in nodes {
            Inline.appendMerging(node, to: &result)
        }
        return result
    }
}

private func isWhitespace(_ scalar: Unicode.Scalar?) -> Bool {
    guard let scalar else { return true }
    return scalar.properties.isWhitespace
}

private func isASCIIPunctuation(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
    default: return false
    }
}

private func isPunctuation(_ scalar: Unicode.Scalar?) -> Bool {
    guard let scalar else { return false }
    if scalar.isASCII { return isASCIIPunctuation(UInt8(scalar.value)) }
    // CommonMark counts Unicode punctuation (P*) and symbols (S*) alike.
    return punctuationCategories.contains(scalar.properties.generalCategory)
}

private let punctuationCategories: Set<Unicode.GeneralCategory> = [
    .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
    .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
]
