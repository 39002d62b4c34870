/// A few lines of an article shown under its headline in search results: the original text, cut around the
/// words that matched, with those words marked. The text is never rewritten (it is the reader's language as
/// the newsroom wrote it, escaped by the page like any other text); only which words match is decided on the
/// folded and stemmed terms, the same way the index decided that the article matches.
public struct SearchSnippet: Sendable, Equatable {
    public struct Piece: Sendable, Equatable {
        public let text: String
        public let isMatch: Bool

        public init(_ text: String, isMatch: Bool) {
            self.text = text
            self.isMatch = isMatch
        }
    }

    public let pieces: [Piece]

    /// The whole of `text` with its matching words marked (a headline).
    public static func marked(_ text: String, matching matcher: SearchMatcher) -> SearchSnippet {
        let words = SearchWords(text, matcher: matcher)
        return words.snippet(from: 0, to: words.ranges.count)
    }

    /// About `length` words of the first passage with the most of the request's terms, starting a few words
    /// before the first match; the start of the first non-empty passage when none matches; nil when all are
    /// empty. Passages are the lead and the body's paragraphs, in order.
    public static func cut(from passages: [String], matching matcher: SearchMatcher, length: Int = 30)
        -> SearchSnippet?
    {
        // Folding a passage is cheaper than splitting it into words and stemming each. Only the passages that
        // may hold the most terms are split, best first; the first that may hold them all ends the look.
        var scored: [(Int, Int)] = []
        for (index, passage) in passages.enumerated() {
            let count = matcher.possibleTerms(in: passage)
            guard count > 0 else { continue }
            scored.append((index, count))
            if count == matcher.terms.count { break }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        for (index, _) in scored.prefix(3) {
            if let snippet = around(passages[index], matching: matcher, length: length) { return snippet }
        }
        guard let passage = passages.first(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        let words = SearchWords(passage, matcher: matcher)
        return words.snippet(from: 0, to: min(words.ranges.count, length))
    }

    /// The same as `cut(from: [lead] + body())`, reading the body only when the lead is not enough: a lead that
    /// may hold every term is the first passage `cut` would take, so when it truly does, the body (parsed from
    /// its markup, the dearest part of a results page) is never needed.
    public static func cut(
        lead: String, body: () -> [String], matching matcher: SearchMatcher, length: Int = 30
    ) -> SearchSnippet? {
        if matcher.possibleTerms(in: lead) == matcher.terms.count,
            let snippet = around(lead, matching: matcher, length: length)
        {
            return snippet
        }
        return cut(from: [lead] + body(), matching: matcher, length: length)
    }

    /// About `length` words of `passage` from a few before its first match; nil when no word matches.
    private static func around(_ passage: String, matching matcher: SearchMatcher, length: Int) -> SearchSnippet? {
        let words = SearchWords(passage, matcher: matcher)
        guard let first = words.matches.firstIndex(of: true) else { return nil }
        let start = max(0, min(first - 4, words.ranges.count - length))
        return words.snippet(from: start, to: min(words.ranges.count, start + length))
    }
}

/// Decides which words match a request: a word matches when one of its terms is one of the request's, or
/// begins with the last word the reader was still typing.
public struct SearchMatcher: Sendable {
    let stemmer: Stemmer
    let terms: Set<String>
    let prefix: String?
    /// What the folded text of a matching word starts with: the terms, since a stem is the start of its word
    /// (English stems ending in y, like study from studies, less their y).
    let needles: [String]

    public init(_ request: SearchRequest, language: String) {
        stemmer = Stemmer(language: language)
        let all = request.parts.flatMap { $0 }
        terms = Set(all)
        prefix = request.lastWordIsPrefix ? all.last : nil
        needles = terms.map { term in
            language == "en" && term.count > 3 && term.hasSuffix("y") ? String(term.dropLast()) : term
        }
    }

    /// Whether `word` (as written) matches: folded once, and stemmed only if it starts with a needle.
    func matches(word: String) -> Bool {
        SearchText.words(word).contains { folded in
            needles.contains(where: folded.hasPrefix) && matches(stemmer.stem(folded))
        }
    }

    func matches(_ term: String) -> Bool {
        if terms.contains(term) { return true }
        if let prefix { return term.hasPrefix(prefix) }
        return false
    }

    /// How many of the needles are in `passage`'s folded words: a quick look before splitting it for real.
    func possibleTerms(in passage: String) -> Int {
        let folded = SearchText.words(passage).joined(separator: " ")
        return needles.reduce(0) { count, needle in folded.contains(needle) ? count + 1 : count }
    }
}

/// A passage split into words where `SearchText.words` would split it, with the words' places in the original.
struct SearchWords {
    let text: String
    let ranges: [Range<String.Index>]
    let matches: [Bool]

    init(_ text: String, matcher: SearchMatcher) {
        self.text = text
        var ranges: [Range<String.Index>] = []
        var start: String.Index?
        var end = text.startIndex
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if start == nil { start = index }
                end = next
            } else if start != nil, scalar.properties.generalCategory == .nonspacingMark {
                end = next  // an accent belongs to its letter (за́мок)
            } else if start != nil, SearchText.apostrophes.contains(scalar.value) {
                // Inside a word an apostrophe joins it (п'ять); the word ends at its last letter, so a closing
                // quote is not marked with it.
            } else if let begun = start {
                ranges.append(begun..<end)
                start = nil
            }
            index = next
        }
        if let begun = start { ranges.append(begun..<end) }
        self.ranges = ranges
        matches = ranges.map { matcher.matches(word: String(text[$0])) }
    }

    /// Words `from..<to` and what lies between them, with "…" where the passage goes on.
    func snippet(from: Int, to: Int) -> SearchSnippet {
        guard from < to else { return SearchSnippet(pieces: text.isEmpty ? [] : [.init(text, isMatch: false)]) }
        let begin = from == 0 ? text.startIndex : ranges[from].lowerBound
        let finish = to == ranges.count ? text.endIndex : ranges[to - 1].upperBound
        var pieces: [SearchSnippet.Piece] = []
        var plain = from == 0 ? "" : "… "
        var position = begin
        for word in from..<to where matches[word] {
            plain += text[position..<ranges[word].lowerBound]
            if !plain.isEmpty { pieces.append(.init(plain, isMatch: false)) }
            pieces.append(.init(String(text[ranges[word]]), isMatch: true))
            plain = ""
            position = ranges[word].upperBound
        }
        plain += text[position..<finish]
        if to < ranges.count { plain += " …" }
        if !plain.isEmpty { pieces.append(.init(plain, isMatch: false)) }
        return SearchSnippet(pieces: pieces)
    }
}
