import ArgumentParser
import BroadsheetStorage
import Foundation

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database and the photo store into a new folder.",
        discussion: """
            Safe while the server runs: the database is copied with SQLite's VACUUM INTO, one consistent snapshot \
            taken while the newsroom goes on publishing, and the photos are copied after it (a photo never changes \
            once written). DIR must not exist yet, or be empty. It receives broadsheet.sqlite, photos/ and \
            manifest.json (counts and a fingerprint of every file), written last. Bring it back with \
            `broadsheet restore DIR`. SQLite only: back up a PostgreSQL newsroom with pg_dump and a copy of the \
            photo folder (docs/deployment.md).
            """)

    @Argument(help: ArgumentHelp("The folder to write: new, or empty.", valueName: "DIR"))
    var folder: String

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let logger = makeLogger()
        let paths = ConfigurationSource().storage(storage)
        let file = paths.sqliteFile(
            orFail: "backup copies an SQLite file; back up PostgreSQL with pg_dump and the photo folder (docs/deployment.md)")
        // Opening a missing file would create an empty database and back that up: say so instead.
        guard FileManager.default.fileExists(atPath: file) else {
            fail("there is no database at \(file)")
        }
        do {
            let database = try await NewsDatabase.sqlite(path: file, logger: logger)
            let report: BackupReport
            do {
                report = try await NewsroomBackup.backUp(database: database, photoDirectory: paths.photos, to: folder)
            } catch {
                try? await database.shutdown()
                throw error
            }
            try await database.shutdown()
            print(report)
        } catch {
            fail("\(error)")
        }
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Bring a backup back into an empty data directory.",
        discussion: """
            DIR is a folder written by `broadsheet backup`. The database file must not exist yet (or be empty) and \
            the photo folder must be missing or empty: restore never overwrites a newsroom, and writes nothing when \
            it refuses. Every file is checked against the backup's manifest first; the restored database is then \
            migrated, so a backup made by an older broadsheet is brought up to date. Stop the server that uses the \
            target before restoring into it. SQLite only: to move a newsroom onto PostgreSQL, restore it into a file \
            and use `broadsheet copy`.
            """)

    @Argument(help: ArgumentHelp("The backup folder to read.", valueName: "DIR"))
    var folder: String

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let logger = makeLogger()
        let paths = ConfigurationSource().storage(storage)
        let file = paths.sqliteFile(
            orFail: "restore writes an SQLite file; restore into one, then move it to PostgreSQL with `broadsheet copy`")
        do {
            let report = try await NewsroomBackup.restore(
                from: folder, databasePath: file, photoDirectory: paths.photos, logger: logger)
            print(report)
        } catch {
            fail("\(error)")
        }
    }
}
