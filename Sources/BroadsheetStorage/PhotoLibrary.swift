import BroadsheetDomain
import Foundation
import SQLKit

/// The photo store: files named by their content in one folder (never rewritten, so they can be cached for
/// a year and copied while the server runs), and their credits, and captions and alt texts per edition, in
/// the database.
public struct PhotoLibrary: Sendable {
    let database: NewsDatabase
    public let directory: String

    public init(database: NewsDatabase, directory: String) {
        self.database = database
        self.directory = directory
    }

    /// Stores an image (already stripped of metadata) and files it with its credit and its words per edition;
    /// the same bytes twice share one file. Returns the new photo's id.
    public func add(
        bytes: [UInt8], info: ImageInfo, credit: String, texts: [String: PhotoText], now: Date = Date()
    ) async throws -> Int {
        // Two FNV-1a passes (the bytes, and the bytes after their length) give 128 bits of name.
        let name = ContentHash.hex(bytes) + ContentHash.hex(String(bytes.count).utf8 + bytes.prefix(4096))
        let file = "\(name).\(info.format.fileExtension)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent(file)
        if !FileManager.default.fileExists(atPath: path) {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        return try await NewsroomWriter(database: database).createPhoto(
            file: file, width: info.width, height: info.height, credit: credit, texts: texts, now: now)
    }

    public func photo(id: Int) async throws -> LibraryPhoto? {
        try await photos(where: SQLBinaryExpression(SQLColumn("id", table: "p"), .equal, SQLBind(id))).first
    }

    /// Sets the shared credit and the caption and alt text of each edition in `texts`.
    public func update(id: Int, credit: String, texts: [String: PhotoText]) async throws {
        try await database.transaction { db in
            try await db.update("photos").set("credit", to: SQLBind(credit)).where("id", .equal, SQLBind(id)).run()
            try await NewsroomWriter.writeTexts(texts, photo: id, in: db)
        }
        database.changes.announce([.photo(id)])
    }

    /// Newest first; `words` must all appear in the credit or in a caption or alt text of some edition.
    public func search(words: String, limit: Int, offset: Int) async throws -> [LibraryPhoto] {
        var query = database.sql.select().column("id").from(SQLAlias(SQLIdentifier("photos"), as: SQLIdentifier("p")))
        for word in words.split(whereSeparator: \.isWhitespace).prefix(6) {
            let clean = String(word).replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
            let forms = Set([clean, clean.lowercased(), clean.prefix(1).uppercased() + clean.dropFirst().lowercased()])
            query = query.where { group in
                var group = group
                for form in forms {
                    let pattern = "%\(form)%"
                    group = group.orWhere(SQLColumn("credit", table: "p"), .like, SQLBind(pattern))
                    group = group.orWhere(
                        """
                        EXISTS (SELECT 1 FROM photo_texts t WHERE t.photo_id = p.id \
                        AND (t.caption LIKE \(bind: pattern) OR t.alt_text LIKE \(bind: pattern)))
                        """ as SQLQueryString)
                }
                return group
            }
        }
        let ids = try await query.orderBy("id", .descending).limit(limit).offset(offset)
            .all(decodingColumn: "id", as: Int.self)
        guard !ids.isEmpty else { return [] }
        return try await photos(where: SQLBinaryExpression(SQLColumn("id", table: "p"), .in, SQLBind.group(ids)))
    }

    /// The photos `condition` (over `p`) picks, newest first, with their words in every edition.
    private func photos(where condition: any SQLExpression) async throws -> [LibraryPhoto] {
        struct Row: Decodable {
            let id: Int
            let file: String
            let width: Int
            let height: Int
            let credit: String
            let edition: String?
            let caption: String?
            let alt_text: String?
        }
        let rows = try await database.sql.select()
            .columns(SQLRaw("p.id, p.file, p.width, p.height, p.credit, t.edition, t.caption, t.alt_text"))
            .from(SQLRaw("photos AS p LEFT JOIN photo_texts AS t ON t.photo_id = p.id"))
            .where(condition).orderBy(SQLRaw("p.id DESC")).all(decoding: Row.self)
        var photos: [LibraryPhoto] = []
        for row in rows {
            if photos.last?.id != row.id {
                photos.append(
                    LibraryPhoto(id: row.id, file: row.file, width: row.width, height: row.height, credit: row.credit, texts: [:]))
            }
            if let edition = row.edition {
                photos[photos.count - 1].texts[edition] = PhotoText(caption: row.caption ?? "", altText: row.alt_text ?? "")
            }
        }
        return photos
    }
}
