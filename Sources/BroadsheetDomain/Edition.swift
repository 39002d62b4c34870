import Foundation

/// A language edition of the paper: its language, URL prefix and display name.
public struct Edition: Sendable, Hashable, Identifiable, CustomStringConvertible {
    /// ISO 639-1 language code; also the edition's key in the database ("uk", "ru", "en").
    public let code: String
    /// The first path segment of the edition's pages ("" for the default edition, "rus", "eng").
    public let pathPrefix: String
    /// The edition's own name for itself, shown in the edition switcher.
    public let name: String
    /// The Foundation locale used for dates ("uk_UA").
    public let localeIdentifier: String

    public init(code: String, pathPrefix: String, name: String, localeIdentifier: String) {
        self.code = code
        self.pathPrefix = pathPrefix
        self.name = name
        self.localeIdentifier = localeIdentifier
    }

    public var id: String { code }
    public var description: String { code }

    /// The language of the locale ("uk" of "uk_UA"): how the edition's words are folded and stemmed for search.
    public var language: String { Self.language(ofLocale: localeIdentifier) }

    public static func language(ofLocale identifier: String) -> String {
        String(identifier.prefix(while: { $0 != "_" && $0 != "-" }))
    }

    /// "/" for the default edition, "/eng/" for the others.
    public var homePath: String { pathPrefix.isEmpty ? "/" : "/\(pathPrefix)/" }

    public static let ukrainian = Edition(code: "uk", pathPrefix: "", name: "Українська", localeIdentifier: "uk_UA")
    public static let russian = Edition(code: "ru", pathPrefix: "rus", name: "Русский", localeIdentifier: "ru_RU")
    public static let english = Edition(code: "en", pathPrefix: "eng", name: "English", localeIdentifier: "en_GB")
}

/// The configured set of editions, in switcher order; exactly one has no path prefix.
public struct Editions: Sendable, Hashable {
    public let all: [Edition]

    public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
        case empty
        case noDefaultEdition
        case duplicate(String)
        case malformed(String)

        public var description: String {
            switch self {
            case .empty: "no editions are configured"
            case .noDefaultEdition: "exactly one edition must have an empty path prefix (it is served at /)"
            case .duplicate(let value): "\"\(value)\" is used by two editions"
            case .malformed(let entry):
                "\"\(entry)\" is not an edition; write CODE:PREFIX:NAME:LOCALE, e.g. en:eng:English:en_GB"
            }
        }
    }

    public init(_ editions: [Edition]) throws(ConfigurationError) {
        guard !editions.isEmpty else { throw .empty }
        guard editions.filter({ $0.pathPrefix.isEmpty }).count == 1 else { throw .noDefaultEdition }
        var codes = Set<String>()
        var prefixes = Set<String>()
        for edition in editions {
            guard codes.insert(edition.code).inserted else { throw .duplicate(edition.code) }
            guard prefixes.insert(edition.pathPrefix).inserted else { throw .duplicate(edition.pathPrefix) }
            guard !SitePath.reservedSegments.contains(edition.pathPrefix) else { throw .duplicate(edition.pathPrefix) }
        }
        self.all = editions
    }

    /// Parses "uk::Українська:uk_UA,ru:rus:Русский:ru_RU,en:eng:English:en_GB".
    public init(parsing text: String) throws(ConfigurationError) {
        var editions: [Edition] = []
        for entry in text.split(separator: ",") {
            let parts = entry.split(separator: ":", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 4, !parts[0].isEmpty, !parts[2].isEmpty, !parts[3].isEmpty,
                parts[1].allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) })
            else { throw .malformed(String(entry)) }
            editions.append(Edition(code: parts[0], pathPrefix: parts[1], name: parts[2], localeIdentifier: parts[3]))
        }
        try self.init(editions)
    }

    public static let standard = try! Editions([.ukrainian, .russian, .english])

    /// The edition served at "/".
    public var primary: Edition { all.first { $0.pathPrefix.isEmpty }! }

    public func edition(code: String) -> Edition? { all.first { $0.code == code } }
    public func edition(pathPrefix: String) -> Edition? { all.first { $0.pathPrefix == pathPrefix } }
}
