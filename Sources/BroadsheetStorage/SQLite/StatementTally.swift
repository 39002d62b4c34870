import Logging
import NIOCore
import SQLKit
import Synchronization

/// Counts the SQL statements run for one piece of work (a public request), wherever they run: the metrics
/// report statements per page, which is how a query per list item (N+1) would show.
public final class StatementTally: Sendable {
    private let counted = Atomic<Int>(0)

    public init() {}

    public var count: Int { counted.load(ordering: .relaxed) }

    func add() { counted.add(1, ordering: .relaxed) }

    /// The tally of the work under way, if any counts.
    @TaskLocal public static var current: StatementTally?
}

/// An `SQLDatabase` that adds each statement to the current `StatementTally`.
struct TalliedDatabase: SQLDatabase {
    let base: any SQLDatabase

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        StatementTally.current?.add()
        return base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        StatementTally.current?.add()
        try await base.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession { try await closure(TalliedDatabase(base: $0)) }
    }
}
