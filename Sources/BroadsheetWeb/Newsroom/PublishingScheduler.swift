import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Logging
import ServiceLifecycle

/// Publishes scheduled articles when their time comes: a background service inside the server (no cron).
/// Each tick also catches up on whatever fell due while the server was down, and announces articles that were
/// published with a time still to come when that time comes, so that cached pages show them.
struct PublishingScheduler: Service {
    let desk: ArticleDesk
    let logger: Logger
    let clock: @Sendable () -> Date
    /// How often it looks; articles go live at most this late.
    var interval: Duration = .seconds(1)
    /// Fault injection for `scripts/check-several-nodes` only: holds the scheduler's lock this long before
    /// committing, so that the test can kill a node while it holds it. Never set in production.
    var faultPause: Duration = ProcessInfo.processInfo.environment["BROADSHEET_FAULT_PUBLISH_PAUSE_MS"]
        .flatMap(Int.init).map { .milliseconds($0) } ?? .zero

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var last = self.clock()
            while !Task.isCancelled {
                last = await self.tick(since: last)
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    /// Returns the time it looked at, the start of the next tick's interval.
    @discardableResult
    func tick(since last: Date? = nil) async -> Date {
        let now = clock()
        do {
            if let last, now > last { try await desk.announceWentLive(after: last, upTo: now) }
            for id in try await desk.publishDue(now: now, pause: faultPause) {
                logger.info("scheduled article \(id) published")
            }
        } catch let error as DatabaseUnavailable {
            // The database is away: the scheduler tries again on the next tick, and catches up then.
            logger.warning("the publishing scheduler waits for the database: \(error.reason)")
            return last ?? now
        } catch {
            // A failing database must not stop the scheduler: it tries again on the next tick.
            logger.error("the publishing scheduler could not run: \(error)")
            return last ?? now
        }
        return now
    }
}
