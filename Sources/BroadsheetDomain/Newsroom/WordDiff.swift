/// The difference between two texts, word by word: what an editor sees when comparing two revisions.
public enum WordDiff {
    public enum Change: Sendable, Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// Past this many words on a side the comparison falls back to whole paragraphs, to stay quick.
    public static let wordLimit = 6_000

    /// Changes that turn `old` into `new`; runs of the same kind are joined, whitespace kept.
    public static func diff(_ old: String, _ new: String) -> [Change] {
        var a = tokens(old)
        var b = tokens(new)
        if a.count > wordLimit || b.count > wordLimit {
            a = old.components(separatedBy: "\n\n")
            b = new.components(separatedBy: "\n\n")
        }
        // Longest common subsequence, from the end, so the walk below goes forwards.
        let n = a.count
        let m = b.count
        var lengths = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
        if n > 0 && m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
                }
            }
        }
        var changes: [Change] = []
        func append(_ change: Change) {
            switch (changes.last, change) {
            case (.same(let x)?, .same(let y)): changes[changes.count - 1] = .same(x + y)
            case (.removed(let x)?, .removed(let y)): changes[changes.count - 1] = .removed(x + y)
            case (.added(let x)?, .added(let y)): changes[changes.count - 1] = .added(x + y)
            default: changes.append(change)
            }
        }
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                append(.same(a[i]))
                i += 1
                j += 1
            } else if i < n, j == m || lengths[i + 1][j] >= lengths[i][j + 1] {
                // Removals first, so a replaced word reads "old, then new".
                append(.removed(a[i]))
                i += 1
            } else {
                append(.added(b[j]))
                j += 1
            }
        }
        return changes
    }

    /// Words with the whitespace that follows each, so that joining them gives the text back.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inSpace = false
        for character in text {
            if character.isWhitespace {
                inSpace = true
                current.append(character)
            } else {
                if inSpace {
                    tokens.append(current)
                    current = ""
                    inSpace = false
                }
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
