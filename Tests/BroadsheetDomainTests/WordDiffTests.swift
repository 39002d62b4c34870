import Testing

@testable import BroadsheetDomain

@Suite("Word diff")
struct WordDiffTests {
    @Test("a changed word is marked removed and added; the rest is the same")
    func changedWord() {
        #expect(
            WordDiff.diff("Parliament passes the budget", "Parliament rejects the budget") == [
                .same("Parliament "), .removed("passes "), .added("rejects "), .same("the budget"),
            ])
    }

    @Test("both sides can be rebuilt from the changes")
    func rebuilds() {
        let old = "Рада ухвалила бюджет.\n\nДругий абзац лишився.\n\nТретій зник."
        let new = "Рада ухвалила оновлений бюджет.\n\nДругий абзац лишився.\n\nЧетвертий зʼявився."
        let changes = WordDiff.diff(old, new)
        let before = changes.map { change -> String in
            switch change {
            case .same(let text), .removed(let text): text
            case .added: ""
            }
        }.joined()
        let after = changes.map { change -> String in
            switch change {
            case .same(let text), .added(let text): text
            case .removed: ""
            }
        }.joined()
        #expect(before == old)
        #expect(after == new)
        #expect(changes.contains(.added("оновлений ")))
    }

    @Test("empty sides: everything added or everything removed")
    func emptySides() {
        #expect(WordDiff.diff("", "new text") == [.added("new text")])
        #expect(WordDiff.diff("old text", "") == [.removed("old text")])
        #expect(WordDiff.diff("", "") == [])
        #expect(WordDiff.diff("same", "same") == [.same("same")])
    }
}
