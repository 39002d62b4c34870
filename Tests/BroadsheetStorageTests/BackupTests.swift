import BroadsheetDomain
@testable import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import Logging
import SQLKit
import Testing

@Suite("Backup and restore")
struct BackupTests {
    /// A folder of its own under the system's temporary folder, removed at the end of the test.
    struct Scratch {
        let root: String

        init() throws {
            root = FileManager.default.temporaryDirectory
                .appendingPathComponent("broadsheet-backup-test-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        }

        func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    static var logger: Logger {
        var logger = Logger(label: "broadsheet.test")
        logger.logLevel = .warning
        return logger
    }

    /// Opens an SQLite file, runs `body`, and always closes it.
    static func withFile<T: Sendable>(_ path: String, _ body: (NewsDatabase) async throws -> T) async throws -> T {
        let database = try await NewsDatabase.sqlite(path: path, logger: logger)
        do {
            let result = try await body(database)
            try await database.shutdown()
            return result
        } catch {
            try? await database.shutdown()
            throw error
        }
    }

    /// Migrates, files the fixture newsroom and writes its photo files; returns the photos' bytes by file name.
    @discardableResult
    static func fileNewsroom(in database: NewsDatabase, photos: String) async throws -> [String: Data] {
        try await Migrator(database: database, logger: logger).migrate()
        try await NewsroomFixture.build(in: database)
        try FileManager.default.createDirectory(atPath: photos, withIntermediateDirectories: true)
        // The fixture's photo row names this file; the second photo is named by its content, like uploads.
        let first = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let second = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) })
        let files = ["0123456789abcdef.png": first, "\(ContentHash.hex(second)).png": second]
        for (name, data) in files {
            try data.write(to: URL(fileURLWithPath: (photos as NSString).appendingPathComponent(name)))
        }
        _ = try await NewsroomWriter(database: database).createPhoto(
            file: "\(ContentHash.hex(second)).png", width: 100, height: 100, credit: "Test",
            texts: ["en": PhotoText(caption: "Second", altText: "A second photo")])
        return files
    }

    /// Makes a newsroom in `scratch/data` and backs it up into `scratch/backup`.
    static func backedUpNewsroom(_ scratch: Scratch) async throws -> [String: Data] {
        try await withFile(scratch.path("data/broadsheet.sqlite")) { database in
            let photos = try await fileNewsroom(in: database, photos: scratch.path("data/photos"))
            _ = try await NewsroomBackup.backUp(
                database: database, photoDirectory: scratch.path("data/photos"), to: scratch.path("backup"))
            return photos
        }
    }

    static func articleIDs(_ database: NewsDatabase) async throws -> [Int] {
        try await database.sql.select().column("id").from("articles").orderBy("id")
            .all(decodingColumn: "id", as: Int.self)
    }

    /// The ids a publisher has committed, whether it should stop, and why it failed if it did.
    actor PublishLog {
        private(set) var ids: [Int] = []
        private(set) var stopped = false
        private(set) var failure: String?

        func published(_ id: Int) { ids.append(id) }
        func stop() { stopped = true }
        func failed(_ error: any Error) { failure = "\(error)" }

        /// Waits until `count` articles are published; throws if the publisher failed or 30 seconds pass.
        func waitFor(_ count: Int) async throws {
            let deadline = ContinuousClock.now + .seconds(30)
            while ids.count < count {
                if let failure { throw PublisherFailed(reason: failure) }
                guard ContinuousClock.now < deadline else { throw PublisherFailed(reason: "too slow") }
                try await Task.sleep(for: .milliseconds(2))
            }
        }
    }

    struct PublisherFailed: Error, CustomStringConvertible {
        let reason: String
        var description: String { "the publisher failed: \(reason)" }
    }

    @Test("a backup taken while articles are being published restores every article published before it began")
    func backUpWhilePublishing() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let databasePath = scratch.path("data/broadsheet.sqlite")
        let photoFolder = scratch.path("data/photos")
        let backupFolder = scratch.path("backups/today")

        let main = try await NewsDatabase.sqlite(path: databasePath, logger: Self.logger)
        let publisher: NewsDatabase
        do {
            publisher = try await NewsDatabase.sqlite(path: databasePath, logger: Self.logger)
        } catch {
            try? await main.shutdown()
            throw error
        }
        let log = PublishLog()
        let photos: [String: Data]
        let before: [Int]
        let fixtureIDs: [Int]
        let backup: BackupReport
        let written: [Int]
        do {
            photos = try await Self.fileNewsroom(in: main, photos: photoFolder)
            // Some bulk, so that the snapshot takes long enough for the publisher to commit while it is taken.
            let newsroom = NewsroomWriter(database: main)
            let longBody = String(repeating: "A paragraph of the archive, long enough to weigh something. ", count: 300)
            for number in 1...150 {
                let headline = "Archive story \(number)"
                _ = try await newsroom.createArticle(
                    NewArticle(
                        edition: "uk", translationGroup: try await newsroom.newTranslationGroup(), kind: .news,
                        status: .published, headline: headline, slug: Slug.make(from: headline, language: "en"),
                        lead: "A lead.", body: longBody, publishedAt: NewsroomFixture.hoursAgo(Double(number)),
                        urlDay: NewsroomFixture.day(NewsroomFixture.hoursAgo(Double(number)))))
            }
            fixtureIDs = try await Self.articleIDs(main)

            // A second connection to the same file keeps publishing, one short transaction per article.
            let writer = Task {
                let newsroom = NewsroomWriter(database: publisher)
                var number = 0
                do {
                    while await !log.stopped {
                        number += 1
                        let now = Date()
                        let headline = "Live report number \(number)"
                        let group = try await newsroom.newTranslationGroup(now: now)
                        let id = try await newsroom.createArticle(
                            NewArticle(
                                edition: "en", translationGroup: group, kind: .news, status: .published,
                                headline: headline, slug: Slug.make(from: headline, language: "en"), lead: "A lead.",
                                body: "One paragraph.", publishedAt: now.addingTimeInterval(-60),
                                urlDay: NewsroomFixture.day(now)),
                            now: now
                        ).id
                        await log.published(id)
                    }
                } catch {
                    await log.failed(error)
                    throw error
                }
            }
            do {
                try await log.waitFor(20)
                before = await log.ids
                backup = try await NewsroomBackup.backUp(
                    database: main, photoDirectory: photoFolder, to: backupFolder, now: NewsroomFixture.now)
                // The publisher was never held up by the backup: it goes on publishing after it.
                try await log.waitFor(await log.ids.count + 5)
                await log.stop()
                try await writer.value
            } catch {
                await log.stop()
                _ = try? await writer.value
                throw error
            }
            written = await log.ids
            try await main.shutdown()
            try await publisher.shutdown()
        } catch {
            try? await main.shutdown()
            try? await publisher.shutdown()
            throw error
        }

        #expect(backup.articles >= fixtureIDs.count + before.count)
        #expect(backup.photoFiles == 2)
        #expect(backup.photoBytes == photos.values.reduce(0) { $0 + $1.count })
        #expect(backup.schemaMigration == Migrator.latestNumber)
        #expect(backup.missingPhotoFiles.isEmpty)
        #expect(backup.description.contains("backed up \(backup.articles) articles"))

        // The manifest says what the folder holds.
        let manifestData = try Data(contentsOf: URL(fileURLWithPath: backupFolder + "/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
        #expect(manifest["version"] as? Int == 1)
        #expect(manifest["schemaMigration"] as? Int == Migrator.latestNumber)
        #expect(manifest["articles"] as? Int == backup.articles)
        #expect(manifest["photoFiles"] as? Int == 2)
        #expect(manifest["createdAt"] as? String == "2025-07-01T12:00:00Z")
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: backupFolder))
                == ["broadsheet.sqlite", "photos", "manifest.json"])

        // Restore into a fresh data directory, then read it as the site would.
        let restoredPath = scratch.path("restored/data/broadsheet.sqlite")
        let restoredPhotos = scratch.path("restored/data/photos")
        let restore = try await NewsroomBackup.restore(
            from: backupFolder, databasePath: restoredPath, photoDirectory: restoredPhotos, logger: Self.logger)
        #expect(restore.articles == backup.articles)
        #expect(restore.photoFiles == 2)
        #expect(restore.schemaMigration == Migrator.latestNumber)
        #expect(restore.migrationsApplied == 0)

        try await Self.withFile(restoredPath) { restored in
            let ids = try await Self.articleIDs(restored)
            #expect(ids.count == backup.articles)
            #expect(Set(fixtureIDs).isSubset(of: ids))
            #expect(Set(before).isSubset(of: ids), "an article published before the backup began is missing")
            // A consistent snapshot: the publisher's articles in it are exactly the first k it committed.
            let live = ids.filter { !fixtureIDs.contains($0) }
            #expect(live == Array(written.prefix(live.count)))

            let served = try await PublicQueries(database: restored).latest(edition: "en", limit: 10_000, now: Date())
            #expect(Set(before).isSubset(of: served.map(\.id)), "an article published before the backup is not served")

            #expect(try await Migrator(database: restored, logger: Self.logger).appliedNumbers()
                == Array(1...Migrator.latestNumber))
        }
        for (name, data) in photos {
            let path = (restoredPhotos as NSString).appendingPathComponent(name)
            let copy = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(copy == data, "photo \(name) differs after the restore")
        }
    }

    @Test("a backup into a folder that holds something is refused, and the folder is left as it was")
    func refusesNonEmptyBackupFolder() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = scratch.path("backup")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))

        try await Self.withFile(scratch.path("data/broadsheet.sqlite")) { database in
            try await Self.fileNewsroom(in: database, photos: scratch.path("data/photos"))
            let error = await #expect(throws: NewsroomBackup.BackupError.self) {
                _ = try await NewsroomBackup.backUp(
                    database: database, photoDirectory: scratch.path("data/photos"), to: folder)
            }
            #expect(error?.description.contains("is not empty") == true)
            #expect(error?.description.contains("notes.txt") == true)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["notes.txt"])
    }

    @Test("a restore into a data directory that holds a database or photos is refused and writes nothing")
    func refusesNonEmptyTarget() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try await Self.backedUpNewsroom(scratch)
        let fileManager = FileManager.default

        // A database file with content.
        let database = scratch.path("one/broadsheet.sqlite")
        try fileManager.createDirectory(atPath: scratch.path("one"), withIntermediateDirectories: true)
        try Data("an existing newsroom".utf8).write(to: URL(fileURLWithPath: database))
        let first = await #expect(throws: NewsroomBackup.BackupError.self) {
            _ = try await NewsroomBackup.restore(
                from: scratch.path("backup"), databasePath: database, photoDirectory: scratch.path("one/photos"),
                logger: Self.logger)
        }
        #expect(first?.description.contains(database) == true)
        #expect(first?.description.contains("nothing was written") == true)
        #expect(try fileManager.contentsOfDirectory(atPath: scratch.path("one")) == ["broadsheet.sqlite"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == Data("an existing newsroom".utf8))

        // A photo folder with a file in it.
        let photos = scratch.path("two/photos")
        try fileManager.createDirectory(atPath: photos, withIntermediateDirectories: true)
        try Data("a photo".utf8).write(to: URL(fileURLWithPath: photos + "/aaaa.png"))
        let second = await #expect(throws: NewsroomBackup.BackupError.self) {
            _ = try await NewsroomBackup.restore(
                from: scratch.path("backup"), databasePath: scratch.path("two/broadsheet.sqlite"),
                photoDirectory: photos, logger: Self.logger)
        }
        #expect(second?.description.contains(photos) == true)
        #expect(try fileManager.contentsOfDirectory(atPath: scratch.path("two")) == ["photos"])
        #expect(try fileManager.contentsOfDirectory(atPath: photos) == ["aaaa.png"])
    }

    @Test("a damaged photo in the backup makes the restore fail with a message naming the file, writing nothing")
    func refusesDamagedPhoto() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let photos = try await Self.backedUpNewsroom(scratch)
        let name = try #require(photos.keys.sorted().last)
        let path = scratch.path("backup/photos/\(name)")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))

        let error = await #expect(throws: NewsroomBackup.BackupError.self) {
            _ = try await NewsroomBackup.restore(
                from: scratch.path("backup"), databasePath: scratch.path("target/broadsheet.sqlite"),
                photoDirectory: scratch.path("target/photos"), logger: Self.logger)
        }
        #expect(error?.description.contains(name) == true)
        #expect(error?.description.contains("damaged") == true)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("target")))
    }

    @Test("a folder without a manifest is not taken for a backup")
    func refusesUnfinishedBackup() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try await Self.backedUpNewsroom(scratch)
        try FileManager.default.removeItem(atPath: scratch.path("backup/manifest.json"))
        let error = await #expect(throws: NewsroomBackup.BackupError.self) {
            _ = try await NewsroomBackup.restore(
                from: scratch.path("backup"), databasePath: scratch.path("target/broadsheet.sqlite"),
                photoDirectory: scratch.path("target/photos"), logger: Self.logger)
        }
        #expect(error?.description.contains("manifest.json") == true)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("target")))
    }

    @Test("a photo the database names but the photo store lacks is named in the backup's report")
    func reportsMissingPhoto() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try await Self.withFile(scratch.path("data/broadsheet.sqlite")) { database in
            try await Self.fileNewsroom(in: database, photos: scratch.path("data/photos"))
            try FileManager.default.removeItem(atPath: scratch.path("data/photos/0123456789abcdef.png"))
            let report = try await NewsroomBackup.backUp(
                database: database, photoDirectory: scratch.path("data/photos"), to: scratch.path("backup"))
            #expect(report.missingPhotoFiles == ["0123456789abcdef.png"])
            #expect(report.photoFiles == 1)
            #expect(report.description.contains("lacks 1 file(s) the database names (0123456789abcdef.png)"))
        }
    }

    @Test("a backup made before the newest migration is brought up to date by the restore")
    func restoreMigratesOlderBackup() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // A database as an older broadsheet left it: every migration but the newest.
        try await Self.withFile(scratch.path("old/broadsheet.sqlite")) { database in
            try await database.sql.create(table: "schema_migrations")
                .column("number", type: .int, .primaryKey(autoIncrement: false))
                .column("name", type: .text, .notNull)
                .column("applied_at", type: .bigint, .notNull)
                .run()
            for migration in MigrationList.all.dropLast() {
                try await database.transaction { db in
                    try await migration.apply(db)
                    try await db.insert(into: "schema_migrations").columns("number", "name", "applied_at")
                        .values(SQLBind(migration.number), SQLBind(migration.name), SQLBind(0)).run()
                }
            }
            let report = try await NewsroomBackup.backUp(
                database: database, photoDirectory: scratch.path("old/photos"), to: scratch.path("backup"))
            #expect(report.schemaMigration == MigrationList.all.dropLast().last?.number)
            #expect(report.photoFiles == 0)
        }
        let restore = try await NewsroomBackup.restore(
            from: scratch.path("backup"), databasePath: scratch.path("new/broadsheet.sqlite"),
            photoDirectory: scratch.path("new/photos"), logger: Self.logger)
        #expect(restore.migrationsApplied == 1)
        #expect(restore.schemaMigration == Migrator.latestNumber)
        try await Self.withFile(scratch.path("new/broadsheet.sqlite")) { restored in
            let applied = try await Migrator(database: restored, logger: Self.logger).appliedNumbers()
            #expect(applied == MigrationList.all.map(\.number))
        }
    }
}
