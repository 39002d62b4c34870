import BroadsheetStorage
import Logging
import ServiceLifecycle
import Synchronization

/// Whether the search index is still catching up, for the search page to say that results may be incomplete
/// (and for the search cache not to keep them).
final class SearchIndexProgress: Sendable {
    private let catchingUp: Mutex<Bool>

    init(catchingUp: Bool) { self.catchingUp = Mutex(catchingUp) }

    /// Read before the site serves: a search made before the catch-up begins is just as incomplete.
    static func reading(_ database: NewsDatabase) async throws -> SearchIndexProgress {
        SearchIndexProgress(catchingUp: try await !SearchIndex.isComplete(in: database))
    }

    var isCatchingUp: Bool { catchingUp.withLock { $0 } }

    func finished() { catchingUp.withLock { $0 = false } }
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
                guard progress.isCatchingUp else { return }
                logger.notice("the search index lacks articles; indexing them in the background")
                defer { progress.finished() }
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
