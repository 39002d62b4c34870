import BroadsheetDomain
import Foundation
import NIOCore

/// The site's one stylesheet, held in memory under a name that carries its content hash,
/// so that browsers and CDNs may keep it for a year.
struct Stylesheet: Sendable {
    let fileName: String
    let bytes: ByteBuffer

    var path: String { "/static/\(fileName)" }

    static func load() throws -> Stylesheet {
        guard let url = Bundle.module.url(forResource: "site", withExtension: "css", subdirectory: "Resources/Static")
        else { throw ResourceError.missing("Resources/Static/site.css") }
        let data = try Data(contentsOf: url)
        return Stylesheet(fileName: "site.\(ContentHash.hex(data).prefix(12)).css", bytes: ByteBuffer(bytes: data))
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
