import Foundation

/// Latin transliteration of Cyrillic text.
public enum Transliteration {
    /// Ukrainian, by the national standard of 2010 (Cabinet of Ministers resolution No. 55 of 27 Jan 2010).
    public static func ukrainian(_ text: String) -> String {
        transliterate(text, table: ukrainianTable, isUkrainian: true)
    }

    /// Russian, by the scheme of Russian passports since 2013 (ICAO Doc 9303).
    public static func russian(_ text: String) -> String {
        transliterate(text, table: russianTable, isUkrainian: false)
    }
}

// MARK: - Tables

/// How one lowercase Cyrillic letter is written in Latin.
struct LatinSpelling: Sendable {
    /// Spelling at the start of a word (Ukrainian є, ї, й, ю, я differ there).
    let initial: String
    /// Spelling anywhere else.
    let medial: String

    init(_ both: String) {
        initial = both
        medial = both
    }

    init(initial: String, medial: String) {
        self.initial = initial
        self.medial = medial
    }
}

extension Transliteration {
    /// Resolution No. 55 (2010). Russian-only letters are added so that a quoted Russian name in
    /// Ukrainian or English copy still comes out as Latin rather than being dropped from a slug.
    static let ukrainianTable: [Character: LatinSpelling] = [
        "а": .init("a"), "б": .init("b"), "в": .init("v"), "г": .init("h"), "ґ": .init("g"),
        "д": .init("d"), "е": .init("e"), "є": .init(initial: "ye", medial: "ie"), "ж": .init("zh"),
        "з": .init("z"), "и": .init("y"), "і": .init("i"), "ї": .init(initial: "yi", medial: "i"),
        "й": .init(initial: "y", medial: "i"), "к": .init("k"), "л": .init("l"), "м": .init("m"),
        "н": .init("n"), "о": .init("o"), "п": .init("p"), "р": .init("r"), "с": .init("s"),
        "т": .init("t"), "у": .init("u"), "ф": .init("f"), "х": .init("kh"), "ц": .init("ts"),
        "ч": .init("ch"), "ш": .init("sh"), "щ": .init("shch"), "ь": .init(""),
        "ю": .init(initial: "yu", medial: "iu"), "я": .init(initial: "ya", medial: "ia"),
        // Not Ukrainian letters; spelled in the same spirit as є, ю, я.
        "ё": .init(initial: "yo", medial: "io"), "ъ": .init(""), "ы": .init("y"), "э": .init("e"),
    ]

    /// ICAO Doc 9303 as used in Russian passports since 2013. It has no positional variants.
    /// Ukrainian-only letters are added for the same reason as above.
    static let russianTable: [Character: LatinSpelling] = [
        "а": .init("a"), "б": .init("b"), "в": .init("v"), "г": .init("g"), "д": .init("d"),
        "е": .init("e"), "ё": .init("e"), "ж": .init("zh"), "з": .init("z"), "и": .init("i"),
        "й": .init("i"), "к": .init("k"), "л": .init("l"), "м": .init("m"), "н": .init("n"),
        "о": .init("o"), "п": .init("p"), "р": .init("r"), "с": .init("s"), "т": .init("t"),
        "у": .init("u"), "ф": .init("f"), "х": .init("kh"), "ц": .init("ts"), "ч": .init("ch"),
        "ш": .init("sh"), "щ": .init("shch"), "ъ": .init("ie"), "ы": .init("y"), "ь": .init(""),
        "э": .init("e"), "ю": .init("iu"), "я": .init("ia"),
        // Not Russian letters; ICAO Doc 9303 spells them this way for Ukrainian.
        "і": .init("i"), "ї": .init("i"), "є": .init("ie"), "ґ": .init("g"),
    ]

    /// Characters used as the Ukrainian apostrophe (Знам'янка); typists use any of them.
    static let apostrophes: Set<Character> = ["'", "\u{2019}", "\u{02BC}", "\u{02BB}", "`"]
}

// MARK: - Engine

extension Transliteration {
    /// Transliterates letter by letter, tracking word starts and copying the source's case.
    /// `isUkrainian` switches on the two rules only the 2010 standard has: зг and the dropped apostrophe.
    static func transliterate(
        _ text: String,
        table: [Character: LatinSpelling],
        isUkrainian: Bool
    ) -> String {
        // Characters, not scalars: Character equality is canonical, so a decomposed й (и + breve) still matches.
        let chars = Array(text)
        var output = ""
        output.reserveCapacity(chars.count * 2)
        var afterLetter = false

        for index in chars.indices {
            let char = chars[index]
            let lower = lowercased(char)
            guard let spelling = table[lower] else {
                if isUkrainian, apostrophes.contains(char), isInsideCyrillicWord(chars, index, table) {
                    // Знам'янка: the apostrophe is dropped and does not start a new word.
                    continue
                }
                output.append(char)
                afterLetter = char.isLetter
                continue
            }

            var latin = afterLetter ? spelling.medial : spelling.initial
            // Resolution No. 55: зг is written zgh so it is not read as the digraph zh.
            if isUkrainian, lower == "г", index > 0, lowercased(chars[index - 1]) == "з" {
                latin = "gh"
            }
            output += char.isUppercase ? uppercased(latin, allCaps: isAllCapsContext(chars, index)) : latin
            afterLetter = true
        }
        return output
    }

    /// True when the apostrophe at `index` sits between two letters of the table (п'ять, not 'quote').
    static func isInsideCyrillicWord(_ chars: [Character], _ index: Int, _ table: [Character: LatinSpelling]) -> Bool {
        guard index > 0, index + 1 < chars.count else { return false }
        return table[lowercased(chars[index - 1])] != nil && table[lowercased(chars[index + 1])] != nil
    }

    /// Decides whether a capital should become SHCH (КИЇВ, ЩО) or Shch (Щербухи, Я):
    /// the neighbouring letter tells whether the word is set in capitals.
    static func isAllCapsContext(_ chars: [Character], _ index: Int) -> Bool {
        var next = index + 1
        while next < chars.count, apostrophes.contains(chars[next]) { next += 1 }
        if next < chars.count, chars[next].isLetter {
            return chars[next].isUppercase
        }
        var previous = index - 1
        while previous >= 0, apostrophes.contains(chars[previous]) { previous -= 1 }
        if previous >= 0, chars[previous].isLetter {
            return chars[previous].isUppercase
        }
        return false
    }

    /// The lowercase letter for table lookup; Character(String) would trap if lowercasing split a cluster.
    static func lowercased(_ char: Character) -> Character {
        let lower = char.lowercased()
        return lower.count == 1 ? Character(lower) : char
    }

    /// "shch" -> "SHCH" or "Shch".
    static func uppercased(_ latin: String, allCaps: Bool) -> String {
        guard let first = latin.first else { return latin }
        return allCaps ? latin.uppercased() : first.uppercased() + latin.dropFirst()
    }
}
