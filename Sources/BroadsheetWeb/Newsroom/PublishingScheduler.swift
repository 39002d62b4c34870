import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Logging
import ServiceLifecycle

/// Publishes scheduled articles when their time comes: a background service inside the server (no cron).
/// Each tick also catches up on whatever fell due while the server was down.
struct PublishingScheduler: Service {
    let desk: ArticleDesk
    let audit: AuditLog
    let logger: Logger
    let clock: @Sendable () -> Date
    /// How often it looks; articles go live at most this late.
    var interval: Duration = .seconds(1)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.tick()
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    func tick() async {
        do {
            let now = clock()
            for id in try await desk.publishDue(now: now) {
                try await audit.record("published (scheduled)", by: nil, subject: "article \(id)", now: now)
                logger.info("scheduled article \(id) published")
            }
        } catch {
            // A failing database must not stop the scheduler: it tries again on the next tick.
            logger.error("the publishing scheduler could not run: \(error)")
        }
    }
}
