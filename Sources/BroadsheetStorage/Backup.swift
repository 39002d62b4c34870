import BroadsheetDomain
import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit

/// What a backup or a restore did, for the command line and the log.
public struct BackupReport: Sendable, CustomStringConvertible {
    public enum Action: String, Sendable {
        case backup, restore
    }

    public var action: Action
    /// The backup folder written or read.
    public var folder: String
    /// Articles in the copy (any status).
    public var articles: Int
    /// The newest migration the copy has: after a restore, after the restored database was brought up to date.
    public var schemaMigration: Int
    /// Migrations a restore applied to bring an older backup up to date; 0 for a backup.
    public var migrationsApplied: Int
    public var photoFiles: Int
    public var photoBytes: Int
    public var databaseBytes: Int
    public var duration: Duration
    /// Photo files the database names but the photo store did not have when the backup was made (a backup only).
    public var missingPhotoFiles: [String]

    /// Every byte copied: the database file and the photos.
    public var bytes: Int { databaseBytes + photoBytes }

    public var description: String {
        let size = "\(Self.bytesText(bytes)) (database \(Self.bytesText(databaseBytes)), "
            + "photos \(Self.bytesText(photoBytes)))"
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let time = String(format: "%.2f s", seconds)
        switch action {
        case .backup:
            var text = "backed up \(articles) articles (schema \(schemaMigration)) and \(photoFiles) photo files "
                + "to \(folder): \(size) in \(time)"
            if !missingPhotoFiles.isEmpty {
                let examples = missingPhotoFiles.prefix(3).joined(separator: ", ")
                let more = missingPhotoFiles.count > 3 ? ", ..." : ""
                text += "; warning: the photo store lacks \(missingPhotoFiles.count) file(s) the database names "
                    + "(\(examples)\(more))"
            }
            return text
        case .restore:
            return "restored \(articles) articles (schema \(schemaMigration), \(migrationsApplied) migrations "
                + "applied) and \(photoFiles) photo files from \(folder): \(size) in \(time)"
        }
    }

    static func bytesText(_ bytes: Int) -> String {
        switch bytes {
        case ..<1_000: "\(bytes) bytes"
        case ..<1_000_000: String(format: "%.1f kB", Double(bytes) / 1_000)
        case ..<1_000_000_000: String(format: "%.1f MB", Double(bytes) / 1_000_000)
        default: String(format: "%.2f GB", Double(bytes) / 1_000_000_000)
        }
    }
}

/// Backs the newsroom up into a folder, and restores it from one.
///
/// A backup folder holds `broadsheet.sqlite` (a snapshot made with SQLite's `VACUUM INTO`), `photos/` (a copy of the
/// photo store) and `manifest.json`, written last: a folder without a manifest is an unfinished backup, and restore
/// refuses it.
public struct NewsroomBackup: Sendable {
    public static let databaseFileName = "broadsheet.sqlite"
    public static let photoFolderName = "photos"
    public static let manifestFileName = "manifest.json"
    public static let formatVersion = 1

    public enum BackupError: Error, CustomStringConvertible {
        case folderNotEmpty(String, holding: String)
        case notAFolder(String)
        case notABackup(String)
        case unreadableManifest(String, reason: String)
        case unsupportedVersion(String, version: Int)
        case newerSchema(String, backup: Int, supported: Int)
        case unsafeName(String)
        case notANewsroomDatabase(String)
        case targetDatabaseNotEmpty(String)
        case targetPhotosNotEmpty(String, holding: String)
        case missingFile(String)
        case damagedFile(String, reason: String)
        case fileOperation(String)

        public var description: String {
            switch self {
            case .folderNotEmpty(let folder, let holding):
                "the backup folder \(folder) is not empty (it holds \(holding)); give a new or empty folder"
            case .notAFolder(let path):
                "\(path) exists and is not a folder"
            case .notABackup(let folder):
                "\(folder) is not a finished Broadsheet backup: it has no \(NewsroomBackup.manifestFileName)"
            case .unreadableManifest(let path, let reason):
                "cannot read the backup manifest \(path): \(reason)"
            case .unsupportedVersion(let folder, let version):
                "the backup in \(folder) has format version \(version); "
                    + "this broadsheet reads version \(NewsroomBackup.formatVersion)"
            case .newerSchema(let folder, let backup, let supported):
                "the backup in \(folder) has schema \(backup), newer than this broadsheet's \(supported); "
                    + "restore it with a newer broadsheet"
            case .unsafeName(let name):
                "the backup manifest names a file outside the backup: \(name)"
            case .notANewsroomDatabase(let path):
                "\(path) is not a Broadsheet database (it has no migrations recorded)"
            case .targetDatabaseNotEmpty(let path):
                "the database \(path) already exists and is not empty; "
                    + "restore only fills an empty data directory (nothing was written)"
            case .targetPhotosNotEmpty(let path, let holding):
                "the photo folder \(path) is not empty (it holds \(holding)); "
                    + "restore only fills an empty data directory (nothing was written)"
            case .missingFile(let path):
                "the backup is incomplete: \(path) is missing (nothing was written)"
            case .damagedFile(let path, let reason):
                "the backup is damaged: \(path) \(reason) (nothing was written)"
            case .fileOperation(let text):
                text
            }
        }
    }

    /// The manifest: what the backup holds, with a fingerprint of every file.
    ///
    /// The fingerprints are FNV-1a 64 (`ContentHash.hex`): the dependencies have no SHA-256, and these are a check
    /// against corruption in storage or transit (a flipped byte, a truncated copy), not against tampering.
    struct Manifest: Codable, Sendable {
        struct File: Codable, Sendable {
            var name: String
            var bytes: Int
            var fnv1a64: String
        }

        var format = "broadsheet-backup"
        var version: Int
        var createdAt: Date
        var schemaMigration: Int
        var articles: Int
        var database: File
        var photoFiles: Int
        var photoBytes: Int
        var photos: [File]
    }

    // MARK: Backup

    /// Writes a consistent copy of the database and the photo store into `folder`, which must not exist or be empty.
    ///
    /// Safe while the server runs: `VACUUM INTO` reads one transactionally consistent snapshot while other
    /// connections (or processes) keep writing, since the database is in WAL mode. Photos are copied after the
    /// snapshot: their names are content hashes and a file is never changed after it is written, so every photo the
    /// snapshot names is already on disk; one added since is a harmless extra.
    ///
    /// The snapshot is taken on `database.sql`. `VACUUM` cannot run inside a transaction: on an SQLite file that is
    /// the reader connection, which `NewsDatabase.transaction` never uses, so a backup may run beside the server's
    /// work in the same process too; on a single-connection database (in memory) it must not overlap a transaction.
    public static func backUp(
        database: NewsDatabase, photoDirectory: String, to folder: String, now: Date = Date()
    ) async throws -> BackupReport {
        let clock = ContinuousClock()
        let start = clock.now
        let folder = absolute(folder)
        let createdFolder = try prepareBackupFolder(folder)
        let databasePath = join(folder, databaseFileName)
        do {
            // VACUUM INTO takes an expression: the path goes in as a bound parameter, never spliced into the SQL.
            try await database.sql.raw("VACUUM INTO \(bind: databasePath)").run()
            let snapshot = try await inspect(snapshotAt: databasePath)
            let photoSource = absolute(photoDirectory)
            let files = try await NIOThreadPool.singleton.runIfActive {
                try copyFiles(database: databasePath, photos: photoSource, into: folder)
            }
            let manifest = Manifest(
                version: formatVersion, createdAt: now, schemaMigration: snapshot.schemaMigration,
                articles: snapshot.articles, database: files.database, photoFiles: files.photos.count,
                photoBytes: files.photos.reduce(0) { $0 + $1.bytes }, photos: files.photos)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            let manifestPath = join(folder, manifestFileName)
            do {
                try encoder.encode(manifest).write(to: URL(fileURLWithPath: manifestPath), options: .atomic)
            } catch {
                throw BackupError.fileOperation("cannot write \(manifestPath): \(reason(error))")
            }
            let copied = Set(files.photos.map(\.name))
            return BackupReport(
                action: .backup, folder: folder, articles: snapshot.articles, schemaMigration: snapshot.schemaMigration,
                migrationsApplied: 0, photoFiles: manifest.photoFiles, photoBytes: manifest.photoBytes,
                databaseBytes: files.database.bytes, duration: clock.now - start,
                missingPhotoFiles: snapshot.photoFiles.filter { !copied.contains($0) }.sorted())
        } catch {
            // Leave the folder as it was found: empty, or gone if this call made it.
            let fileManager = FileManager.default
            for name in [manifestFileName, databaseFileName, photoFolderName, databaseFileName + "-journal"] {
                try? fileManager.removeItem(atPath: join(folder, name))
            }
            if createdFolder, (try? fileManager.contentsOfDirectory(atPath: folder))?.isEmpty == true {
                try? fileManager.removeItem(atPath: folder)
            }
            throw error
        }
    }

    /// Creates the folder, or checks that it is an empty one. Returns whether it was created.
    private static func prepareBackupFolder(_ folder: String) throws -> Bool {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw BackupError.notAFolder(folder) }
            let entries: [String]
            do {
                entries = try fileManager.contentsOfDirectory(atPath: folder)
            } catch {
                throw BackupError.fileOperation("cannot read the folder \(folder): \(reason(error))")
            }
            if let first = entries.sorted().first {
                throw BackupError.folderNotEmpty(folder, holding: first)
            }
            return false
        }
        do {
            try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw BackupError.fileOperation("cannot create the backup folder \(folder): \(reason(error))")
        }
        return true
    }

    private struct Snapshot {
        var schemaMigration: Int
        var articles: Int
        /// The photo files the database names.
        var photoFiles: Set<String>
    }

    /// Reads the snapshot's counts through a connection of its own (the snapshot is a plain file, nobody else's).
    private static func inspect(snapshotAt path: String) async throws -> Snapshot {
        var logger = Logger(label: "broadsheet.backup")
        logger.logLevel = .warning
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            let sql = connection.sql(queryLogLevel: nil)
            let tables = Set(
                try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'")
                    .all(decodingColumn: "name", as: String.self))
            guard tables.contains("schema_migrations") else { throw BackupError.notANewsroomDatabase(path) }
            let schema =
                try await sql.raw("SELECT COALESCE(MAX(number), 0) AS n FROM schema_migrations")
                .first(decodingColumn: "n", as: Int.self) ?? 0
            guard schema > 0 else { throw BackupError.notANewsroomDatabase(path) }
            let articles =
                tables.contains("articles")
                ? try await sql.raw("SELECT COUNT(*) AS n FROM articles").first(decodingColumn: "n", as: Int.self) ?? 0
                : 0
            let photos =
                tables.contains("photos")
                ? try await sql.raw("SELECT DISTINCT file FROM photos").all(decodingColumn: "file", as: String.self)
                : []
            try await connection.close()
            return Snapshot(schemaMigration: schema, articles: articles, photoFiles: Set(photos))
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Fingerprints the snapshot and copies the photo store's files into the backup, fingerprinting what it wrote.
    private static func copyFiles(database: String, photos source: String, into folder: String) throws -> (
        database: Manifest.File, photos: [Manifest.File]
    ) {
        let databaseFile = try fingerprint(database, name: databaseFileName)
        let target = join(folder, photoFolderName)
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(atPath: target, withIntermediateDirectories: true)
        } catch {
            throw BackupError.fileOperation("cannot create \(target): \(reason(error))")
        }
        var files: [Manifest.File] = []
        for name in photoNames(in: source) {
            // A file listed a moment ago may be gone (a cleanup); the report names it if the snapshot needs it.
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: join(source, name))) else { continue }
            let destination = join(target, name)
            do {
                try fileManager.createDirectory(
                    atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try data.write(to: URL(fileURLWithPath: destination))
            } catch {
                throw BackupError.fileOperation("cannot write \(destination): \(reason(error))")
            }
            files.append(Manifest.File(name: name, bytes: data.count, fnv1a64: ContentHash.hex(data)))
        }
        return (databaseFile, files)
    }

    /// The photo store's regular files, as paths relative to it, sorted. Hidden files (the temporary files of
    /// writes in progress) are left out; a missing folder has no files.
    private static func photoNames(in folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var names: [String] = []
        while let name = enumerator.nextObject() as? String {
            let isHidden = name.split(separator: "/").contains { $0.hasPrefix(".") }
            guard !isHidden, enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            names.append(name)
        }
        return names.sorted()
    }

    private static func fingerprint(_ path: String, name: String) throws -> Manifest.File {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw BackupError.fileOperation("cannot read \(path): \(reason(error))")
        }
        return Manifest.File(name: name, bytes: data.count, fnv1a64: ContentHash.hex(data))
    }

    // MARK: Restore

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

    private static func readManifest(in folder: String) throws -> Manifest {
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

    private static func isSafeRelativePath(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/") else { return false }
        return name.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }

    private static func checkRestoreTargets(database: String, photos: String) throws {
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
    private static func verify(_ manifest: Manifest, in folder: String) throws {
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
    private static func copyRestoredFiles(
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

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private static func join(_ folder: String, _ name: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        return (error as NSError).localizedDescription
    }
}
