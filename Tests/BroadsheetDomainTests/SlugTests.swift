import Testing
@testable import BroadsheetDomain

@Suite("Slug")
struct SlugTests {
    struct Example: Sendable, CustomTestStringConvertible {
        let headline: String
        let language: String
        let slug: String
        var testDescription: String { "\(language): \(headline)" }
    }

    static let examples: [Example] = [
        Example(headline: "Біла Церква", language: "uk", slug: "bila-tserkva"),
        Example(headline: "Щёлково", language: "ru", slug: "shchelkovo"),
        Example(headline: "Parliament passes budget!", language: "en", slug: "parliament-passes-budget"),
        Example(headline: "Café — «crème brûlée» 2025", language: "en", slug: "cafe-creme-brulee-2025"),
        Example(headline: "Знам'янка: нова станція", language: "uk", slug: "znamianka-nova-stantsiia"),
        Example(headline: "Europe's budget", language: "en", slug: "europes-budget"),
        Example(headline: "Europe\u{2019}s budget", language: "en", slug: "europes-budget"),
        Example(headline: "Straße in Köln", language: "de", slug: "strasse-in-koln"),
        Example(headline: "Øresund, Łódź, Ærø", language: "en", slug: "oresund-lodz-aero"),
        Example(headline: "Visit Київ", language: "en", slug: "visit-kyiv"),
        Example(headline: "Юрий", language: "ru", slug: "iurii"),
        Example(headline: "Юрий", language: "en", slug: "yuryi"),
        Example(headline: "Київ", language: "uk-UA", slug: "kyiv"),
        Example(headline: "Юрий", language: "RU", slug: "iurii"),
        Example(headline: "Юрий", language: "ru_RU", slug: "iurii"),
        Example(headline: "  --- ", language: "en", slug: "article"),
        Example(headline: "🚀🚀", language: "en", slug: "article"),
        Example(headline: "🚀 Launch 🚀", language: "en", slug: "launch"),
        Example(headline: "", language: "uk", slug: "article"),
    ]

    @Test("Headlines become the expected slugs", arguments: examples)
    func make(example: Example) {
        #expect(Slug.make(from: example.headline, language: example.language) == example.slug)
    }

    @Test("Every slug make returns is valid", arguments: examples)
    func madeSlugsAreValid(example: Example) {
        #expect(Slug.isValid(Slug.make(from: example.headline, language: example.language)))
    }

    @Test("A long headline is cut at a word boundary within 80 characters")
    func longHeadline() {
        let headline = String(repeating: "Parliament passes the budget after a long night debate. ", count: 4)
        #expect(headline.count >= 200)
        let slug = Slug.make(from: headline, language: "en")
        let full = Slug.make(from: headline, language: "en", maxLength: 1000)
        #expect(slug.count <= 80)
        #expect(slug.count > 70, "should not cut far earlier than needed")
        #expect(!slug.hasSuffix("-"))
        // A whole-word cut means the full slug continues with a hyphen right after it.
        #expect(full.hasPrefix(slug + "-"))
    }

    @Test("A single word longer than the limit is cut to exactly the limit")
    func longWord() {
        let word = String(repeating: "a", count: 120)
        #expect(Slug.make(from: word, language: "en") == String(repeating: "a", count: 80))
        #expect(Slug.make(from: word, language: "en", maxLength: 10) == String(repeating: "a", count: 10))
    }

    @Test("A custom maxLength is honoured")
    func customLength() {
        #expect(Slug.make(from: "Біла Церква сьогодні", language: "uk", maxLength: 12) == "bila-tserkva")
        #expect(Slug.make(from: "Біла Церква сьогодні", language: "uk", maxLength: 11) == "bila")
    }

    static let validSlugs = ["article", "bila-tserkva", "2025", "a", "a-1-b", String(repeating: "x", count: 80)]

    @Test("Well-formed slugs are accepted", arguments: validSlugs)
    func valid(slug: String) {
        #expect(Slug.isValid(slug))
    }

    static let invalidSlugs = [
        "", "-a", "a-", "a--b", "Bila", "bila tserkva", "bila_tserkva", "київ", "café", "a/b",
        String(repeating: "x", count: 81),
    ]

    @Test("Malformed slugs are rejected", arguments: invalidSlugs)
    func invalid(slug: String) {
        #expect(!Slug.isValid(slug))
    }
}
