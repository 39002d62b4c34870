import BroadsheetDomain
import Foundation
import SQLKit

/// The photo store: files named by their content in one folder (never rewritten, so they can be cached for
/// a year and copied while the server runs), and their captions, credits and alt texts in the database.
public struct PhotoLibrary: Sendable {
    let database: NewsDatabase
    public let directory: String

    public init(database: NewsDatabase, directory: String) {
        self.database = database
        self.directory = directory
    }

    /// Stores an image (already stripped of metadata) and files it; the same bytes twice share one file.
    public func add(
        bytes: [UInt8], info: ImageInfo, caption: String, credit: String, altText: String, now: Date = Date()
    ) async throws -> Photo {
        // Two FNV-1a passes (the bytes, and the bytes after their length) give 128 bits of name.
        let name = ContentHash.hex(bytes) + ContentHash.hex(String(bytes.count).utf8 + bytes.prefix(4096))
        let file = "\(name).\(info.format.fileExtension)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent(file)
        if !FileManager.default.fileExists(atPath: path) {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        let id = try await NewsroomWriter(database: database).createPhoto(
            file: file, width: info.width, height: info.height, caption: caption, credit: credit, altText: altText,
            now: now)
        return Photo(
            id: id, file: file, width: info.width, height: info.height, caption: caption, credit: credit, altText: altText)
    }

    public func photo(id: Int) async throws -> Photo? {
        try await PublicQueries(database: database).photos(ids: [id]).first
    }

    public func update(id: Int, caption: String, credit: String, altText: String) async throws {
        try await database.sql.update("photos").set("caption", to: SQLBind(caption)).set("credit", to: SQLBind(credit))
            .set("alt_text", to: SQLBind(altText)).where("id", .equal, SQLBind(id)).run()
        database.changes.announce([.photo(id)])
    }

    /// Newest first; `words` must all appear in the caption, credit or alt text.
    public func search(words: String, limit: Int, offset: Int) async throws -> [Photo] {
        var query = database.sql.select().columns("id", "file", "width", "height", "caption", "credit", "alt_text")
            .from("photos")
        for word in words.split(whereSeparator: \.isWhitespace).prefix(6) {
            let clean = String(word).replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
            let forms = Set([clean, clean.lowercased(), clean.prefix(1).uppercased() + clean.dropFirst().lowercased()])
            query = query.where { group in
                var group = group
                for form in forms {
                    for column in ["caption", "credit", "alt_text"] {
                        group = group.orWhere(SQLIdentifier(column), .like, SQLBind("%\(form)%"))
                    }
                }
                return group
            }
        }
        return try await query.orderBy("id", .descending).limit(limit).offset(offset)
            .all(decoding: PhotoRow.self).map(\.photo)
    }
}
