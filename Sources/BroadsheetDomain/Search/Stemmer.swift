/// Light suffix stripping: each word loses the longest ending on its language's list, as long as what is
/// left keeps `minimumStem` letters. No dictionary: it joins a word's common forms (війна, війни, війною →
/// війн; soldiers → soldier; killed → kill), and now and then two different words, which search can bear.
///
/// Ukrainian and Russian: the endings of nouns and adjectives in every case and number, and the commonest
/// verb endings. English: plural -s/-es/-ies, past -ed/-ied and -ing, with a doubled final consonant undone
/// (stopped → stop, but killed → kill). Words with digits are left as they are.
///
/// Words are counted and compared by Unicode scalars when each scalar is a letter of its own, as in every word of
/// our languages once folded: grapheme breaking for each ending tried was much of the cost of indexing. A word
/// with a scalar that joins another in one character (a vowel sign of Devanagari) is taken by characters, as
/// before, so that its stem stays the one the index holds.
public struct Stemmer: Sendable {
    public let language: String

    public init(language: String) {
        self.language = language
    }

    /// Letters a stem keeps at least.
    static let minimumStem = 3

    public func stem(_ word: String) -> String {
        stem(Array(word.unicodeScalars))
    }

    /// The stem of a folded word, given as its scalars.
    func stem(_ word: [Unicode.Scalar]) -> String {
        if word.allSatisfy(Self.isLetterOfItsOwn) {
            let (kept, y) = stemmed(word)
            let stem = String(scalars: word.prefix(kept))
            return y ? stem + "y" : stem
        }
        let characters = Array(String(scalars: word))
        let (kept, y) = stemmed(characters)
        let stem = String(characters.prefix(kept))
        return y ? stem + "y" : stem
    }

    /// Below U+0300 (Latin, its modifier letters), Greek, and Cyrillic less its combining marks: no scalar of these
    /// joins another in one character.
    private static func isLetterOfItsOwn(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x300 || (0x370...0x482).contains(scalar.value) || (0x48A..<0x530).contains(scalar.value)
    }

    /// How many of `word`'s letters its stem keeps, and whether a y follows them (studies → study).
    private func stemmed<Letter: StemLetter>(_ word: [Letter]) -> (kept: Int, y: Bool) {
        guard !word.contains(where: \.isNumber) else { return (word.count, false) }
        switch language {
        case "uk": return (Self.stemLength(word, endings: Self.ukrainian), false)
        case "ru": return (Self.stemLength(word, endings: Self.russian), false)
        case "en": return Self.english(word)
        default: return (word.count, false)
        }
    }

    /// How many letters are left once the longest ending that leaves `minimumStem` is stripped.
    private static func stemLength(_ word: [some StemLetter], endings: Endings) -> Int {
        for ending in endings.candidates(for: word)
        where word.count - ending.count >= minimumStem && word.ends(with: ending) {
            return word.count - ending.count
        }
        return word.count
    }

    /// Longest first, so that -ами wins over -и.
    static let ukrainian = Endings([
        // verbs
        "ування", "ювання", "ення", "ання", "ити", "ати", "яти", "іти", "ують", "юють", "ють", "ать", "ять", "ить",
        "ала", "ало", "али", "ила", "ило", "или", "ав", "ив", "ає", "ує",
        // adjectives
        "ього", "ьому", "ьої", "ого", "ому", "ими", "іми", "ий", "ій", "ої", "их", "іх", "им", "ім", "е", "є",
        // nouns (and the endings adjectives share with them)
        "ами", "ями", "ові", "еві", "єві", "ою", "ею", "єю", "ів", "їв", "ей", "ах", "ях", "ам", "ям", "ом", "ем", "єм",
        "а", "я", "о", "у", "ю", "и", "і", "ї", "ь",
    ])

    static let russian = Endings([
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

    /// A language's endings, longest first, and in buckets by their last letter: a word is compared only with
    /// the endings that end as it does.
    struct Endings {
        private let all: [[Unicode.Scalar]]
        /// The lowest last letter, and the endings by last letter from it up (an array: hashing costs more).
        private let lowest: UInt32
        private let byLast: [[[Unicode.Scalar]]]

        init(_ endings: [String]) {
            let all = Set(endings).map { Array($0.unicodeScalars) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
            let lasts = all.map { $0.last!.value }
            let lowest = lasts.min()!
            self.all = all
            self.lowest = lowest
            byLast = (lowest...lasts.max()!).map { last in all.filter { $0.last!.value == last } }
        }

        /// The endings `word` may have, longest first: all of them when it is taken by characters.
        fileprivate func candidates(for word: [some StemLetter]) -> [[Unicode.Scalar]] {
            guard let last = word.last else { return [] }
            guard let scalar = last.asScalar else { return all }
            let index = Int(scalar.value) - Int(lowest)
            return byLast.indices.contains(index) ? byLast[index] : []
        }
    }

    // Literals of the English rules, made once: an array literal in the function is allocated at every call.
    static let sibilants: [StaticString] = ["s", "x", "z", "ch", "sh"]
    static let pastAndProgressive: [StaticString] = ["ed", "ing"]

    private static func english(_ word: [some StemLetter]) -> (kept: Int, y: Bool) {
        var stem = word[...]
        if stem.ends(with: "ies"), stem.count > 4 {
            return (stem.count - 3, true)  // and a word that ends in y takes no other ending
        } else if stem.ends(with: "sses") {
            stem = stem.dropLast(2)
        } else if stem.ends(with: "es"), sibilants.contains(where: { stem.dropLast(2).ends(with: $0) }),
            stem.count > 4
        {
            stem = stem.dropLast(2)
        } else if stem.ends(with: "s"), !stem.ends(with: "ss"), !stem.ends(with: "us"), !stem.ends(with: "is"),
            stem.count > 3
        {
            stem = stem.dropLast()
        }
        if stem.ends(with: "ied"), stem.count > 4 {
            return (stem.count - 3, true)
        }
        for ending in pastAndProgressive where stem.ends(with: ending) {
            let rest = stem.dropLast(ending.utf8CodeUnitCount)
            guard rest.count >= minimumStem, rest.contains(where: \.isVowel) else { continue }
            return (undoubled(rest), false)
        }
        return (stem.count, false)
    }

    /// How many letters of `stem` are kept: stopp → stop, runn → run; but kill, pass and buzz keep their pairs.
    private static func undoubled(_ stem: ArraySlice<some StemLetter>) -> Int {
        guard stem.count >= 2, let last = stem.last, last == stem[stem.endIndex - 2], !last.isVowel,
            !"lsz".unicodeScalars.contains(where: last.matches)
        else { return stem.count }
        return stem.count - 1
    }
}

/// What the stemmer counts and compares: a scalar, or a character.
private protocol StemLetter: Equatable {
    /// Whether this letter is `scalar` (for a character, as String compares them).
    func matches(_ scalar: Unicode.Scalar) -> Bool
    var isNumber: Bool { get }
    /// The letter as a scalar; never a character, which may equal a letter it is not made of (й as и + breve).
    var asScalar: Unicode.Scalar? { get }
}

extension StemLetter {
    var isVowel: Bool { "aeiouy".unicodeScalars.contains(where: matches) }
}

extension Unicode.Scalar: StemLetter {
    fileprivate func matches(_ scalar: Unicode.Scalar) -> Bool { self == scalar }
    fileprivate var asScalar: Unicode.Scalar? { self }

    fileprivate var isNumber: Bool {
        switch value {
        case 0x30...0x39: true
        case 0x61...0x7A, 0x430...0x45F: false  // the letters of our languages, without a property look-up
        default: properties.numericType != nil
        }
    }
}

extension Character: StemLetter {
    fileprivate func matches(_ scalar: Unicode.Scalar) -> Bool { self == Character(scalar) }
    fileprivate var asScalar: Unicode.Scalar? { nil }
}

fileprivate extension BidirectionalCollection where Element: StemLetter {
    /// Whether the last letters are `ending`'s scalars.
    func ends(with ending: some BidirectionalCollection<Unicode.Scalar>) -> Bool {
        var index = endIndex
        for scalar in ending.reversed() {
            guard index != startIndex else { return false }
            formIndex(before: &index)
            guard self[index].matches(scalar) else { return false }
        }
        return true
    }

    /// Whether the last letters are those of `ending`, which is ASCII (the rules' literals: no String to decode).
    func ends(with ending: StaticString) -> Bool {
        ending.withUTF8Buffer { ending in ends(with: ending.lazy.map { Unicode.Scalar($0) }) }
    }
}
