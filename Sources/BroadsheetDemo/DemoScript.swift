import BroadsheetDomain
import Foundation

/// The demo newspaper as written in Resources/*.json: taxonomy, photos and stories, per edition.
struct DemoScript: Decodable {
    struct Named: Decodable {
        let slug: String
        let name: String
        let bio: String?
    }
    struct Taxon: Decodable {
        let key: String
        let names: [String: Named]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            key = try container.decode(String.self, forKey: AnyKey("key"))
            var names: [String: Named] = [:]
            for codingKey in container.allKeys where codingKey.stringValue != "key" {
                names[codingKey.stringValue] = try container.decode(Named.self, forKey: codingKey)
            }
            self.names = names
        }
    }
    struct PhotoText: Decodable {
        let caption: String
        let credit: String
        let alt: String
    }
    struct PhotoEntry: Decodable {
        let key: String
        let scene: Int
        let texts: [String: PhotoText]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            key = try container.decode(String.self, forKey: AnyKey("key"))
            scene = try container.decode(Int.self, forKey: AnyKey("scene"))
            var texts: [String: PhotoText] = [:]
            for codingKey in container.allKeys where !["key", "scene"].contains(codingKey.stringValue) {
                texts[codingKey.stringValue] = try container.decode(PhotoText.self, forKey: codingKey)
            }
            self.texts = texts
        }

        /// The one credit a photo has: the English one (the script spells it in every language).
        var credit: String { (texts["en"] ?? texts.sorted { $0.key < $1.key }.first?.value)?.credit ?? "" }

        /// The caption and alt text in each of `codes`, the English ones where an edition has none.
        func photoTexts(codes: [String]) -> [String: BroadsheetDomain.PhotoText] {
            var result: [String: BroadsheetDomain.PhotoText] = [:]
            for code in codes {
                guard let text = texts[code] ?? texts["en"] else { continue }
                result[code] = BroadsheetDomain.PhotoText(caption: text.caption, altText: text.alt)
            }
            return result
        }
    }
    struct Newsroom: Decodable {
        let sections: [Taxon]
        let tags: [Taxon]
        let authors: [Taxon]
        let photos: [PhotoEntry]
        /// Each edition's footer text (by edition code): who writes the paper, and that the demo is invented.
        let footer: [String: String]
    }
    struct Source: Decodable {
        let name: String
        let what: String?
        let url: String?
    }
    struct Version: Decodable {
        let headline: String
        let lead: String
        let body: String
        let sources: [Source]?
        let previousSlug: String?
    }
    struct Story: Decodable {
        let key: String
        let kind: String
        let section: String
        let tags: [String]
        let authors: [String]
        let photo: String?
        let hoursAgo: Double?
        let fixedTime: String?
        let updatedHoursAgo: Double?
        let top: Bool?
        let breaking: Bool?
        let status: String?
        let showcase: Bool?
        let versions: [String: Version]
    }
    struct StoryFile: Decodable {
        let stories: [Story]
    }

    let newsroom: Newsroom
    let stories: [Story]

    enum LoadError: Error, CustomStringConvertible {
        case missing(String)
        case malformed(String, String)
        var description: String {
            switch self {
            case .missing(let name): "the demo newspaper's \(name) is missing from the build"
            case .malformed(let name, let reason): "the demo newspaper's \(name) cannot be read: \(reason)"
            }
        }
    }

    static func load() throws -> DemoScript {
        let newsroom = try decode(Newsroom.self, from: "newsroom")
        var stories: [Story] = []
        for name in ["stories-1", "stories-2", "stories-special"] {
            stories += try decode(StoryFile.self, from: name).stories
        }
        return DemoScript(newsroom: newsroom, stories: stories)
    }

    private static func decode<T: Decodable>(_ type: T.Type, from name: String) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Resources") else {
            throw LoadError.missing("\(name).json")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
        } catch {
            throw LoadError.malformed("\(name).json", String(describing: error))
        }
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
