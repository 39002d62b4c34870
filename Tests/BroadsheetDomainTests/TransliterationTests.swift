import Testing
@testable import BroadsheetDomain

@Suite("Transliteration")
struct TransliterationTests {
    // The examples of Resolution No. 55 (2010) itself, plus the capitalised Щ and the зг rule.
    static let ukrainianExamples: [(String, String)] = [
        ("Згорани", "Zghorany"), ("Розгон", "Rozghon"), ("Їжакевич", "Yizhakevych"),
        ("Знам'янка", "Znamianka"), ("Яготин", "Yahotyn"), ("Біла Церква", "Bila Tserkva"),
        ("Харків", "Kharkiv"), ("Київ", "Kyiv"), ("Юрій", "Yurii"), ("Феодосія", "Feodosiia"),
        ("Ґорґани", "Gorgany"), ("Стрий", "Stryi"), ("Олексій", "Oleksii"), ("Єнакієве", "Yenakiieve"),
        ("Короп'є", "Koropie"), ("Гадяч", "Hadiach"), ("Миколаїв", "Mykolaiv"), ("Алушта", "Alushta"),
        ("Щербухи", "Shcherbukhy"), ("Рівне", "Rivne"), ("Жашків", "Zhashkiv"),
    ]

    @Test("Ukrainian follows the 2010 national standard", arguments: ukrainianExamples)
    func ukrainian(source: String, expected: String) {
        #expect(Transliteration.ukrainian(source) == expected)
    }

    static let russianExamples: [(String, String)] = [
        ("Щёлково", "Shchelkovo"), ("Подъезд", "Podieezd"), ("Юрьев", "Iurev"), ("Москва", "Moskva"),
        ("Ярославль", "Iaroslavl"), ("Хабаровск", "Khabarovsk"),
        // О-б-ъ-я-в-л-е-н-и-е: o, b, ie, ia, v, l, e, n, i, e.
        ("Объявление", "Obieiavlenie"), ("Электросталь", "Elektrostal"),
    ]

    @Test("Russian follows ICAO Doc 9303 as in passports since 2013", arguments: russianExamples)
    func russian(source: String, expected: String) {
        #expect(Transliteration.russian(source) == expected)
    }

    @Test("Є, Ї, Й, Ю, Я take the y- form only at the start of a word")
    func wordStartForms() {
        #expect(Transliteration.ukrainian("Яготин яготин") == "Yahotyn yahotyn")
        #expect(Transliteration.ukrainian("моя-Юлія") == "moia-Yuliia")
        #expect(Transliteration.ukrainian("«Єнакієве»") == "«Yenakiieve»")
        #expect(Transliteration.ukrainian("п'ять і їжак") == "piat i yizhak")
    }

    @Test("A word set in capitals stays in capitals, digraphs included")
    func allCaps() {
        #expect(Transliteration.ukrainian("КИЇВ") == "KYIV")
        #expect(Transliteration.ukrainian("ЗГОРАНИ") == "ZGHORANY")
        #expect(Transliteration.ukrainian("ЩО") == "SHCHO")
        #expect(Transliteration.ukrainian("ЗНАМ'ЯНКА") == "ZNAMIANKA")
        #expect(Transliteration.ukrainian("Я") == "Ya")
        #expect(Transliteration.russian("ЩЁЛКОВО") == "SHCHELKOVO")
    }

    @Test(
        "Every apostrophe form is dropped inside a Ukrainian word",
        arguments: ["'", "\u{2019}", "\u{02BC}", "\u{02BB}", "`"]
    )
    func apostrophes(apostrophe: String) {
        #expect(Transliteration.ukrainian("Знам\(apostrophe)янка") == "Znamianka")
    }

    @Test("Non-Cyrillic text passes through unchanged")
    func passThrough() {
        let text = "Europe's 2025 budget: café, 50% — 'quoted'!"
        #expect(Transliteration.ukrainian(text) == text)
        #expect(Transliteration.russian(text) == text)
        #expect(Transliteration.ukrainian("Рада's 'Київ'") == "Rada's 'Kyiv'")
    }

    @Test("Зг gives zgh only in Ukrainian; Russian г is always g")
    func zghIsUkrainianOnly() {
        #expect(Transliteration.ukrainian("розгляд") == "rozghliad")
        #expect(Transliteration.russian("розгляд") == "rozgliad")
        #expect(Transliteration.ukrainian("гора") == "hora")
    }

    @Test("A decomposed й (и + combining breve) is read as one letter")
    func decomposedInput() {
        let decomposed = "Стри\u{0438}\u{0306}"
        #expect(Transliteration.ukrainian(decomposed) == "Stryi")
        #expect(Transliteration.russian("Чайка".decomposedStringWithCanonicalMapping) == "Chaika")
    }
}
