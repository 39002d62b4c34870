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
        return words(text).map(stemmer.stem)
    }

    /// The folded words of `text`, unstemmed, in order.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        func close() {
            if !word.isEmpty { words.append(String(word)) }
            word = String.UnicodeScalarView()
        }
        for scalar in fold(text).unicodeScalars {
            if apostrophes.contains(scalar.value) {
                continue  // inside a word it joins, at an edge it is nothing: either way it is left out
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word.append(scalar)
            } else {
                close()
            }
        }
        close()
        return words
    }

    /// Lower case, marks stripped but for й and ї, ё as е.
    static func fold(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark {
                // и + breve is й, і + diaeresis is ї: letters, not accents. е + diaeresis (ё) folds to е.
                let keep = (scalar.value == 0x0306 && previous == "и") || (scalar.value == 0x0308 && previous == "і")
                if keep { folded.append(scalar) }
                continue
            }
            folded.append(scalar)
            previous = scalar
        }
        return String(folded).precomposedStringWithCanonicalMapping
    }

    /// ' ’ ʼ ʻ ` and the modifier prime: what Ukrainian writers type for the apostrophe.
    static let apostrophes: Set<UInt32> = [0x27, 0x2019, 0x02BC, 0x02BB, 0x60, 0x2032, 0x02B9]
}
