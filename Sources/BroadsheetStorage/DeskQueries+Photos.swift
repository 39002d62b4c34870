import BroadsheetDomain
import SQLKit

/// A photo as the editor's picker shows it: a thumbnail to click.
public struct PhotoThumbnail: Sendable, Hashable {
    public var id: Int
    public var file: String
    public var width: Int
    public var height: Int
}

extension DeskQueries {
    /// The newest photos, and those named in `including` (the article's own) wherever they are in the library.
    public func thumbnails(limit: Int = 24, including: [Int] = []) async throws -> [PhotoThumbnail] {
        struct Row: Decodable {
            let id: Int
            let file: String
            let width: Int
            let height: Int
        }
        var query = db.select().columns("id", "file", "width", "height").from("photos")
        if !including.isEmpty {
            // The article's own first, then the newest.
            let own = try await db.select().columns("id", "file", "width", "height").from("photos")
                .where("id", .in, SQLBind.group(including)).orderBy("id", .descending).all(decoding: Row.self)
            query = query.where("id", .notIn, SQLBind.group(including))
            let newest = try await query.orderBy("id", .descending).limit(limit).all(decoding: Row.self)
            return (own + newest).map { PhotoThumbnail(id: $0.id, file: $0.file, width: $0.width, height: $0.height) }
        }
        return try await query.orderBy("id", .descending).limit(limit).all(decoding: Row.self)
            .map { PhotoThumbnail(id: $0.id, file: $0.file, width: $0.width, height: $0.height) }
    }
}
