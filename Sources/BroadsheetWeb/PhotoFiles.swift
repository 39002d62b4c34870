import Foundation
import Hummingbird

/// Serves the photo store's files. Names carry the content's hash, so a file never changes: cached for a year.
struct PhotoFiles: Sendable {
    let directory: String
    let fileIO = FileIO()

    static let mediaTypes = ["jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"]

    /// The file's response, or nil when there is no such photo.
    func response(file: String, context: some RequestContext) async throws -> Response? {
        let ext = (file as NSString).pathExtension.lowercased()
        guard let mediaType = Self.mediaTypes[ext] else { return nil }
        let path = (directory as NSString).appendingPathComponent(file)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? Int
        else { return nil }
        let body = try await fileIO.loadFile(path: path, context: context)
        return Response(
            status: .ok,
            headers: [
                .contentType: mediaType, .contentLength: String(size),
                .cacheControl: "public, max-age=31536000, immutable", .eTag: "\"\(file)\"",
            ],
            body: body)
    }
}
