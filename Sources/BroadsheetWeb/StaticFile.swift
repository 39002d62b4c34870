import BroadsheetDomain
import Foundation
import NIOCore

/// A static file of the site (the stylesheet, the logo), held in memory under a name that carries its content
/// hash, so that browsers and CDNs may keep it for a year.
struct StaticFile: Sendable {
    let fileName: String
    let bytes: ByteBuffer

    var path: String { "/static/\(fileName)" }

    /// The site's one stylesheet.
    static func stylesheet() throws -> StaticFile { try load(name: "site", extension: "css") }

    /// The paper's logo, for structured data (publisher logo) and link previews.
    static func logo() throws -> StaticFile { try load(name: "logo", extension: "png") }

    private static func load(name: String, extension ext: String) throws -> StaticFile {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources/Static")
        else { throw ResourceError.missing("Resources/Static/\(name).\(ext)") }
        let data = try Data(contentsOf: url)
        return StaticFile(fileName: "\(name).\(ContentHash.hex(data).prefix(12)).\(ext)", bytes: ByteBuffer(bytes: data))
    }
}

enum ResourceError: Error, CustomStringConvertible {
    case missing(String)
    var description: String {
        switch self {
        case .missing(let name): "a resource of the web module is missing: \(name)"
        }
    }
}
