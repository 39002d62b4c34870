import Foundation
import Testing

@testable import BroadsheetDomain

/// The one normaliser of search: what is indexed and what readers type meet in the same terms.
@Suite("Search text")
struct SearchTextTests {
    /// Forms a reader may type for one thing, in each language: each group must give one term.
    static let sameTerm: [(language: String, forms: [String])] = [
        ("uk", ["війна", "війни", "війною", "Війну"]),
        ("uk", ["Україна", "України", "Україні", "УКРАЇНУ"]),
        ("uk", ["солдат", "солдатів", "солдатами", "солдата"]),
        ("uk", ["п'ять", "пʼять", "п’ять", "пʻять", "п`ять"]),
        ("uk", ["місто", "міста", "містом", "містах"]),
        ("ru", ["война", "войны", "войной", "войну"]),
        ("ru", ["ёлка", "елка", "Ёлки", "елкой"]),
        ("ru", ["солдат", "солдатов", "солдатами"]),
        ("en", ["soldier", "soldiers", "Soldier's"]),
        ("en", ["kill", "killed", "kills", "killing"]),
        ("en", ["stop", "stopped", "stopping", "stops"]),
        ("en", ["city", "cities"]),
        ("en", ["café", "cafe", "CAFÉ"]),
    ]

    @Test("the common forms of a word give one term, in both directions", arguments: sameTerm)
    func formsMeet(_ group: (language: String, forms: [String])) {
        let terms = group.forms.map { SearchText.terms($0, language: group.language) }
        for (form, term) in zip(group.forms, terms) {
            #expect(term == terms[0], "\(form) gives \(term), \(group.forms[0]) gives \(terms[0])")
        }
        #expect(terms[0].count == 1)
    }

    @Test("different words stay different")
    func differentWordsDiffer() {
        let pairs: [(String, String, String)] = [
            ("uk", "війна", "вина"),
            ("uk", "їжак", "іжак"),  // ї is a letter, not і with an accent
            ("uk", "йод", "иод"),  // nor is й
            ("ru", "война", "вина"),
            ("en", "kill", "skill"),
            ("en", "bus", "bu"),
        ]
        for (language, a, b) in pairs {
            #expect(SearchText.terms(a, language: language) != SearchText.terms(b, language: language), "\(a) / \(b)")
        }
    }

    @Test("folding: case, accents and stress marks go, й and ї stay, ё is е, apostrophes join")
    func folding() {
        #expect(SearchText.words("За́мок на Ї́жакові, ЁЖИК, naïve Café") == ["замок", "на", "їжакові", "ежик", "naive", "cafe"])
        #expect(SearchText.words("Ми поїхали в Київ") == ["ми", "поїхали", "в", "київ"])
        #expect(SearchText.words("м’ясо, м'ясо, мʼясо") == ["мясо", "мясо", "мясо"])
        #expect(SearchText.words("'цитата' — «лапки»") == ["цитата", "лапки"])
    }

    @Test("words are runs of letters and digits: hyphens, dashes and punctuation separate them")
    func splitting() {
        #expect(SearchText.words("Івано-Франківськ, 2025 р.: 5,5%") == ["івано", "франківськ", "2025", "р", "5", "5"])
        #expect(SearchText.words("  \n\t ") == [])
        #expect(SearchText.words("!!! ??? ***") == [])
    }

    @Test("stems keep at least three letters, numbers are left alone, other languages are folded only")
    func stemLimits() {
        #expect(SearchText.terms("ми", language: "uk") == ["ми"])
        #expect(SearchText.terms("мама", language: "uk") == ["мам"])
        #expect(SearchText.terms("2025", language: "uk") == ["2025"])
        #expect(SearchText.terms("COVID19s", language: "en") == ["covid19s"])
        #expect(SearchText.terms("Häuser", language: "de") == ["hauser"])
    }

    @Test("a phrase keeps its order: the terms come in the order of the words")
    func order() {
        #expect(SearchText.terms("Верховна Рада України", language: "uk") == ["верховн", "рад", "україн"])
        #expect(SearchText.terms("the soldiers killed", language: "en") == ["the", "soldier", "kill"])
    }
}

/// The folding and stemming that filled the index before they were made fast, kept as they were: the fast code
/// must give the same terms for everything an index may already hold.
@Suite("Search text, against the code that built the index")
struct SearchTextReferenceTests {
    /// The demo newspaper's stories in Ukrainian, Russian and English: headlines, leads and bodies.
    static func demoStories() throws -> [(language: String, text: String)] {
        struct File: Decodable {
            struct Story: Decodable {
                struct Version: Decodable {
                    let headline: String
                    let lead: String
                    let body: String
                }
                let versions: [String: Version]
            }
            let stories: [Story]
        }
        // The test target has no resources: the stories are read from the demo's sources, next to the tests'.
        let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/BroadsheetDemo/Resources")
        let names = try FileManager.default.contentsOfDirectory(atPath: resources.path)
            .filter { $0.hasPrefix("stories-") && $0.hasSuffix(".json") }.sorted()
        var texts: [(language: String, text: String)] = []
        for name in names {
            let data = try Data(contentsOf: resources.appendingPathComponent(name))
            let file = try JSONDecoder().decode(File.self, from: data)
            for story in file.stories {
                for (language, version) in story.versions.sorted(by: { $0.key < $1.key }) {
                    texts += [version.headline, version.lead, version.body].map { (language, $0) }
                }
            }
        }
        return texts
    }

    /// What newsroom copy has that the demo stories may not: every apostrophe, ё, stress marks, letters typed
    /// as a letter and a combining mark, Latin accents, digits, hyphens, and other scripts quoted in passing.
    static let samples: [(language: String, text: String)] = [
        ("uk", """
            Пʼять років тому м’ясокомбінат у П'ятихатках закрили, а за́мок на Ї́жаковій горі відреставрували. \
            ЇЖАК, Єва, Ґудзик і ЙОГО об`єднання: 12-й з’їзд, 3,5 % голосів, 2024–2025 рр., № 7. \
            Ще раз: пі\u{308}шов, и\u{306}шов, Йо\u{301}сип, ї\u{301}жак, ї\u{308}жак, Ё\u{301}лка, й\u{306}од. \
            Івано-Франківськ, Кам'янець-Подільський, «Укрзалізниця» — О’Коннор, д’Артаньян, ʻОкеан, ′прайм, ʹштрих. \
            Café «Naïve» у Zürich та Łódź; Straße, HÄUSER; Αθήνα, ΟΔΥΣΣΕΥΣ; 서울 і 한국어; ў, ђ, ѓ, ќ, ѝ, Ѐ.
            """),
        ("ru", """
            Ёлка, ЁЖИК и её ёмкость: Семён пришёл в 10:45, а объявление — в «Известиях». Пʼятница? Нет, пятница. \
            Заме\u{301}тки о за́мке, вое\u{308}нный, И\u{306}огурт, ЙОГУРТ и йогурт; 1-го числа, 2,5 млн руб., №12. \
            Читателей, читатели, читателями, прочитали, прочитавший, организовывание, горение, играющая. \
            Ǆ и ǅ, İstanbul, ﬁnal, Ω (Ом), Å, ẞ, ½, Ⅻ, ², ٣, 漢字, 👍🏽, ‍👨‍👩‍👧, עִבְרִית, العَرَبِيَّة, क़िला, Tiếng Việt.
            """),
        ("en", """
            The soldiers' wives' stories: studies, studied, stopping, stopped, killed, kills, passes, buzzes, \
            churches, boxes, glasses, crises, bus, virus, the city's cities, O'Brien and O’Neill, rock'n'roll. \
            Naïve café-goers in São Paulo, Kraków and Reykjavík paid €12.50 (¥1,800) on 3 March 2025 at 9:30pm. \
            ZOË and Zoe\u{308}, re\u{301}sume\u{301}, ﬂat, ΣΊΣΥΦΟΣ, Ωμέγα; e-mail, co-operate, 24/7, x86_64, 4K.
            """),
        ("de", "Die Häuser der Straße: ÄRGER über Öl, Übermut und Maße; ĳ, ŉ, ǰ."),
        ("el", "Η Αθήνα και η Θεσσαλονίκη· ΟΔΥΣΣΕΥΣ, Σίσυφος, ΐ, ΰ, ᾧ, ᾼ."),
        ("ko", "대한민국 서울특별시 한국어 \u{1100}\u{1161}\u{11A8} \u{1112}\u{1161}\u{11AB} 가\u{11A8} 漢字 㐀"),
    ]

    /// The same text, folded and stemmed the old way and the new, in all three languages' rules.
    static func expectSame(_ text: String, _ languages: [String]) {
        #expect(SearchText.fold(text) == Reference.fold(text), "\(text.prefix(80))")
        #expect(SearchText.words(text) == Reference.words(text), "\(text.prefix(80))")
        for language in languages {
            #expect(
                SearchText.terms(text, language: language) == Reference.terms(text, language: language),
                "\(language): \(text.prefix(80))"
            )
        }
    }

    @Test("the demo stories give the same folded text, words and terms as before")
    func demoStoriesAsBefore() throws {
        let stories = try Self.demoStories()
        #expect(Set(stories.map(\.language)) == ["uk", "ru", "en"])
        for (language, text) in stories {
            Self.expectSame(text, [language])
        }
    }

    @Test("apostrophes, stress marks, separate accents, Latin accents and other scripts give the same as before")
    func samplesAsBefore() {
        for (language, text) in Self.samples {
            Self.expectSame(text, ["uk", "ru", "en", language])
        }
    }

    /// The scalar where folding treats it differently: on its own; after и and і and before the marks that
    /// keep to them; doubled, and before accents; after й and ї, and after a mark, which NFD may order after it.
    static func foldingContexts(_ scalar: Unicode.Scalar) -> String {
        let s = String(scalar)
        return " \(s) и\(s)\u{306}і\(s)\u{308}Й\(s)\(s)\u{301}\u{306}Ї\(s)и\u{306}\(s)."
    }

    /// The scalars of the first two planes, but the unassigned ones of the second (the later planes hold
    /// ideographs, and tags and variation selectors, which are nonspacing marks), in eight parts to be checked
    /// side by side.
    static let parts: [[Unicode.Scalar]] = (0..<8).map { part in
        (UInt32(part) * 0x4000..<UInt32(part + 1) * 0x4000).compactMap(Unicode.Scalar.init)
            .filter { $0.value < 0x10000 || $0.properties.generalCategory != .unassigned }
    }

    /// The scalars of `part` for which `differs` is true, in hex. Checked in batches, to be quick; a batch that
    /// differs is looked at scalar by scalar.
    static func differing(in part: Int, _ differs: ([Unicode.Scalar]) -> Bool) -> [String] {
        var differing: [String] = []
        for start in stride(from: 0, to: parts[part].count, by: 256) {
            let batch = parts[part][start..<min(start + 256, parts[part].count)]
            guard differs(Array(batch)) else { continue }
            differing += batch.filter { differs([$0]) }.map { String($0.value, radix: 16, uppercase: true) }
        }
        return differing
    }

    @Test("every scalar of the first two planes folds and splits words as before", arguments: 0..<8)
    func everyScalarFoldsAsBefore(part: Int) {
        let differing = Self.differing(in: part) { scalars in
            let text = scalars.map(Self.foldingContexts).joined()
            let words = scalars.map { "a\($0)b " }.joined()
            return SearchText.fold(text) != Reference.fold(text) || SearchText.words(words) != Reference.words(words)
        }
        #expect(differing.isEmpty, "\(differing.count) scalars differ: \(differing.prefix(50).joined(separator: " "))")
    }

    /// Words with the scalar before their endings, where the stemmer counts and compares: counted by scalars
    /// and by characters, a Devanagari vowel sign before -ами makes a difference.
    @Test("every scalar of the first two planes gives the same stems as before", arguments: 0..<8)
    func everyScalarStemsAsBefore(part: Int) {
        let (ukrainian, english) = (Stemmer(language: "uk"), Stemmer(language: "en"))
        let (ukrainianBefore, englishBefore) = (Reference.Stemmer(language: "uk"), Reference.Stemmer(language: "en"))
        let differing = Self.differing(in: part) { scalars in
            // Words as the old code folds and splits them, stemmed both ways; a scalar that folding drops or that
            // splits the word leaves the same few words, stemmed once.
            let cyrillic = Set(Reference.words(scalars.map { "мам\($0)ами" }.joined(separator: " ")))
            let latin = Set(Reference.words(scalars.map { "w\($0)ies ba\($0)\($0)ing" }.joined(separator: " ")))
            return cyrillic.contains { ukrainian.stem($0) != ukrainianBefore.stem($0) }
                || latin.contains { english.stem($0) != englishBefore.stem($0) }
        }
        #expect(differing.isEmpty, "\(differing.count) scalars differ: \(differing.prefix(50).joined(separator: " "))")
    }
}

/// `SearchText` and `Stemmer` as they were before folding and stemming were made fast (commit fad0cd5).
enum Reference {
    static func terms(_ text: String, language: String) -> [String] {
        let stemmer = Stemmer(language: language)
        return words(text).map(stemmer.stem)
    }

    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        func close() {
            if !word.isEmpty { words.append(String(word)) }
            word = String.UnicodeScalarView()
        }
        for scalar in fold(text).unicodeScalars {
            if apostrophes.contains(scalar.value) {
                continue
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word.append(scalar)
            } else {
                close()
            }
        }
        close()
        return words
    }

    static func fold(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark {
                let keep = (scalar.value == 0x0306 && previous == "и") || (scalar.value == 0x0308 && previous == "і")
                if keep { folded.append(scalar) }
                continue
            }
            folded.append(scalar)
            previous = scalar
        }
        return String(folded).precomposedStringWithCanonicalMapping
    }

    static let apostrophes: Set<UInt32> = [0x27, 0x2019, 0x02BC, 0x02BB, 0x60, 0x2032, 0x02B9]

    struct Stemmer {
        let language: String

        static let minimumStem = 3

        func stem(_ word: String) -> String {
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

        static let ukrainian: [String] = sortedLongestFirst([
            "ування", "ювання", "ення", "ання", "ити", "ати", "яти", "іти", "ують", "юють", "ють", "ать", "ять",
            "ить", "ала", "ало", "али", "ила", "ило", "или", "ав", "ив", "ає", "ує",
            "ього", "ьому", "ьої", "ого", "ому", "ими", "іми", "ий", "ій", "ої", "их", "іх", "им", "ім", "е", "є",
            "ами", "ями", "ові", "еві", "єві", "ою", "ею", "єю", "ів", "їв", "ей", "ах", "ях", "ам", "ям", "ом", "ем",
            "єм", "а", "я", "о", "у", "ю", "и", "і", "ї", "ь",
        ])

        static let russian: [String] = sortedLongestFirst([
            "ование", "ение", "ание", "ить", "ать", "ять", "еть", "уют", "ают", "яют", "ует", "ает", "яет", "ила",
            "ило", "или", "ала", "ало", "али", "ел", "ил", "ал",
            "ого", "его", "ому", "ему", "ыми", "ими", "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их",
            "ым", "им", "ую", "юю",
            "ами", "ями", "ой", "ей", "ою", "ею", "ов", "ев", "ах", "ях", "ам", "ям", "ом", "ем", "а", "я", "о", "е",
            "у", "ю", "ы", "и", "ь", "й",
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
            } else if stem.hasSuffix("es"),
                ["s", "x", "z", "ch", "sh"].contains(where: { stem.dropLast(2).hasSuffix($0) }), stem.count > 4
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

        static func undoubled(_ stem: String) -> String {
            let letters = Array(stem)
            guard letters.count >= 2, letters[letters.count - 1] == letters[letters.count - 2],
                !vowels.contains(letters[letters.count - 1]), !["l", "s", "z"].contains(letters[letters.count - 1])
            else { return stem }
            return String(letters.dropLast())
        }
    }
}
