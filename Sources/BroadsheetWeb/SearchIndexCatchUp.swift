import BroadsheetStorage
import Logging
import ServiceLifecycle
import Synchronization

/// Whether the search index is still catching up, for the search page to say that results may be incomplete.
final class SearchIndexProgress: Sendable {
    private let catchingUp = Mutex(false)

    var isCatchingUp: Bool { catchingUp.withLock { $0 } }

    func set(catchingUp value: Bool) { catchingUp.withLock { $0 = value } }
}

/// Fills the search index in the background when articles lack their rows (a database migrated to the
/// index with its archive in it), so that the server starts at once; then waits for shutdown like the
/// other services (a service that returned would stop the server).
struct SearchIndexCatchUp: Service {
    let database: NewsDatabase
    let progress: SearchIndexProgress
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            do {
                guard try await !SearchIndex.isComplete(in: database) else { return }
                logger.notice("the search index lacks articles; indexing them in the background")
                progress.set(catchingUp: true)
                defer {
                    progress.set(catchingUp: false)
                    // Results searched just before the flag was set may have been kept without the notice, and
                    // with older articles missing: once, after an upgrade, every kept page goes.
                    database.changes.announce(.everything)
                }
                let started = ContinuousClock.now
                let count = try await SearchIndex.catchUp(in: database)
                logger.notice("search index complete: \(count) articles indexed in \(ContinuousClock.now - started)")
            } catch is CancellationError {
            } catch {
                logger.error("the search index could not catch up (broadsheet reindex will): \(error)")
            }
        }
        try? await gracefulShutdown()
    }
}
