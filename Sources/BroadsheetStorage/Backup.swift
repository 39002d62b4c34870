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
        case notSQLite

        public var description: String {
            switch self {
            case .notSQLite:
                "backup copies an SQLite newsroom; back up PostgreSQL with pg_dump and a copy of the photo folder"
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
        guard database.engine == .sqlite else { throw BackupError.notSQLite }
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
    static func prepareBackupFolder(_ folder: String) throws -> Bool {
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

    struct Snapshot {
        var schemaMigration: Int
        var articles: Int
        /// The photo files the database names.
        var photoFiles: Set<String>
    }

    /// Reads the snapshot's counts through a connection of its own (the snapshot is a plain file, nobody else's).
    static func inspect(snapshotAt path: String) async throws -> Snapshot {
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
    static func copyFiles(database: String, photos source: String, into folder: String) throws -> (
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
    static func photoNames(in folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var names: [String] = []
        while let name = enumerator.nextObject() as? String {
            let isHidden = name.split(separator: "/").contains { $0.hasPrefix(".") }
            guard !isHidden, enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            names.append(name)
        }
        return names.sorted()
    }

    static func fingerprint(_ path: String, name: String) throws -> Manifest.File {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw BackupError.fileOperation("cannot read \(path): \(reason(error))")
        }
        return Manifest.File(name: name, bytes: data.count, fnv1a64: ContentHash.hex(data))
    }

    // MARK: Restore

}
