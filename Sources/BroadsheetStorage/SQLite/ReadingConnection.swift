import NIOCore
import SQLiteNIO
// The SQLite library that sqlite-nio compiles in: the one library in the process, so its file locks stay
// consistent with the writer connection's (two copies of SQLite in one process break each other's locks).
import VaporCSQLite

/// One SQLite connection that only reads, with its statements kept prepared between uses.
///
/// Used by one thread at a time: `ReadingConnections` hands it out and takes it back under its lock.
final class ReadingConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    /// Prepared statements by their SQL text, oldest first in `order`: the same query has the same text, so
    /// a page's statements are parsed and planned once per connection, not once per request.
    private var prepared: [String: Prepared] = [:]
    private var order: [String] = []

    private struct Prepared {
        let statement: OpaquePointer
        let columns: ReadingRow.Columns
    }
    /// Enough for every query shape the public site has, with room for `IN (...)` lists of several lengths.
    static let preparedLimit = 96

    /// `readOnly` opens the file itself read-only (a copy's source, which must not change at all); otherwise
    /// it is opened as the server's other connections open it, and only `query_only` keeps writes out.
    init(path: String, busyTimeoutMilliseconds: Int32, readOnly: Bool = false) throws {
        var handle: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let opened = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard opened == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite_nio_sqlite3_close(handle)
            throw ReadingError(code: opened, message: message, sql: nil)
        }
        self.handle = handle
        sqlite_nio_sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        // A mistake that tried to write through a reading connection fails instead of taking the write lock.
        try run("PRAGMA query_only=1")
        // Pages are read straight from the operating system's file cache, mapped into memory, instead of copied
        // through a `read` call into each connection's own small cache: searches touch thousands of pages of the
        // full-text index, and the copies were a tenth of their time. Shared by every connection, since the
        // mapping is the file cache itself. Writes still go through the writer connection's ordinary I/O.
        try run("PRAGMA mmap_size=\(Self.mappedBytes)")
    }

    /// As much of the file as is mapped; past it, pages are read as before.
    static let mappedBytes = 1 << 30

    deinit { close() }

    func close() {
        guard let handle else { return }
        for kept in prepared.values { sqlite_nio_sqlite3_finalize(kept.statement) }
        prepared = [:]
        order = []
        sqlite_nio_sqlite3_close(handle)
        self.handle = nil
    }

    /// Runs `sql` with `binds`, handing each row to `onRow` as it is read.
    func run(_ sql: String, binds: [SQLiteData] = [], _ onRow: (ReadingRow) -> Void = { _ in }) throws {
        let (statement, columns) = try prepare(sql)
        // Reset ends the statement's read transaction, so a kept statement never pins an old snapshot.
        // Bindings are not cleared: every parameter is bound anew below, and clearing them makes SQLite
        // plan the statement again on its next run whenever a value took part in planning (LIMIT ?).
        defer { sqlite_nio_sqlite3_reset(statement) }
        guard sqlite_nio_sqlite3_bind_parameter_count(statement) == binds.count else {
            throw ReadingError(
                code: SQLITE_RANGE, message: "\(binds.count) values for \(sqlite_nio_sqlite3_bind_parameter_count(statement)) parameters",
                sql: sql)
        }
        for (index, value) in binds.enumerated() {
            try check(bind(value, at: Int32(index + 1), in: statement), sql: sql)
        }
        while true {
            let step = sqlite_nio_sqlite3_step(statement)
            if step == SQLITE_DONE { return }
            guard step == SQLITE_ROW else { throw error(step, sql: sql) }
            var values: [SQLiteData] = []
            values.reserveCapacity(columns.names.count)
            for index in 0..<Int32(columns.names.count) { values.append(value(at: index, in: statement)) }
            onRow(ReadingRow(columns: columns, values: values))
        }
    }

    private func prepare(_ sql: String) throws -> (OpaquePointer, ReadingRow.Columns) {
        if let kept = prepared[sql] { return (kept.statement, kept.columns) }
        var statement: OpaquePointer?
        let code = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code, sql: sql) }
        let names = (0..<sqlite_nio_sqlite3_column_count(statement)).map { index in
            sqlite_nio_sqlite3_column_name(statement, index).map { String(cString: $0) } ?? ""
        }
        let kept = Prepared(statement: statement, columns: ReadingRow.Columns(names: names))
        if order.count >= Self.preparedLimit {
            let oldest = order.removeFirst()
            if let evicted = prepared.removeValue(forKey: oldest) { sqlite_nio_sqlite3_finalize(evicted.statement) }
        }
        prepared[sql] = kept
        order.append(sql)
        return (kept.statement, kept.columns)
    }

    private func bind(_ value: SQLiteData, at index: Int32, in statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let number): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(number))
        case .float(let number): sqlite_nio_sqlite3_bind_double(statement, index, number)
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        case .text(let text):
            sqlite_nio_sqlite3_bind_text64(
                statement, index, text, UInt64(text.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
        case .blob(let bytes):
            bytes.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient)
            }
        }
    }

    private func value(at index: Int32, in statement: OpaquePointer) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, index)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            guard let text = sqlite_nio_sqlite3_column_text(statement, index) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, index) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: count))
            }
            return .blob(buffer)
        default: return .null
        }
    }

    private func check(_ code: Int32, sql: String) throws {
        guard code == SQLITE_OK else { throw error(code, sql: sql) }
    }

    private func error(_ code: Int32, sql: String) -> ReadingError {
        ReadingError(code: code, message: handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "closed", sql: sql)
    }

    /// SQLite copies bound text and blobs before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// A statement the reading connections could not run, with SQLite's own message.
public struct ReadingError: Error, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public let sql: String?

    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " (in \($0))" } ?? "")
    }
}
