import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird

/// The media library's pages.
struct PhotoViews: Sendable {
    let base: NewsroomViews
    let editor: EditorViews
    let library: PhotoLibrary

    /// One edition's caption and alt text, as fields of a form.
    struct TextFields {
        let code: String
        let editionName: String
        let caption: String
        let alt: String
    }

    struct Tile {
        let id: Int
        let src: String
        let width: Int
        let height: Int
        let alt: String
        let caption: String
        let credit: String?
        let editPath: String
        /// The editions whose pages would show the photo with no caption, by name.
        let lacksCaption: String?
    }

    struct LibraryPage {
        let title: String
        let csrf: String
        let message: String?
        let mayUpload: Bool
        let credit: String
        let fields: [TextFields]
        let words: String
        let hasPhotos: Bool
        let photos: [Tile]
        let pagination: NewsroomViews.Pagination?
    }

    private var editions: [Edition] { base.site.configuration.editions.all }

    /// Each edition's fields, filled with `texts`.
    private func fields(_ texts: [String: PhotoText]) -> [TextFields] {
        editions.map {
            TextFields(
                code: $0.code, editionName: $0.name, caption: texts[$0.code]?.caption ?? "",
                alt: texts[$0.code]?.altText ?? "")
        }
    }

    /// The photo as the library shows it: in the staff member's language when that edition has a caption,
    /// else in the first edition that has one.
    private func shown(_ photo: LibraryPhoto, language: String) -> Photo {
        let codes = [language] + editions.map(\.code)
        let code = codes.first { !(photo.texts[$0]?.caption ?? "").isEmpty } ?? language
        return photo.photo(in: code)
    }

    func library(
        words: String, page: Int, member: StaffMember, csrf: String, message: String? = nil,
        status: HTTPResponse.Status = .ok, typed: NewsroomPhotos.Upload? = nil
    ) async throws -> Response {
        let size = 48
        let strings = base.strings(member.language)
        let layout = base.layout(title: strings["photos"], language: member.language, member: member, csrf: csrf)
        let photos = try await library.search(words: words, limit: size + 1, offset: (page - 1) * size)
        let query = words.isEmpty ? "" : "q=\(words.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&"
        let typedTexts = NewsroomPhotos.texts(editions: editions.map(\.code)) { typed?.words[$0] }
        let model = LibraryPage(
            title: layout.title, csrf: csrf, message: message,
            mayUpload: Permissions.allows(member.role, .uploadPhoto), credit: typed?.credit ?? "",
            fields: fields(typedTexts), words: words, hasPhotos: !photos.isEmpty,
            photos: photos.prefix(size).map { photo in
                let shown = shown(photo, language: member.language)
                let lacking = editions.filter { (photo.texts[$0.code]?.caption ?? "").trimmed.isEmpty }.map(\.name)
                return Tile(
                    id: photo.id, src: SitePath.photo(file: photo.file).path, width: photo.width, height: photo.height,
                    alt: shown.altText, caption: shown.caption, credit: photo.credit.isEmpty ? nil : photo.credit,
                    editPath: "/admin/photos/\(photo.id)",
                    lacksCaption: lacking.isEmpty ? nil : lacking.joined(separator: ", "))
            },
            pagination: page > 1 || photos.count > size
                ? NewsroomViews.Pagination(
                    page: page, newerPath: page > 1 ? "/admin/photos?\(query)page=\(page - 1)" : nil,
                    olderPath: photos.count > size ? "/admin/photos?\(query)page=\(page + 1)" : nil) : nil)
        return try base.page(model, template: "newsroom/photos", layout: layout, status: status)
    }

    struct PhotoPage {
        let title: String
        let csrf: String
        let message: String?
        let id: Int
        let action: String
        let mayEdit: Bool
        let credit: String
        let fields: [TextFields]
        let alt: String
        let src: String
        let width: Int
        let height: Int
    }

    func photo(_ photo: LibraryPhoto, member: StaffMember, csrf: String, saved: Bool) throws -> Response {
        let strings = base.strings(member.language)
        let layout = base.layout(title: "\(strings["editPhoto"]) \(photo.id)", language: member.language, member: member, csrf: csrf)
        let model = PhotoPage(
            title: layout.title, csrf: csrf, message: saved ? strings["photoSaved"] : nil, id: photo.id,
            action: "/admin/photos/\(photo.id)", mayEdit: Permissions.allows(member.role, .editPhotoMetadata),
            credit: photo.credit, fields: fields(photo.texts), alt: shown(photo, language: member.language).altText,
            src: SitePath.photo(file: photo.file).path, width: photo.width, height: photo.height)
        return try base.page(model, template: "newsroom/photo", layout: layout)
    }
}
