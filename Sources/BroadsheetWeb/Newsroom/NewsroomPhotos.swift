import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird
import MultipartKit

/// The media library: upload (type read from the bytes, metadata stripped), find, reuse, describe.
struct NewsroomPhotos: Sendable {
    let gate: NewsroomSite
    let library: PhotoLibrary
    let views: PhotoViews
    /// Uploads larger than this are refused (413) before they are read any further.
    let maxUploadBytes: Int

    func addRoutes(to router: Router<BroadsheetRequestContext>) {
        let photos = router.group("admin/photos")
        photos.get("/") { request, context in
            try await gate.signedIn(request, context, may: .viewNewsroom) { member, session, _ in
                let words = request.uri.queryParameters["q"].map(String.init) ?? ""
                let page = max(request.uri.queryParameters["page"].flatMap { Int($0) } ?? 1, 1)
                return try await views.library(words: words, page: page, member: member, csrf: session.csrfToken)
            }
        }
        photos.post("/") { request, context in
            try await gate.signedIn(request, context, may: .uploadPhoto) { member, session, _ in
                try await upload(request: request, context: context, member: member, session: session)
            }
        }
        photos.get(":id") { request, context in
            try await gate.signedIn(request, context, may: .viewNewsroom) { member, session, _ in
                guard let id = context.parameters.get("id", as: Int.self), let photo = try await library.photo(id: id) else {
                    return try views.editor.message(member: member, csrf: session.csrfToken, key: "notFound", status: .notFound)
                }
                let saved = request.uri.queryParameters["saved"] != nil
                return try views.photo(photo, member: member, csrf: session.csrfToken, saved: saved)
            }
        }
        photos.post(":id") { request, context in
            try await gate.signedIn(request, context, may: .editPhotoMetadata, form: true) { member, session, form in
                guard let id = context.parameters.get("id", as: Int.self), try await library.photo(id: id) != nil else {
                    return try views.editor.message(member: member, csrf: session.csrfToken, key: "notFound", status: .notFound)
                }
                try await library.update(
                    id: id, credit: form["credit"].trimmed, texts: Self.texts(editions: editionCodes) { form[$0] })
                return gate.security.seeOther("/admin/photos/\(id)?saved=1")
            }
        }
    }

    private var editionCodes: [String] { views.base.site.configuration.editions.all.map(\.code) }

    /// The caption and alt text typed for each edition ("caption_uk", "alt_uk"; a missing field reads as "").
    static func texts(editions: [String], field: (String) -> String?) -> [String: PhotoText] {
        Dictionary(
            uniqueKeysWithValues: editions.map { code in
                (
                    code,
                    PhotoText(
                        caption: field("caption_\(code)")?.trimmed ?? "", altText: field("alt_\(code)")?.trimmed ?? "")
                )
            })
    }

    struct Upload: Decodable {
        let csrf: String?
        let credit: String?
        let file: Data?
        /// The per-edition fields as typed, by name ("caption_en", "alt_en").
        let words: [String: String]

        private struct Field: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Field.self)
            csrf = try container.decodeIfPresent(String.self, forKey: Field(stringValue: "csrf"))
            credit = try container.decodeIfPresent(String.self, forKey: Field(stringValue: "credit"))
            file = try container.decodeIfPresent(Data.self, forKey: Field(stringValue: "file"))
            var words: [String: String] = [:]
            for key in container.allKeys where key.stringValue.hasPrefix("caption_") || key.stringValue.hasPrefix("alt_") {
                words[key.stringValue] = try container.decode(String.self, forKey: key)
            }
            self.words = words
        }
    }

    private func upload(request: Request, context: BroadsheetRequestContext, member: StaffMember, session: StaffSession)
        async throws -> Response
    {
        let strings = views.base.strings(member.language)
        func refuse(_ message: String, _ status: HTTPResponse.Status, _ upload: Upload? = nil) async throws -> Response {
            try await views.library(
                words: "", page: 1, member: member, csrf: session.csrfToken, message: message, status: status,
                typed: upload)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxUploadBytes + 64 * 1024)
        } catch {
            return try await refuse(
                "\(strings["uploadTooLarge"]) \(maxUploadBytes / 1_048_576) MB.", .contentTooLarge)
        }
        guard let contentType = request.headers[.contentType],
            let boundary = contentType.split(separator: ";").compactMap({ part -> String? in
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                return pair.count == 2 && pair[0] == "boundary" ? pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) : nil
            }).first,
            let upload = try? FormDataDecoder().decode(Upload.self, from: body, boundary: boundary)
        else {
            return try await refuse(strings["uploadNoFile"], .badRequest)
        }
        guard NewsroomSecurity.tokensMatch(upload.csrf ?? "", session.csrfToken) else {
            return try gate.views.forbidden(member: member, csrf: session.csrfToken, status: .forbidden)
        }
        guard let file = upload.file, !file.isEmpty else {
            return try await refuse(strings["uploadNoFile"], .badRequest, upload)
        }
        guard file.count <= maxUploadBytes else {
            return try await refuse("\(strings["uploadTooLarge"]) \(maxUploadBytes / 1_048_576) MB.", .contentTooLarge, upload)
        }
        let bytes = [UInt8](file)
        let info: ImageInfo
        let clean: [UInt8]
        do {
            info = try ImageInspector.inspect(bytes)
            clean = try MetadataStripper.strip(bytes, format: info.format)
        } catch {
            context.logger.notice("upload refused for \(member.email): \(error)")
            let message = error == .notAnImage ? strings["uploadNotImage"] : "\(strings["uploadNotImage"]) (\(error.description))"
            return try await refuse(message, .unsupportedMediaType, upload)
        }
        let id = try await library.add(
            bytes: clean, info: info, credit: upload.credit?.trimmed ?? "",
            texts: Self.texts(editions: editionCodes) { upload.words[$0] }, now: gate.clock())
        try await gate.audit.record(
            "uploaded a photo", by: member, subject: "photo \(id)",
            detail: "\(info.format.rawValue) \(info.width)×\(info.height), \(clean.count) bytes", now: gate.clock())
        return gate.security.seeOther("/admin/photos/\(id)?saved=1")
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
