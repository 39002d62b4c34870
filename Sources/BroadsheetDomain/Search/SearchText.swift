import Foundation

/// What search sees of a text: the words folded and stemmed, the same way for what is indexed and for what a
/// reader types, so that both databases' full-text engines (which fold differently, and PostgreSQL has no
/// Ukrainian stemmer) only ever compare our terms.
///
/// Folding, for every language:
/// - lower case;
/// - accents and stress marks stripped (café → cafe, за́мок → замок), except the marks that make a
///   Ukrainian letter of its own: й and ї stay;
/// - ё as е (ёлка → елка);
/// - the apostrophes of Ukrainian, ' ’ ʼ ʻ and `, dropped inside a word, so п'ять, п’ять and пʼять are one
///   word (пять);
/// - words are runs of letters and digits; everything else separates them (Івано-Франківськ is two words).
///
/// Then each word is stemmed by its language's light suffix rules (`Stemmer`).
public enum SearchText {
    /// The searchable terms of `text` in `language` ("uk", "ru", "en"; others are folded but not stemmed),
    /// in order: phrases are matched as runs of terms.
    public static func terms(_ text: String, language: String) -> [String] {
        let stemmer = Stemmer(language: language)
        var terms: [String] = []
        terms.reserveCapacity(text.utf8.count / 6)  // English has a word in about six bytes, Cyrillic in twelve
        forEachWord(in: foldedScalars(text)) { terms.append(stemmer.stem($0)) }
        return terms
    }

    /// The folded words of `text`, unstemmed, in order.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        forEachWord(in: foldedScalars(text)) { words.append(String(scalars: $0)) }
        return words
    }

    /// Lower case, marks stripped but for й and ї, ё as е.
    static func fold(_ text: String) -> String {
        String(scalars: foldedScalars(text))
    }

    /// ' ’ ʼ ʻ ` and the modifier prime: what Ukrainian writers type for the apostrophe.
    static let apostrophes: Set<UInt32> = [0x27, 0x2019, 0x02BC, 0x02BB, 0x60, 0x2032, 0x02B9]

    /// Calls `body` with the letters of each word of folded text, apostrophes left out. The buffer is reused:
    /// `body` must not keep it.
    private static func forEachWord(in folded: [Unicode.Scalar], _ body: ([Unicode.Scalar]) -> Void) {
        var word: [Unicode.Scalar] = []
        for scalar in folded {
            switch scalar.value < commonRoles.count ? commonRoles[Int(scalar.value)] : role(of: scalar) {
            case .letter:
                word.append(scalar)
            case .apostrophe:
                continue  // inside a word it joins, at an edge it is nothing: either way it is left out
            case .separator:
                if !word.isEmpty { body(word) }
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { body(word) }
    }

    /// What a scalar of folded text is to the words.
    private enum Role {
        /// A letter or a digit.
        case letter
        case apostrophe
        case separator
    }

    private static func role(of scalar: Unicode.Scalar) -> Role {
        if apostrophes.contains(scalar.value) { return .apostrophe }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil ? .letter : .separator
    }

    /// The roles of the scalars below U+2070 (Latin, Greek, Cyrillic, General Punctuation...), found once: the
    /// properties are slow to look up for every scalar of a text.
    private static let commonRoles = (0..<0x2070).map { role(of: Unicode.Scalar(UInt32($0))!) }
}

// MARK: - Folding

extension SearchText {
    /// `fold`'s scalars. The rule is: each scalar lower-cased; the text decomposed (NFD); every nonspacing mark
    /// dropped but a breve right after и and a diaeresis right after і (и + breve is й, і + diaeresis is ї:
    /// letters, not accents; е + diaeresis, ё, folds to е); the text composed again (NFC).
    ///
    /// Foundation's normalisation is slow on Linux, and folding was most of the cost of filling the index: the
    /// letters of Ukrainian, Russian and English, common punctuation, CJK ideographs and Hangul syllables, and the
    /// usual combining accents are folded here scalar by scalar, to what the rule makes of them. Any other run of
    /// scalars (Latin accented letters, the rest of Cyrillic, Greek, kana...) is folded by the rule itself, with
    /// Foundation.
    static func foldedScalars(_ text: String) -> [Unicode.Scalar] {
        var folding = Folding(capacity: text.utf8.count)
        let scalars = text.unicodeScalars
        // Where the run of scalars that is left to the rule began, if one is open.
        var otherRun: String.UnicodeScalarView.Index?
        // Where the last scalar folded here is, in the text and in the folded text, and whether marks follow it
        // in the decomposed text (й and ї are и and і and a mark).
        var last: (index: String.UnicodeScalarView.Index, count: Int, hasMarks: Bool)?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            switch Folding.kind(of: scalars[index]) {
            case .folded(let scalar):
                if let start = otherRun {
                    folding.flush(scalars[start..<index])
                    otherRun = nil
                }
                last = (index, folding.scalars.count, scalar == "й" || scalar == "ї")
                folding.appendLetter(scalar)
            case .mark where otherRun == nil:
                folding.appendMark(scalars[index])
                last?.hasMarks = true
            case .mark, .other:
                // A mark after a scalar left to the rule goes with it, so that NFD orders it with the others.
                guard otherRun == nil else { break }
                otherRun = index
                if let last, last.hasMarks, scalars[index].properties.canonicalCombiningClass != .notReordered {
                    // NFD puts this one (a virama of Javanese, say) before the marks of the scalar folded last,
                    // and it is not a nonspacing mark: a breve after it no longer follows и. The rule takes them all.
                    folding.scalars.removeSubrange(last.count...)
                    otherRun = last.index
                }
            }
            index = scalars.index(after: index)
        }
        if let start = otherRun { folding.flush(scalars[start..<index]) }
        return folding.scalars
    }

    /// The folded text as it grows, and what the rule needs to know of it.
    private struct Folding {
        var scalars: [Unicode.Scalar] = []
        /// The last scalar of the decomposed text that was not a mark: a breve keeps to и, a diaeresis to і.
        var base: Unicode.Scalar?

        init(capacity: Int) {
            scalars.reserveCapacity(capacity)
        }

        enum Kind {
            /// What the rule makes of the scalar: only a mark after it (и + breve) or a final jamo after a Hangul
            /// syllable can change it, and both are seen to.
            case folded(Unicode.Scalar)
            /// A combining accent that does not decompose: dropped, or joined to й or ї.
            case mark
            /// Left to the rule.
            case other
        }

        @inline(__always)
        static func kind(of scalar: Unicode.Scalar) -> Kind {
            switch scalar.value {
            case 0x41...0x5A, 0x410...0x42F: .folded(Unicode.Scalar(scalar.value + 0x20)!)
            case 0x401, 0x451: .folded("е")
            case 0x404: .folded("є")
            case 0x406: .folded("і")
            case 0x407: .folded("ї")
            case 0x490: .folded("ґ")
            case 0...0x7F, 0x430...0x44F, 0x454, 0x456, 0x457, 0x491,
                // Latin-1 punctuation and signs, modifier letters (ʼ), general punctuation less the two quads
                // (they decompose to spaces), currency signs, №: no case, no decomposition, nothing joins them.
                0xA0...0xBF, 0xD7, 0xF7, 0x2B0...0x2FF, 0x2002...0x206F, 0x20A0...0x20C0, 0x2116,
                // CJK ideographs and Hangul syllables: no case, and NFD's jamo compose again into the syllable (a
                // final jamo typed apart after it is left to the rule, which composes the two).
                0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3:
                .folded(scalar)
            // U+0340-0345 are left to the rule: most of them decompose, and U+0345 has a case.
            case 0x300...0x33F, 0x346...0x36F: .mark
            default: .other
            }
        }

        /// A scalar that is already folded (lower case, and composed, like й and ї).
        mutating func appendLetter(_ scalar: Unicode.Scalar) {
            scalars.append(scalar)
            switch scalar {
            case "й": base = "и"
            case "ї": base = "і"
            default: base = scalar
            }
        }

        /// A mark that is not part of a scalar before it: dropped but for the two that make letters.
        mutating func appendMark(_ mark: Unicode.Scalar) {
            guard keeps(mark) else { return }
            // Composed, as NFC would: и + breve is й, і + diaeresis ї (after й or ї the mark stays apart).
            if mark == "\u{306}", scalars.last == "и" {
                scalars[scalars.count - 1] = "й"
            } else if mark == "\u{308}", scalars.last == "і" {
                scalars[scalars.count - 1] = "ї"
            } else {
                scalars.append(mark)
            }
        }

        func keeps(_ mark: Unicode.Scalar) -> Bool {
            (mark == "\u{306}" && base == "и") || (mark == "\u{308}" && base == "і")
        }

        /// Folds `run` by the rule itself, with Foundation, and joins it to the text.
        mutating func flush(_ run: Substring.UnicodeScalarView) {
            var piece: [Unicode.Scalar] = []
            var isComposed = true
            for scalar in String(run).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
                if scalar.properties.generalCategory == .nonspacingMark {
                    guard keeps(scalar) else { continue }
                    isComposed = false
                } else {
                    base = scalar
                    // What lies below U+0300, and Greek and Cyrillic, never composes with what is before it: with
                    // its marks dropped, a run of those (café, Ђ, ά) is composed already.
                    isComposed = isComposed && (scalar.value < 0x300 || (0x370..<0x530).contains(scalar.value))
                }
                piece.append(scalar)
            }
            guard !isComposed else {
                scalars += piece
                return
            }
            // Composed with what is before it back to its last starter: nothing composes across a starter that
            // is already in place, so the text comes out as if NFC had been applied to all of it.
            let start = scalars.lastIndex { $0.properties.canonicalCombiningClass == .notReordered } ?? 0
            let joined = String(scalars: scalars[start...] + piece).precomposedStringWithCanonicalMapping
            scalars.replaceSubrange(start..., with: joined.unicodeScalars)
        }
    }
}

extension String {
    /// The string of `scalars`, encoded straight into its storage (String.UnicodeScalarView.append(contentsOf:)
    /// goes through an array of UTF-32).
    init(scalars: some Collection<Unicode.Scalar>) {
        self.init(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var count = 0
            for scalar in scalars {
                let value = scalar.value
                if value < 0x80 {
                    buffer[count] = UInt8(value)
                    count += 1
                } else if value < 0x800 {
                    buffer[count] = UInt8(0xC0 | value >> 6)
                    buffer[count + 1] = UInt8(0x80 | value & 0x3F)
                    count += 2
                } else {
                    for byte in scalar.utf8 {
                        buffer[count] = byte
                        count += 1
                    }
                }
            }
            return count
        }
    }
}
