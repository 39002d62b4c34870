import Foundation

/// The interface words of one language, loaded from Resources/Strings/<language>.json.
struct UIStrings: Sendable {
    let language: String
    let values: [String: String]

    enum LoadError: Error, CustomStringConvertible {
        case missing(String)
        case unreadable(String, String)
        case incomplete(String, [String])

        var description: String {
            switch self {
            case .missing(let language):
                "there are no interface strings for the language \"\(language)\" (Resources/Strings/\(language).json)"
            case .unreadable(let language, let reason): "the interface strings for \"\(language)\" cannot be read: \(reason)"
            case .incomplete(let language, let keys):
                "the interface strings for \"\(language)\" lack: \(keys.joined(separator: ", "))"
            }
        }
    }

    /// Loads one language and checks it has every key the English file has.
    /// `set` is "" for the public site's words, "newsroom" for the newsroom's.
    static func load(language: String, set: String = "") throws -> UIStrings {
        let reference = try read(language: "en", set: set)
        let values = language == "en" ? reference : try read(language: language, set: set)
        let missing = Set(reference.keys).subtracting(values.keys).sorted()
        guard missing.isEmpty else { throw LoadError.incomplete(language, missing) }
        return UIStrings(language: language, values: values)
    }

    private static func read(language: String, set: String) throws -> [String: String] {
        let folder = set.isEmpty ? "Resources/Strings" : "Resources/Strings/\(set)"
        guard let url = Bundle.module.url(forResource: language, withExtension: "json", subdirectory: folder)
        else { throw LoadError.missing(language) }
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        } catch {
            throw LoadError.unreadable(language, String(describing: error))
        }
    }

    subscript(_ key: String) -> String { values[key] ?? key }
}
