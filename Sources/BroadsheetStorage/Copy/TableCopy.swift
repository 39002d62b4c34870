import SQLiteNIO

/// One table's copy: batches in key order, starting after the last batch an earlier run committed.
struct TableCopy: Sendable {
    let table: CopyTable
    let source: CopySource
    let target: CopyTarget
    let state: CopyState
    let options: NewsroomCopy.Options
    let progress: @Sendable (CopyProgress) -> Void

    /// Rows read and converted, and the key of the last of them: where the next batch starts.
    struct Batch: Sendable {
        let values: [[CopyValue]]
        let lastKey: [SQLiteData]
    }

    /// Copies the rest of the table; returns how many rows went in. `batches` counts committed batches across
    /// tables, for `Options.stopAfterBatches`.
    func run(batchesSoFar batches: inout Int) async throws -> Int {
        let position = try await state.position(of: table.name)
        let total = try await source.count(table)
        var done = position == nil ? 0 : try await source.count(table, upTo: position)
        var inserted = 0
        progress(CopyProgress(stage: .copying, table: table.name, done: done, total: total))
        // A statement takes at most 65,535 parameters on PostgreSQL: a wide table gets smaller batches.
        let limit = max(1, min(options.batchSize, 65_000 / max(1, table.columns.count)))
        var next = try await batch(after: position, limit: limit)
        while let current = next {
            // The next batch is read from SQLite while PostgreSQL writes this one: the two take turns otherwise.
            async let following = batch(after: current.lastKey, limit: limit)
            inserted += try await commit(current)
            done += current.values.count
            batches += 1
            progress(CopyProgress(stage: .copying, table: table.name, done: done, total: total))
            if let stop = options.stopAfterBatches, batches >= stop { throw CopyError.stopped(afterBatches: batches) }
            next = try await following
        }
        return inserted
    }

    /// Up to `limit` rows after the key `after`, as the target takes them; nil at the end of the table.
    private func batch(after: [SQLiteData]?, limit: Int) async throws -> Batch? {
        let rows = try await source.rows(of: table, after: after, limit: limit)
        guard let last = rows.last else { return nil }
        let key = table.keyIndexes.map { last[$0] }
        // The next batch starts after this key: a NULL in it would compare as unknown and end the copy early.
        for (column, value) in zip(table.key, key) {
            switch value {
            case .integer, .text: continue
            default: throw CopyError.keyMissing(table: table.name, column: column)
            }
        }
        return Batch(values: try rows.map { try CopySource.converted($0, of: table) }, lastKey: key)
    }

    /// Inserts the batch and records its last key in one transaction; returns how many rows went in.
    private func commit(_ batch: Batch) async throws -> Int {
        let (table, state) = (table, state)
        return try await target.database.transaction(.readCommitted) { db in
            let count = try await CopyTarget.insert(batch.values, into: table, in: db)
            try await state.record(batch.lastKey, of: table.name, in: db)
            return count
        }
    }
}
