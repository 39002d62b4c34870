import BroadsheetDomain
import Testing

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
