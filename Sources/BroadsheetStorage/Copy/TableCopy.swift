import SQLiteNIO

/// One table's copy: batches in key order, starting after the last batch an earlier run committed.
struct TableCopy: Sendable {
    let table: CopyTable
    let source: CopySource
    let target: CopyTarget
    let state: CopyState
    let options: NewsroomCopy.Options
    let progress: @Sendable (CopyProgress) -> Void

    /// Copies the rest of the table; returns how many rows went in. `batches` counts committed batches across
    /// tables, for `Options.stopAfterBatches`.
    func run(batchesSoFar batches: inout Int) async throws -> Int {
        var position = try await state.position(of: table.name)
        let total = try await source.count(table)
        var done = position == nil ? 0 : try await source.count(table, upTo: position)
        var inserted = 0
        progress(CopyProgress(stage: .copying, table: table.name, done: done, total: total))
        // A statement takes at most 65,535 parameters on PostgreSQL: a wide table gets smaller batches.
        let limit = max(1, min(options.batchSize, 65_000 / max(1, table.columns.count)))
        while true {
            let rows = try await source.rows(of: table, after: position, limit: limit)
            guard let last = rows.last else { break }
            let key = table.keyIndexes.map { last[$0] }
            // The next batch starts after this key: a NULL in it would compare as unknown and end the copy early.
            for (column, value) in zip(table.key, key) {
                switch value {
                case .integer, .text: continue
                default: throw CopyError.keyMissing(table: table.name, column: column)
                }
            }
            let values = try rows.map { try CopySource.converted($0, of: table) }
            let (copying, state) = (table, state)
            inserted += try await target.database.transaction(.readCommitted) { db in
                let count = try await CopyTarget.insert(values, into: copying, in: db)
                try await state.record(key, of: copying.name, in: db)
                return count
            }
            position = key
            done += rows.count
            batches += 1
            progress(CopyProgress(stage: .copying, table: table.name, done: done, total: total))
            if let stop = options.stopAfterBatches, batches >= stop { throw CopyError.stopped(afterBatches: batches) }
        }
        return inserted
    }
}
