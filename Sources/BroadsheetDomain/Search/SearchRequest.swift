/// What a reader typed into the search box, as terms: words, and phrases they put in quotes.
public struct SearchRequest: Sendable, Equatable {
    /// Each part is one term (a word) or several (a phrase, matched as a run in this order).
    public let parts: [[String]]
    /// Whether the last part is a lone word, to be matched as the start of a word too (typed half-way).
    public let lastWordIsPrefix: Bool

    /// The longest query accepted, in characters.
    public static let maximumLength = 200

    public enum Problem: Error, Equatable {
        /// Nothing to search for: empty, or only symbols.
        case noWords
        case tooLong
    }

    /// Reads `text` in `language`: "quoted words" are a phrase, everything else single words.
    public init(parsing text: String, language: String) throws(Problem) {
        guard text.count <= Self.maximumLength else { throw .tooLong }
        var parts: [[String]] = []
        var lastIsWord = false
        for (index, piece) in text.split(separator: "\"", omittingEmptySubsequences: false).enumerated() {
            let terms = SearchText.terms(String(piece), language: language)
            guard !terms.isEmpty else { continue }
            // Odd pieces were between quotes (an unclosed quote runs to the end).
            if index % 2 == 1 {
                parts.append(terms)
                lastIsWord = false
            } else {
                parts += terms.map { [$0] }
                lastIsWord = true
            }
        }
        guard !parts.isEmpty else { throw .noWords }
        self.parts = parts
        self.lastWordIsPrefix = lastIsWord && !text.hasSuffix(" ")
    }

    private init(parts: [[String]], lastWordIsPrefix: Bool) {
        self.parts = parts
        self.lastWordIsPrefix = lastWordIsPrefix
    }

    /// The same words, every one matched whole: what a search tries first, so that "war" finds war and wars
    /// before warmer and warning (which it finds only when nothing else matches, as a word typed half-way).
    public var wholeWords: SearchRequest { SearchRequest(parts: parts, lastWordIsPrefix: false) }
}
