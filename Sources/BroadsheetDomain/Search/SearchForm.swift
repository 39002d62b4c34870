import Foundation

/// What the search page's query asks for, as the reader's browser sent it: the words, the filters and the page.
/// Values are kept as typed (the form shows them again); what they mean is checked when searching.
public struct SearchForm: Sendable, Equatable {
    /// What to search for (`q`).
    public var words: String
    /// A section's slug (`section`).
    public var section: String?
    /// A tag's slug (`tag`).
    public var tag: String?
    /// An `ArticleKind`'s raw value (`kind`).
    public var kind: String?
    /// The first and last local days of publication, YYYY-MM-DD (`from`, `to`), as `<input type="date">` sends.
    public var from: String?
    public var to: String?
    public var page: Int

    public init(
        words: String = "", section: String? = nil, tag: String? = nil, kind: String? = nil, from: String? = nil,
        to: String? = nil, page: Int = 1
    ) {
        self.words = words
        self.section = section
        self.tag = tag
        self.kind = kind
        self.from = from
        self.to = to
        self.page = page
    }

    /// Reads the query's parameters; empty values are no filter, a page that is not a number is the first.
    public init(query: [String: String]) {
        func value(_ name: String) -> String? {
            guard let value = query[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                return nil
            }
            return value
        }
        self.init(
            words: query["q"] ?? "", section: value("section"), tag: value("tag"), kind: value("kind"),
            from: value("from"), to: value("to"), page: value("page").flatMap(Int.init).map { min(max($0, 1), 100_000) } ?? 1)
    }

    /// Reads a query string as a browser's form sends it: `+` is a space, `%2B` a plus. (Hummingbird's
    /// `queryParameters` decode `%2B` but leave `+` alone, and then the two cannot be told apart.) The first of
    /// repeated parameters counts; a value that is not valid percent-encoding is read as it stands.
    public init(rawQuery: String?) {
        var query: [String: String] = [:]
        for pair in (rawQuery ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decoded(parts[0])
            if query[name] == nil { query[name] = parts.count > 1 ? decoded(parts[1]) : "" }
        }
        self.init(query: query)
    }

    /// Whether the reader asked for anything: the page without words shows only the form.
    public var isEmpty: Bool { words.allSatisfy(\.isWhitespace) }

    /// Whether any filter is set besides the words.
    public var isFiltered: Bool { section != nil || tag != nil || kind != nil || from != nil || to != nil }

    /// The search page of `edition` for this form: parameters in a fixed order, empty ones left out.
    public func path(_ edition: Edition) -> String {
        let pairs: [(String, String?)] = [
            ("q", isEmpty ? nil : words), ("section", section), ("tag", tag), ("kind", kind), ("from", from),
            ("to", to), ("page", page > 1 ? String(page) : nil),
        ]
        let query = pairs.compactMap { name, value in value.map { "\(name)=\(Self.encoded($0))" } }
        return SitePath.search(edition).path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// The same search with changes (another page, a filter removed).
    public func with(_ change: (inout SearchForm) -> Void) -> SearchForm {
        var form = self
        change(&form)
        return form
    }

    /// Percent-encodes everything but unreserved characters, so a value never ends a parameter early.
    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
