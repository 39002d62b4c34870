import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird

/// The media library's pages.
struct PhotoViews: Sendable {
    let base: NewsroomViews
    let editor: EditorViews
    let library: PhotoLibrary

    struct Tile {
        let id: Int
        let src: String
        let width: Int
        let height: Int
        let alt: String
        let caption: String
        let credit: String?
        let editPath: String
    }

    struct LibraryPage {
        let title: String
        let csrf: String
        let message: String?
        let mayUpload: Bool
        let caption: String
        let credit: String
        let alt: String
        let words: String
        let hasPhotos: Bool
        let photos: [Tile]
        let pagination: NewsroomViews.Pagination?
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
        let model = LibraryPage(
            title: layout.title, csrf: csrf, message: message,
            mayUpload: Permissions.allows(member.role, .uploadPhoto), caption: typed?.caption ?? "",
            credit: typed?.credit ?? "", alt: typed?.alt ?? "", words: words, hasPhotos: !photos.isEmpty,
            photos: photos.prefix(size).map {
                Tile(
                    id: $0.id, src: SitePath.photo(file: $0.file).path, width: $0.width, height: $0.height,
                    alt: $0.altText, caption: $0.caption, credit: $0.credit.isEmpty ? nil : $0.credit,
                    editPath: "/admin/photos/\($0.id)")
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
        let caption: String
        let credit: String
        let alt: String
        let src: String
        let width: Int
        let height: Int
    }

    func photo(_ photo: Photo, member: StaffMember, csrf: String, saved: Bool) throws -> Response {
        let strings = base.strings(member.language)
        let layout = base.layout(title: "\(strings["editPhoto"]) \(photo.id)", language: member.language, member: member, csrf: csrf)
        let model = PhotoPage(
            title: layout.title, csrf: csrf, message: saved ? strings["photoSaved"] : nil, id: photo.id,
            action: "/admin/photos/\(photo.id)", mayEdit: Permissions.allows(member.role, .editPhotoMetadata),
            caption: photo.caption, credit: photo.credit, alt: photo.altText, src: SitePath.photo(file: photo.file).path,
            width: photo.width, height: photo.height)
        return try base.page(model, template: "newsroom/photo", layout: layout)
    }
}
