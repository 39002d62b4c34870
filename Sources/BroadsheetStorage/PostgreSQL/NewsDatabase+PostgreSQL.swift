import Logging
import PostgresNIO

extension NewsDatabase {
    /// A newsroom on a PostgreSQL server. Connections open on demand, up to `settings.maximumConnections`;
    /// nothing is connected yet when this returns, so an unreachable server shows at the first statement.
    public static func postgres(_ settings: PostgresSettings, logger: Logger) throws -> NewsDatabase {
        // The pool logs each failed attempt to connect at info level: a flood while the server is away. It
        // speaks at warning and above unless debugging was asked for.
        var poolLogger = logger
        poolLogger.logLevel = max(logger.logLevel, .warning)
        let client = PostgresClient(configuration: try settings.clientConfiguration(), backgroundLogger: poolLogger)
        // The pool works only while its `run()` does; closing the database cancels it. Started immediately, so
        // that `run()` has begun before the first statement asks for a connection.
        let running = Task.immediate { await client.run() }
        let pool = PostgresPool(
            client: client, logger: logger, leaseTimeout: settings.connectTimeout, breaker: OutageBreaker())
        let relay = ChangeRelay(settings: settings, logger: logger)
        let changes = SiteChanges()
        changes.relay { change in Task { await relay.send(change, through: pool) } }
        let listening = Task { await relay.listen(delivering: changes) }
        return NewsDatabase(
            sql: TalliedDatabase(base: pool), reads: TalliedDatabase(base: pool), writer: pool, changes: changes,
            relay: relay,
            close: {
                listening.cancel()
                await listening.value
                running.cancel()
                await running.value
            })
    }
}
