import BroadsheetDomain
import Foundation
import SQLKit

/// The rules the desk checks before it writes. Each throws a `DeskError` that names what is wrong.
extension ArticleDesk {
    /// The longest correction a reader is shown.
    public static let correctionLimit = 2_000

    /// Whether `staff` may do `action`; the system (nil) may do everything.
    static func may(_ action: NewsroomAction, _ staff: StaffMember?) -> Bool {
        staff.map { Permissions.allows($0.role, action) } ?? true
    }

    static func require(_ action: NewsroomAction, of staff: StaffMember?) throws {
        guard may(action, staff) else { throw DeskError.notAllowed(action) }
    }

    /// One edition per article: the section, the authors and the main photo must exist, and the section and
    /// authors must belong to the draft's edition. (Tags are found or made by name in the edition, so they
    /// always do.) A retired author is no longer put on an article, but stays on those in `keeping`.
    static func checkEditions(of draft: ArticleDraft, keeping: [Int] = [], in db: any SQLDatabase) async throws {
        struct Named: Decodable {
            let id: Int
            let edition: String
            let name: String
        }
        if let sectionID = draft.sectionID {
            guard
                let section = try await db.select().columns("id", "edition", "name").from("sections")
                    .where("id", .equal, SQLBind(sectionID)).first(decoding: Named.self)
            else { throw DeskError.unknown(.section, id: sectionID) }
            guard section.edition == draft.edition else {
                throw DeskError.otherEdition(.section, name: section.name, edition: section.edition)
            }
        }
        if !draft.authorIDs.isEmpty {
            let ids = Array(Set(draft.authorIDs)).sorted()
            let authors = try await db.select().columns("id", "edition", "name").from("authors")
                .where("id", .in, SQLBind.group(ids)).all(decoding: Named.self)
            for id in ids {
                guard let author = authors.first(where: { $0.id == id }) else { throw DeskError.unknown(.author, id: id) }
                guard author.edition == draft.edition else {
                    throw DeskError.otherEdition(.author, name: author.name, edition: author.edition)
                }
            }
            let added = Set(ids).subtracting(keeping)
            if !added.isEmpty,
                let retired = try await db.raw(
                    """
                    SELECT a.name FROM authors a JOIN people p ON p.id = a.person_id
                    WHERE a.id IN \(SQLBind.group(Array(added))) AND p.retired = \(bind: true)
                    """
                ).first(decodingColumn: "name", as: String.self)
            {
                throw DeskError.retired(retired)
            }
        }
        if let photoID = draft.mainPhotoID,
            try await db.select().column("id").from("photos").where("id", .equal, SQLBind(photoID)).first() == nil
        {
            throw DeskError.unknown(.mainPhoto, id: photoID)
        }
    }

    /// The photos a draft shows (main and inline) that lack a caption or alt text in the draft's edition, or
    /// a credit, by id.
    static func photoGaps(in draft: ArticleDraft, in db: any SQLDatabase) async throws -> [PhotoGap] {
        let ids = Array(Set([draft.mainPhotoID].compactMap { $0 } + ArticleBody(parsing: draft.body).photoIDs))
        let photos = try await PublicQueries(sql: db).photos(ids: ids, edition: draft.edition).sorted { $0.id < $1.id }
        return photos.compactMap { photo in
            func blank(_ text: String) -> Bool { text.trimmingCharacters(in: .whitespaces).isEmpty }
            var missing: [PhotoGap.Field] = []
            if blank(photo.caption) { missing.append(.caption) }
            if blank(photo.credit) { missing.append(.credit) }
            if blank(photo.altText) { missing.append(.altText) }
            return missing.isEmpty ? nil : PhotoGap(photoID: photo.id, missing: missing)
        }
    }
}

extension ArticleDraft {
    /// The same draft with the home page's flags set: those who may not arrange the home page keep what was.
    func withFlags(breaking: Bool, top: Bool) -> ArticleDraft {
        var draft = self
        draft.isBreaking = breaking
        draft.isTop = top
        return draft
    }
}
