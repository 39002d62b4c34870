import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Photo uploads and the media library")
struct PhotoUploadTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return [UInt8](try Data(contentsOf: url))
    }

    /// Posts a multipart form as a browser does.
    static func upload(
        _ harness: NewsroomHarness, session: String, csrf: String?, file: [UInt8], name: String,
        caption: String = "Dawn over the harbour", credit: String = "Olena Koval", alt: String = "Cranes at dawn"
    ) async throws -> TestResponse {
        let boundary = "----broadsheet-test-boundary"
        var body = ByteBuffer()
        func field(_ name: String, _ value: String) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        if let csrf { field("csrf", csrf) }
        field("caption_en", caption)
        field("credit", credit)
        field("alt_en", alt)
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: image/jpeg\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await harness.client.executeRequest(
            uri: "/admin/photos", method: .post,
            headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: "broadsheet_session=\(session)"],
            body: body)
    }

    @Test("a JPEG with GPS tags is stored without them, same size, served for a year, and found in the library")
    func gpsIsStripped() async throws {
        try await NewsroomHarness.run { harness in
            let original = try Self.fixture("gps.jpg")
            #expect(Fixture.contains(original, Array("Exif".utf8)))
            let session = try await harness.signIn(harness.contributor)
            let csrf = try await harness.csrf(session: session)
            let response = try await Self.upload(harness, session: session, csrf: csrf, file: original, name: "IMG_0001.jpg")
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            let match = try #require(location.firstMatch(of: /photos\/(\d+)/))
            let id = try #require(Int(match.1))
            let found = try await PhotoLibrary(database: harness.database, directory: harness.photoDirectory).photo(id: id)
            let photo = try #require(found)
            #expect(photo.width == 320 && photo.height == 180 && photo.file.hasSuffix(".jpg"))
            let stored = [UInt8](try Data(contentsOf: URL(fileURLWithPath: harness.photoDirectory + "/" + photo.file)))
            for leak in ["Exif", "Broadsheet Test Camera", "Model GPS-1", "balcony"] {
                #expect(!Fixture.contains(stored, Array(leak.utf8)), "\(leak) survived")
            }
            let info = try ImageInspector.inspect(stored)
            #expect(info.format == .jpeg && info.width == 320 && info.height == 180)

            let served = try await harness.client.executeRequest(uri: "/photos/\(photo.file)", method: .get, headers: [:], body: nil)
            #expect(served.status == .ok)
            #expect(served.headers[.contentType] == "image/jpeg")
            #expect(served.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect([UInt8](served.body.readableBytesView) == stored)

            let library = try await harness.get("/admin/photos?q=harbour", session: session)
            expectInOrder(library.html, ["Photos", "/photos/\(photo.file)", "Dawn over the harbour", "Olena Koval"])
            #expect(library.html.contains("No caption in: Українська, Русский"))
            let none = try await harness.get("/admin/photos?q=zzzz", session: session)
            #expect(none.html.contains("No photo matches."))
        }
    }

    @Test("a text file named .jpg is refused with a message, and nothing is stored")
    func notAnImage() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.contributor)
            let csrf = try await harness.csrf(session: session)
            let response = try await Self.upload(
                harness, session: session, csrf: csrf, file: try Self.fixture("not-a-photo.jpg"), name: "photo.jpg")
            #expect(response.status == .unsupportedMediaType)
            #expect(String(buffer: response.body).contains("This file is not a JPEG, PNG or WebP image."))
            #expect(String(buffer: response.body).contains("value=\"Dawn over the harbour\""))  // what was typed is kept
            let files = (try? FileManager.default.contentsOfDirectory(atPath: harness.photoDirectory)) ?? []
            #expect(files.isEmpty)
        }
    }

    @Test("an upload over the size limit answers 413; one without the CSRF token 403")
    func limits() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.contributor)
            let csrf = try await harness.csrf(session: session)
            let big = try Self.fixture("gps.jpg") + [UInt8](repeating: 0, count: 400_000)
            let tooLarge = try await Self.upload(harness, session: session, csrf: csrf, file: big, name: "big.jpg")
            #expect(tooLarge.status == .contentTooLarge)
            #expect(String(buffer: tooLarge.body).contains("The file is larger than the limit"))
            let forged = try await Self.upload(harness, session: session, csrf: nil, file: try Self.fixture("gps.jpg"), name: "a.jpg")
            #expect(forged.status == .forbidden)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: harness.photoDirectory)) ?? []
            #expect(files.isEmpty)
        }
    }

    @Test("an article cannot be published while its photo lacks a credit: the editor says which")
    func incompletePhotoBlocksPublishing() async throws {
        try await NewsroomHarness.run { harness in
            let session = try await harness.signIn(harness.editor)
            let csrf = try await harness.csrf(session: session)
            let uploaded = try await Self.upload(
                harness, session: session, csrf: csrf, file: try Self.fixture("gps.jpg"), name: "a.jpg", credit: "")
            let location = try #require(uploaded.headers[.location])
            let photoID = try #require(location.firstMatch(of: /photos\/(\d+)/).map { String($0.1) })
            var fields = ArticleWorkflowTests.story
            fields["csrf"] = csrf
            fields["photo"] = photoID
            let created = try await harness.post("/admin/articles/new", session: session, fields: fields)
            let articleMatch = try #require(created.headers[.location]?.firstMatch(of: /articles\/(\d+)/))
            let articleID = try #require(Int(articleMatch.1))
            let editor = try await harness.get("/admin/articles/\(articleID)", session: session)
            expectInOrder(editor.html, [
                "Photos this article shows that cannot be published yet",
                "<a href=\"/admin/photos/\(photoID)\">photo \(photoID)</a> — missing: credit", ">Publish now<",
            ])
            let refused = try await ArticleWorkflowTests.move(harness, articleID, to: "published", session: session, csrf: csrf)
            #expect(refused.status == .badRequest)
            #expect(String(buffer: refused.body).contains("Missing: photo \(photoID): credit."))
            #expect(try await ArticleWorkflowTests.status(harness, articleID) == .draft)

            let fixed = try await harness.post(
                "/admin/photos/\(photoID)", session: session,
                fields: [
                    "csrf": csrf, "caption_en": "Dawn over the harbour", "credit": "Olena Koval", "alt_en": "Cranes at dawn",
                ])
            #expect(fixed.status == .seeOther)
            let published = try await ArticleWorkflowTests.move(harness, articleID, to: "published", session: session, csrf: csrf)
            #expect(published.status == .seeOther)
            #expect(try await !harness.get("/admin/articles/\(articleID)", session: session).html.contains("cannot be published yet"))
            let page = try await harness.get("/eng/news/2025/07/01/ferry-service-returns-to-the-dnipro/", session: nil)
            #expect(page.html.contains("width=\"320\" height=\"180\" alt=\"Cranes at dawn\""))
            #expect(page.html.contains("Photo: Olena Koval"))
        }
    }
}

/// Byte search for the upload tests.
enum Fixture {
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}
