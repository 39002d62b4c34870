import Foundation
import Logging

/// Moves a whole newsroom from an SQLite file into a PostgreSQL database, table by table, and proves that
/// both hold the same rows.
///
/// The source is only read. The target is migrated, then each table is copied parents first, in batches in
/// primary-key order, each batch in a transaction of its own that also records the batch's last key; rows go in
/// with `ON CONFLICT DO NOTHING`. So a copy that was interrupted (a lost connection, Ctrl-C, a killed process)
/// is simply run again: it carries on after the last committed batch and never duplicates a row. At the end the
/// identity sequences are moved past the copied ids, and every table is counted and checksummed on both sides.
///
/// Photo files are not copied: they stay in the photo folder, which the PostgreSQL nodes mount.
public struct NewsroomCopy: Sendable {
    public struct Options: Sendable {
        /// Copy signed-in sessions too (`staff_sessions`), so nobody has to sign in again.
        public var includeSessions = false
        /// Copy into a target that has newsroom rows of its own; a target holding a copy from this same source
        /// (finished or not) is carried on with without it.
        public var intoNonEmpty = false
        /// Rows per batch, and so per target transaction.
        public var batchSize = 1_000
        /// For tests: stop with `CopyError.stopped` once this many batches have committed, as an interrupted
        /// copy would.
        public var stopAfterBatches: Int?

        public init(
            includeSessions: Bool = false, intoNonEmpty: Bool = false, batchSize: Int = 1_000, stopAfterBatches: Int? = nil
        ) {
            self.includeSessions = includeSessions
            self.intoNonEmpty = intoNonEmpty
            self.batchSize = batchSize
            self.stopAfterBatches = stopAfterBatches
        }
    }

    let sourcePath: String
    let target: CopyTarget
    let options: Options
    let logger: Logger
    let progress: @Sendable (CopyProgress) -> Void

    /// A copy from the SQLite file at `sourcePath` into `target`, which must be PostgreSQL; `progress` hears
    /// about every batch.
    public init(
        from sourcePath: String, to target: NewsDatabase, options: Options = Options(), logger: Logger,
        progress: @escaping @Sendable (CopyProgress) -> Void = { _ in }
    ) {
        self.sourcePath = sourcePath
        self.target = CopyTarget(database: target)
        self.options = options
        self.logger = logger
        self.progress = progress
    }

    /// Copies what the target does not have yet, moves the sequences, and verifies every copied table. A report
    /// whose tables do not all match is returned, not thrown: the caller shows it.
    public func run(now: Date = Date()) async throws -> CopyReport {
        let clock = ContinuousClock()
        let start = clock.now
        let source = try CopySource.open(path: sourcePath, logger: logger)
        defer { source.close() }
        let plan = try await prepare(source)
        let state = CopyState(source: source.path, target: target.database)
        let earlier = try await state.earlier()
        if earlier == nil, !options.intoNonEmpty {
            // Sessions count even when left out: a target with sign-ins is someone's newsroom.
            let all = plan.tables.map(\.name) + plan.leftOut
            if let table = try await target.firstTableWithRows(among: all) {
                throw CopyError.targetNotEmpty(table: table, copiesFrom: try await state.otherSources())
            }
        }
        try await Migrator(database: target.database, logger: logger).migrate()
        try await state.begin(now: now)
        let tables = try await target.typed(plan.tables)
        var copiedNow: [String: Int] = [:]
        var batches = 0
        for table in tables {
            copiedNow[table.name] = try await TableCopy(
                table: table, source: source, target: target, state: state, options: options, progress: progress
            ).run(batchesSoFar: &batches)
        }
        try await target.moveSequences(of: tables)
        // The search index is derived from the articles: built again here rather than copied.
        // (Also when an earlier run was stopped after the articles but before this.)
        if try await !SearchIndex.isComplete(in: target.database) { try await SearchIndex.rebuild(in: target.database) }
        try await target.analyse(tables)
        let copied = clock.now
        var checks = try await verify(tables, source: source)
        for index in checks.indices { checks[index].copiedNow = copiedNow[checks[index].table] ?? 0 }
        let report = CopyReport(
            source: source.path, earlier: earlier, checks: checks, leftOut: plan.leftOut, copying: copied - start,
            verifying: clock.now - copied)
        if report.matches { try await state.finish(now: now) }
        // A table that differs is gone through whole by the next run: rows missing from the target are filled
        // in then (rows that differ stay as they are, since a copy never overwrites; the verification says so again).
        for check in report.mismatches { try await state.forget(check.table) }
        return report
    }

    /// Counts and checksums every table a copy would move, on both sides, without copying anything.
    public func verify() async throws -> [TableCheck] {
        let source = try CopySource.open(path: sourcePath, logger: logger)
        defer { source.close() }
        let plan = try await prepare(source)
        return try await verify(try await target.typed(plan.tables), source: source)
    }

    private struct Plan {
        var tables: [CopyTable]
        var leftOut: [String]
    }

    /// Checks both ends and lists the tables to copy in order; writes nothing.
    private func prepare(_ source: CopySource) async throws -> Plan {
        try await source.checkSchema()
        guard target.database.engine == .postgresql else { throw CopyError.targetNotPostgreSQL }
        if let schema = try await target.schemaNumber(), schema > Migrator.latestNumber {
            throw CopyError.newerSchema("the target", schema: schema, latest: Migrator.latestNumber)
        }
        let all = try await source.tables()
        let leftOut = options.includeSessions ? [] : all.filter { CopiedTables.sessions.contains($0.name) }
        let tables = try CopyTable.parentsFirst(all.filter { table in !leftOut.contains { $0.name == table.name } })
        return Plan(tables: tables, leftOut: leftOut.map(\.name))
    }

    private func verify(_ tables: [CopyTable], source: CopySource) async throws -> [TableCheck] {
        var checks: [TableCheck] = []
        for table in tables {
            progress(CopyProgress(stage: .verifying, table: table.name, done: 0, total: 0))
            // Both sides at once: one is SQLite's work in this process, the other PostgreSQL's in its own.
            async let here = source.checksum(table)
            async let there = target.checksum(table)
            checks.append(TableCheck(table: table.name, source: try await here, target: try await there))
        }
        return checks
    }
}
