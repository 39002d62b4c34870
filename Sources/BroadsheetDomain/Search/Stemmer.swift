/// Light suffix stripping: each word loses the longest ending on its language's list, as long as what is
/// left keeps `minimumStem` letters. No dictionary: it joins a word's common forms (війна, війни, війною →
/// війн; soldiers → soldier; killed → kill), and now and then two different words, which search can bear.
///
/// Ukrainian and Russian: the endings of nouns and adjectives in every case and number, and the commonest
/// verb endings. English: plural -s/-es/-ies, past -ed/-ied and -ing, with a doubled final consonant undone
/// (stopped → stop, but killed → kill). Words with digits are left as they are.
public struct Stemmer: Sendable {
    public let language: String

    public init(language: String) {
        self.language = language
    }

    /// Letters a stem keeps at least.
    static let minimumStem = 3

    public func stem(_ word: String) -> String {
        guard !word.contains(where: \.isNumber) else { return word }
        switch language {
        case "uk": return Self.strip(word, endings: Self.ukrainian)
        case "ru": return Self.strip(word, endings: Self.russian)
        case "en": return Self.english(word)
        default: return word
        }
    }

    static func strip(_ word: String, endings: [String]) -> String {
        for ending in endings where word.hasSuffix(ending) && word.count - ending.count >= minimumStem {
            return String(word.dropLast(ending.count))
        }
        return word
    }

    /// Longest first, so that -ами wins over -и.
    static let ukrainian: [String] = sortedLongestFirst([
        // verbs
        "ування", "ювання", "ення", "ання", "ити", "ати", "яти", "іти", "ують", "юють", "ють", "ать", "ять", "ить",
        "ала", "ало", "али", "ила", "ило", "или", "ав", "ив", "ає", "ує",
        // adjectives
        "ього", "ьому", "ьої", "ого", "ому", "ими", "іми", "ий", "ій", "ої", "их", "іх", "им", "ім", "е", "є",
        // nouns (and the endings adjectives share with them)
        "ами", "ями", "ові", "еві", "єві", "ою", "ею", "єю", "ів", "їв", "ей", "ах", "ях", "ам", "ям", "ом", "ем", "єм",
        "а", "я", "о", "у", "ю", "и", "і", "ї", "ь",
    ])

    static let russian: [String] = sortedLongestFirst([
        // verbs
        "ование", "ение", "ание", "ить", "ать", "ять", "еть", "уют", "ают", "яют", "ует", "ает", "яет", "ила", "ило",
        "или", "ала", "ало", "али", "ел", "ил", "ал",
        // adjectives
        "ого", "его", "ому", "ему", "ыми", "ими", "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым",
        "им", "ую", "юю",
        // nouns
        "ами", "ями", "ой", "ей", "ою", "ею", "ов", "ев", "ах", "ях", "ам", "ям", "ом", "ем", "а", "я", "о", "е", "у",
        "ю", "ы", "и", "ь", "й",
    ])

    static func sortedLongestFirst(_ endings: [String]) -> [String] {
        Array(Set(endings)).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]

    static func english(_ word: String) -> String {
        var stem = word
        if stem.hasSuffix("ies"), stem.count > 4 {
            stem = String(stem.dropLast(3)) + "y"
        } else if stem.hasSuffix("sses") {
            stem = String(stem.dropLast(2))
        } else if stem.hasSuffix("es"), ["s", "x", "z", "ch", "sh"].contains(where: { stem.dropLast(2).hasSuffix($0) }),
            stem.count > 4
        {
            stem = String(stem.dropLast(2))
        } else if stem.hasSuffix("s"), !stem.hasSuffix("ss"), !stem.hasSuffix("us"), !stem.hasSuffix("is"),
            stem.count > 3
        {
            stem = String(stem.dropLast())
        }
        if stem.hasSuffix("ied"), stem.count > 4 {
            return String(stem.dropLast(3)) + "y"
        }
        for ending in ["ed", "ing"] where stem.hasSuffix(ending) {
            let rest = String(stem.dropLast(ending.count))
            guard rest.count >= minimumStem, rest.contains(where: vowels.contains) else { continue }
            return undoubled(rest)
        }
        return stem
    }

    /// stopp → stop, runn → run; but kill, pass and buzz keep their pairs.
    static func undoubled(_ stem: String) -> String {
        let letters = Array(stem)
        guard letters.count >= 2, letters[letters.count - 1] == letters[letters.count - 2],
            !vowels.contains(letters[letters.count - 1]), !["l", "s", "z"].contains(letters[letters.count - 1])
        else { return stem }
        return String(letters.dropLast())
    }
}
