import ArgumentParser
import BroadsheetStorage
import Foundation
import Synchronization

struct Copy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Move a whole newsroom from an SQLite file into a PostgreSQL database.",
        discussion: """
            Copies every table of the newsroom: editions, sections, tags, authors, articles and all that hangs \
            off them, the photos' records, staff, revisions, corrections, settings and the audit log. Signed-in \
            sessions are left out unless --include-sessions is given. Photo files are not copied: they stay in the \
            photo folder, which the PostgreSQL nodes mount (serve's --photos).

            The source is opened read-only and never changed. It must be a Broadsheet database at this \
            broadsheet's schema: bring an older one up to date with `broadsheet migrate --database PATH` first. \
            The target is migrated, then filled table by table, parents first, in batches of 1,000 rows in \
            primary-key order, each batch in a transaction of its own. Progress goes to standard error.

            The target must be empty: copy refuses a database whose newsroom tables have rows, names the table \
            and writes nothing, unless --into-non-empty is given (rows whose keys are already there are then kept \
            as they are). A copy that was interrupted (Ctrl-C, a lost connection, a killed process) is resumed by \
            running the same command again: the target records each committed batch (in its copy_runs and \
            copy_positions tables), so the copy carries on after the last one, needs no flag, and duplicates \
            nothing. Run again after it finished, it finds everything there and verifies again.

            At the end the identity sequences are moved past the copied ids, so that new articles get new ids, \
            and every table is verified: its rows counted and checksummed on both sides (each row read in key \
            order as canonical text, hashed with FNV-1a 64). The counts and checksums are printed; any difference \
            makes the command exit non-zero, and running it again goes through the differing tables once more, \
            filling in missing rows (a copy never overwrites a row). Stop the server that writes to the source \
            before copying: a row it changes during the copy shows as a difference.
            """)

    @Option(help: ArgumentHelp("The SQLite newsroom to copy from.", valueName: "PATH"))
    var from: String

    @Option(
        help: ArgumentHelp(
            "The PostgreSQL database to fill: postgres://USER:PASSWORD@HOST:PORT/DATABASE (?sslmode=disable|prefer|require).",
            valueName: "URL"))
    var to: String

    @Flag(name: .customLong("include-sessions"), help: "Copy signed-in sessions too, so that nobody has to sign in again.")
    var includeSessions = false

    @Flag(
        name: .customLong("into-non-empty"),
        help: """
            Copy into a database that already has newsroom rows; rows whose keys are there are kept as they are. \
            Not needed to resume a copy from the same file.
            """)
    var intoNonEmpty = false

    func run() async throws {
        let logger = makeLogger()
        let settings = targetSettings()
        if from.hasPrefix("postgres://") || from.hasPrefix("postgresql://") {
            fail("--from names the SQLite file to copy from, not a PostgreSQL database")
        }
        FileHandle.standardError.write(Data("copying \(from) into \(settings.redactedURL)\n".utf8))
        let report: CopyReport
        do {
            let target = try await NewsDatabase.open(.postgres(settings), logger: logger)
            do {
                let copy = NewsroomCopy(
                    from: from, to: target,
                    options: NewsroomCopy.Options(includeSessions: includeSessions, intoNonEmpty: intoNonEmpty),
                    logger: logger, progress: ProgressLines().show)
                report = try await copy.run()
            } catch {
                try? await target.shutdown()
                throw error
            }
            try await target.shutdown()
        } catch let error as CopyError {
            fail(error.description)
        } catch {
            fail(PostgresProblem.describe(error))
        }
        print(report)
        if let earlier = report.earlier {
            if let finished = earlier.finishedAt {
                print("This database already held a copy of this source, verified \(finished.formatted(.iso8601)).")
            } else {
                print("This run carried on with the copy that started \(earlier.startedAt.formatted(.iso8601)).")
            }
        }
        if !report.leftOut.isEmpty {
            print("Left out: \(report.leftOut.joined(separator: ", ")) (signed-in sessions; --include-sessions copies them).")
        }
        let photos = report.checks.first { $0.table == "photos" }?.source.rows ?? 0
        print(
            "Photo files were not copied: they stay in the photo folder, which the PostgreSQL nodes mount "
                + "(the database names \(CopyReport.number(photos)) photos).")
        guard report.matches else {
            let tables = report.mismatches.map(\.table).joined(separator: ", ")
            fail(
                "the copy differs from its source in \(tables) (see above). Run the copy again: it goes through those "
                    + "tables again and fills in missing rows; rows that differ it leaves as they are (a copy never "
                    + "overwrites), which means something wrote to either database during the copy")
        }
        print("Verified: every table has the same rows on both sides. Serve it with --database \(settings.redactedURL)")
    }

    /// The target from `--to`; anything but a PostgreSQL URL ends the command.
    private func targetSettings() -> PostgresSettings {
        let location: DatabaseLocation
        do {
            location = try DatabaseLocation(to)
        } catch {
            fail("--to: \(error)")
        }
        guard case .postgres(var settings) = location else {
            fail("--to must be a PostgreSQL URL like postgres://broadsheet:secret@db.internal:5432/broadsheet")
        }
        // One batch at a time, plus the reads that verify: a few connections are plenty.
        settings.maximumConnections = 4
        return settings
    }
}

/// Progress on standard error: the last line of each table, and between them a line at most every 0.3 s.
final class ProgressLines: Sendable {
    private let lastLine = Mutex(ContinuousClock.now)

    func show(_ progress: CopyProgress) {
        let now = ContinuousClock.now
        let due = lastLine.withLock { last in
            let finished = progress.stage == .copying && progress.done == progress.total
            guard finished || now - last >= .milliseconds(300) else { return false }
            last = now
            return true
        }
        guard due else { return }
        let line =
            switch progress.stage {
            case .copying:
                "\(progress.table): \(CopyReport.number(progress.done)) of \(CopyReport.number(progress.total)) rows"
            case .verifying: "verifying \(progress.table)"
            }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
