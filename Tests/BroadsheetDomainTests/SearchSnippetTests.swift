import BroadsheetDomain
import Testing

/// Snippets under search results: cut from the original text around the words found, with exactly those marked.
@Suite("Search snippets and the search form")
struct SearchSnippetTests {
    static func matcher(_ query: String, _ language: String) throws -> SearchMatcher {
        SearchMatcher(try SearchRequest(parsing: query, language: language), language: language)
    }

    /// The marked words of a snippet, in order.
    static func marks(_ snippet: SearchSnippet?) -> [String] {
        snippet?.pieces.filter(\.isMatch).map(\.text) ?? []
    }

    /// The snippet as text, with [brackets] around marked words.
    static func shown(_ snippet: SearchSnippet?) -> String {
        snippet?.pieces.map { $0.isMatch ? "[\($0.text)]" : $0.text }.joined() ?? ""
    }

    @Test("any form of the word is marked as written, apostrophes, accents and ё included")
    func formsAreMarkedAsWritten() throws {
        #expect(Self.marks(.marked("Війна змінила Україну", matching: try Self.matcher("україна", "uk"))) == ["Україну"])
        #expect(Self.marks(.marked("Солдатами стали вчителі", matching: try Self.matcher("солдат", "uk"))) == ["Солдатами"])
        #expect(Self.marks(.marked("За п’ять років", matching: try Self.matcher("п'ять", "uk"))) == ["п’ять"])
        #expect(Self.marks(.marked("«Пʼять» — число", matching: try Self.matcher("пять", "uk"))) == ["Пʼять"])
        #expect(Self.marks(.marked("Старий за́мок", matching: try Self.matcher("замок", "uk"))) == ["за́мок"])
        #expect(Self.marks(.marked("Ёлка на площади", matching: try Self.matcher("елка", "ru"))) == ["Ёлка"])
        #expect(Self.marks(.marked("Three soldiers killed", matching: try Self.matcher("soldier kill", "en")))
            == ["soldiers", "killed"])
        // Nothing else is marked, and the text is whole.
        let snippet = SearchSnippet.marked("Війна, війни, війною; мир.", matching: try Self.matcher("війна", "uk"))
        #expect(Self.shown(snippet) == "[Війна], [війни], [війною]; мир.")
    }

    @Test("the word being typed matches as the start of a word; whole words only otherwise")
    func prefixRule() throws {
        #expect(Self.marks(.marked("Солдатами стали", matching: try Self.matcher("солда", "uk"))) == ["Солдатами"])
        #expect(Self.marks(.marked("Солдатами стали", matching: try Self.matcher("солда ", "uk"))) == [])
        #expect(Self.marks(.marked("soldiers and soldering", matching: try Self.matcher("\"sold\"", "en"))) == [])
    }

    @Test("the snippet starts a few words before the first match, with … where the text goes on")
    func cutAroundTheMatch() throws {
        let words = (1...60).map { "word\($0)" }
        var text = words
        text[30] = "Kyiv"
        let snippet = SearchSnippet.cut(from: [text.joined(separator: " ")], matching: try Self.matcher("kyiv", "en"), length: 10)
        #expect(Self.shown(snippet) == "… word27 word28 word29 word30 [Kyiv] word32 word33 word34 word35 word36 …")
        // Near the start there is nothing to cut before; near the end nothing after.
        let early = SearchSnippet.cut(from: ["Kyiv " + words.joined(separator: " ")], matching: try Self.matcher("kyiv", "en"), length: 5)
        #expect(Self.shown(early) == "[Kyiv] word1 word2 word3 word4 …")
        let late = SearchSnippet.cut(from: [words.joined(separator: " ") + " Kyiv."], matching: try Self.matcher("kyiv", "en"), length: 5)
        #expect(Self.shown(late) == "… word57 word58 word59 word60 [Kyiv].")
    }

    @Test("the passage with the most of the words is chosen; without a match, the lead's start")
    func passageChoice() throws {
        let passages = ["A lead about nothing.", "Kyiv alone.", "Energy in Kyiv, at last."]
        #expect(Self.shown(.cut(from: passages, matching: try Self.matcher("kyiv energy", "en")))
            == "[Energy] in [Kyiv], at last.")
        #expect(Self.shown(.cut(from: passages, matching: try Self.matcher("kyiv", "en"))) == "[Kyiv] alone.")
        #expect(Self.shown(.cut(from: passages, matching: try Self.matcher("parliament", "en"))) == "A lead about nothing.")
        #expect(Self.shown(.cut(from: ["", "Body first."], matching: try Self.matcher("x1", "en"))) == "Body first.")
        #expect(SearchSnippet.cut(from: ["", " "], matching: try Self.matcher("x1", "en")) == nil)
    }

    @Test("a lead that holds every word is the snippet without reading the body; otherwise the same choice as before")
    func leadFirst() throws {
        let body = ["Kyiv alone.", "Energy in Kyiv, at last."]
        let cases: [(lead: String, query: String, readsBody: Bool)] = [
            ("Energy for Kyiv this winter.", "kyiv energy", false),
            ("A lead about nothing.", "kyiv energy", true),
            ("A lead about Kyiv.", "kyiv energy", true),
            // "software" holds the letters of "war" but not the word: the body is read, as the array form would.
            ("About software.", "war", true),
            ("", "parliament", true),
        ]
        for (lead, query, readsBody) in cases {
            let matcher = try Self.matcher(query, "en")
            var read = false
            let snippet = SearchSnippet.cut(lead: lead, body: { read = true; return body }, matching: matcher)
            #expect(snippet == SearchSnippet.cut(from: [lead] + body, matching: matcher), "\(lead) / \(query)")
            #expect(read == readsBody, "\(lead) / \(query)")
        }
    }

    @Test("hostile text stays text: the pieces are the original characters, for the page to escape")
    func hostileTextIsKept() throws {
        let snippet = SearchSnippet.cut(
            from: ["<script>alert('війна')</script> війна & \"мир\""], matching: try Self.matcher("війна", "uk"))
        #expect(snippet?.pieces.map(\.text).joined() == "<script>alert('війна')</script> війна & \"мир\"")
        #expect(Self.marks(snippet) == ["війна", "війна"])
    }

    @Test("the form reads + as a space and %2B as a plus, keeps the first of repeated values, and prints back")
    func formFromQuery() {
        let form = SearchForm(rawQuery: "q=%D0%B2%D1%96%D0%B9%D0%BD%D0%B0+C%2B%2B&q=second&section=&kind=opinion&page=3&from=2025-06-01")
        #expect(form.words == "війна C++")
        #expect(form.section == nil)
        #expect(form.kind == "opinion")
        #expect(form.from == "2025-06-01")
        #expect(form.page == 3)
        #expect(form.isFiltered)
        #expect(form.path(.english) == "/eng/search?q=%D0%B2%D1%96%D0%B9%D0%BD%D0%B0%20C%2B%2B&kind=opinion&from=2025-06-01&page=3")
        #expect(SearchForm(rawQuery: form.path(.english).split(separator: "?")[1].description) == form)
        #expect(SearchForm(rawQuery: "page=zero").page == 1)
        #expect(SearchForm(rawQuery: nil).isEmpty)
        #expect(SearchForm(rawQuery: "q=%E0%A4%A").words == "%E0%A4%A")
        #expect(SearchForm(words: "a&b=c").path(.ukrainian) == "/search?q=a%26b%3Dc")
    }

    @Test("the search page is at /search of each edition, with or without the slash")
    func searchPath() {
        let editions = Editions.standard
        #expect(SitePath.match(path: "/eng/search", page: nil, editions: editions) == .page(.search(.english)))
        #expect(SitePath.match(path: "/eng/search/", page: nil, editions: editions) == .page(.search(.english)))
        #expect(SitePath.match(path: "/search", page: "2", editions: editions) == .page(.search(.ukrainian)))
        #expect(SitePath.search(.russian).path == "/rus/search")
    }
}
