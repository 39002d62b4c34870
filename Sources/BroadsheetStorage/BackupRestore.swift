import BroadsheetDomain
import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit

/// Restoring a backup into an empty data directory.
extension NewsroomBackup {
    /// Brings a backup back into an empty data directory: `databasePath` must not exist or be an empty file, and
    /// `photoDirectory` must not exist or be empty; otherwise nothing is written.
    ///
    /// Every file is checked against the manifest before anything is written. The restored database is then opened
    /// and migrated, so that a backup made by an older broadsheet is brought up to date. The server must not be
    /// running on the target while it is restored.
    public static func restore(
        from folder: String, databasePath: String, photoDirectory: String,
        logger: Logger = Logger(label: "broadsheet.restore")
    ) async throws -> BackupReport {
        let clock = ContinuousClock()
        let start = clock.now
        let folder = absolute(folder)
        let databasePath = absolute(databasePath)
        let photoDirectory = absolute(photoDirectory)

        let manifest = try readManifest(in: folder)
        try checkRestoreTargets(database: databasePath, photos: photoDirectory)
        try await NIOThreadPool.singleton.runIfActive {
            try verify(manifest, in: folder)
        }

        let photoFolderExisted = FileManager.default.fileExists(atPath: photoDirectory)
        do {
            try await NIOThreadPool.singleton.runIfActive {
                try copyRestoredFiles(manifest, from: folder, database: databasePath, photos: photoDirectory)
            }
            let database = try await NewsDatabase.sqlite(path: databasePath, logger: logger)
            let applied: Int
            let articles: Int
            let schema: Int
            do {
                let migrator = Migrator(database: database, logger: logger)
                applied = try await migrator.migrate()
                schema = try await migrator.appliedNumbers().last ?? 0
                articles = try await NewsroomWriter(database: database).articleCount()
                try await database.shutdown()
            } catch {
                try? await database.shutdown()
                throw error
            }
            return BackupReport(
                action: .restore, folder: folder, articles: articles, schemaMigration: schema,
                migrationsApplied: applied, photoFiles: manifest.photoFiles, photoBytes: manifest.photoBytes,
                databaseBytes: manifest.database.bytes, duration: clock.now - start, missingPhotoFiles: [])
        } catch {
            // The target was empty: leave it empty, so that the restore can simply be tried again.
            let fileManager = FileManager.default
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? fileManager.removeItem(atPath: databasePath + suffix)
            }
            if !photoFolderExisted {
                try? fileManager.removeItem(atPath: photoDirectory)
            } else {
                for photo in manifest.photos {
                    try? fileManager.removeItem(atPath: join(photoDirectory, photo.name))
                }
            }
            throw error
        }
    }

    static func readManifest(in folder: String) throws -> Manifest {
        let path = join(folder, manifestFileName)
        guard FileManager.default.fileExists(atPath: path) else { throw BackupError.notABackup(folder) }
        let manifest: Manifest
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            // The version first, so that a newer format is named as such rather than as unreadable.
            struct Version: Decodable { var version: Int }
            let version = try decoder.decode(Version.self, from: data).version
            guard version == formatVersion else { throw BackupError.unsupportedVersion(folder, version: version) }
            manifest = try decoder.decode(Manifest.self, from: data)
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError.unreadableManifest(path, reason: reason(error))
        }
        guard manifest.format == "broadsheet-backup" else {
            throw BackupError.unreadableManifest(path, reason: "its format is \"\(manifest.format)\"")
        }
        guard manifest.schemaMigration <= Migrator.latestNumber else {
            throw BackupError.newerSchema(folder, backup: manifest.schemaMigration, supported: Migrator.latestNumber)
        }
        guard manifest.database.name == databaseFileName else { throw BackupError.unsafeName(manifest.database.name) }
        for photo in manifest.photos where !isSafeRelativePath(photo.name) {
            throw BackupError.unsafeName(photo.name)
        }
        return manifest
    }

    static func isSafeRelativePath(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/") else { return false }
        return name.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }

    static func checkRestoreTargets(database: String, photos: String) throws {
        let fileManager = FileManager.default
        // A left-over write-ahead log would be replayed into the restored file: it counts as content too.
        for path in [database, database + "-wal"] {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            guard !isDirectory.boolValue else { throw BackupError.notAFolder(path) }
            let size = (try? fileManager.attributesOfItem(atPath: path)[.size] as? Int) ?? 1
            if size > 0 { throw BackupError.targetDatabaseNotEmpty(path) }
        }
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: photos, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw BackupError.notAFolder(photos) }
            let entries: [String]
            do {
                entries = try fileManager.contentsOfDirectory(atPath: photos)
            } catch {
                throw BackupError.fileOperation("cannot read the photo folder \(photos): \(reason(error))")
            }
            if let first = entries.sorted().first { throw BackupError.targetPhotosNotEmpty(photos, holding: first) }
        }
    }

    /// Checks every file's size and fingerprint against the manifest; the error names the first bad file.
    static func verify(_ manifest: Manifest, in folder: String) throws {
        var expected = [(path: join(folder, databaseFileName), file: manifest.database)]
        for photo in manifest.photos {
            expected.append((join(join(folder, photoFolderName), photo.name), photo))
        }
        for (path, file) in expected {
            guard FileManager.default.fileExists(atPath: path) else { throw BackupError.missingFile(path) }
            let actual = try fingerprint(path, name: file.name)
            guard actual.bytes == file.bytes else {
                throw BackupError.damagedFile(
                    path, reason: "has \(actual.bytes) bytes, the manifest says \(file.bytes)")
            }
            guard actual.fnv1a64 == file.fnv1a64 else {
                throw BackupError.damagedFile(
                    path, reason: "has fingerprint \(actual.fnv1a64), the manifest says \(file.fnv1a64)")
            }
        }
    }

    /// Copies the database (under a temporary name, then renamed) and the photos.
    static func copyRestoredFiles(
        _ manifest: Manifest, from folder: String, database: String, photos: String
    ) throws {
        let fileManager = FileManager.default
        func copy(_ source: String, to destination: String) throws {
            do {
                try fileManager.createDirectory(
                    atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try fileManager.copyItem(atPath: source, toPath: destination)
            } catch {
                throw BackupError.fileOperation("cannot copy \(source) to \(destination): \(reason(error))")
            }
        }
        // Empty leftovers (an empty database file, an empty log or a stale shared-memory index) make way.
        for suffix in ["", "-wal", "-shm"] where fileManager.fileExists(atPath: database + suffix) {
            do {
                try fileManager.removeItem(atPath: database + suffix)
            } catch {
                throw BackupError.fileOperation("cannot replace the empty \(database + suffix): \(reason(error))")
            }
        }
        let partial = database + ".restoring"
        try? fileManager.removeItem(atPath: partial)
        try copy(join(folder, databaseFileName), to: partial)
        do {
            try fileManager.moveItem(atPath: partial, toPath: database)
        } catch {
            try? fileManager.removeItem(atPath: partial)
            throw BackupError.fileOperation("cannot move \(partial) to \(database): \(reason(error))")
        }
        do {
            try fileManager.createDirectory(atPath: photos, withIntermediateDirectories: true)
        } catch {
            throw BackupError.fileOperation("cannot create the photo folder \(photos): \(reason(error))")
        }
        for photo in manifest.photos {
            try copy(join(join(folder, photoFolderName), photo.name), to: join(photos, photo.name))
        }
    }

    // MARK: Paths

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    static func join(_ folder: String, _ name: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        return (error as NSError).localizedDescription
    }
}
