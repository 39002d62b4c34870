import Foundation

/// URL slugs made from headlines.
public enum Slug {
    /// Longest slug `make` returns by default and `isValid` accepts.
    public static let defaultMaxLength = 80

    /// What `make` returns when a headline has no letters or digits at all.
    static let fallback = "article"

    /// A URL slug from a headline: lowercase ASCII letters, digits and single hyphens, at most `maxLength` characters.
    public static func make(from headline: String, language: String, maxLength: Int = 80) -> String {
        let latin = languageCode(language) == "ru"
            ? Transliteration.russian(headline)
            // Ukrainian, and also every other language: Cyrillic quoted in English copy uses the Ukrainian table.
            : Transliteration.ukrainian(headline)
        let limit = max(maxLength, 1)
        let slug = join(asciiWords(latin), limit: limit)
        // Honour the length promise even for a tiny limit; real callers never go below 7.
        return slug.isEmpty ? String(fallback.prefix(limit)) : slug
    }

    /// True when `text` already is a valid slug by the rules of `make` (used to validate edited slugs).
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= defaultMaxLength,
              bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-")
        else { return false }
        var previousWasHyphen = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousWasHyphen = false
            case UInt8(ascii: "-"):
                if previousWasHyphen { return false }
                previousWasHyphen = true
            default:
                return false
            }
        }
        return true
    }
}

// MARK: - Helpers

extension Slug {
    /// "uk", "uk-UA", "UK_ua" -> "uk".
    static func languageCode(_ language: String) -> String {
        String(language.prefix { $0.isLetter }).lowercased()
    }

    /// Letters that Unicode decomposition does not reduce to ASCII (ß has no accent to strip).
    static let foldedLetters: [Unicode.Scalar: String] = [
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
        "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
        "ı": "i", "ħ": "h", "Ħ": "h",
    ]

    /// Apostrophes vanish without splitting the word: "Europe's" -> "europes", not "europe-s".
    static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2018}", "\u{2019}", "\u{02BC}", "\u{02BB}", "`"]

    /// Splits already-transliterated text into lowercase ASCII words, folding accents on the way.
    static func asciiWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        // NFKD splits é into e + accent and also unpacks ligatures and full-width forms (ﬁ -> fi, Ａ -> A).
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if ("A"..."Z").contains(scalar) {
                current.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value) + 0x20))
            } else if let folded = foldedLetters[scalar] {
                current += folded
            } else if apostrophes.contains(scalar) || isMark(scalar) {
                continue
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Combining accents left over by decomposition, and variation selectors trailing emoji.
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// Joins whole words with hyphens up to `limit`; a first word longer than the limit is cut.
    static func join(_ words: [String], limit: Int) -> String {
        var slug = ""
        for word in words {
            let needed = slug.isEmpty ? word.count : slug.count + 1 + word.count
            if needed > limit { break }
            if !slug.isEmpty { slug += "-" }
            slug += word
        }
        if slug.isEmpty, let first = words.first {
            slug = String(first.prefix(limit))
        }
        return slug
    }
}
