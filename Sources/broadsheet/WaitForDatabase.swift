import BroadsheetStorage
import BroadsheetWeb
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Opens the database; a PostgreSQL server that cannot be reached yet is waited for, trying again with growing
/// pauses (1 s, doubling, at most 30 s), while the port answers as a waiting room: live, not ready.
/// A mistake that waiting cannot fix (a wrong password, no such database) ends the command at once.
func openWhenReachable(
    _ location: DatabaseLocation, listen: ListenAddress, site: SiteConfiguration, logger: Logger
) async -> NewsDatabase {
    var problem: NewsDatabase.OpenError
    do {
        return try await NewsDatabase.open(location, logger: logger)
    } catch let error as NewsDatabase.OpenError where error.mayPassByItself {
        problem = error
    } catch {
        fail("\(error)")
    }
    let reason = WaitingRoom.Reason()
    reason.current = problem.description
    let group: ServiceGroup
    do {
        let room = try await WaitingRoom.application(listen: listen, site: site, reason: reason, logger: logger)
        group = ServiceGroup(
            configuration: .init(services: [room], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    } catch {
        fail("\(error)")
    }
    let ended = Mutex<(any Error)??>(nil)
    let waiting = Task {
        do {
            try await group.run()
            ended.withLock { $0 = .some(nil) }
        } catch {
            ended.withLock { $0 = .some(error) }
        }
    }
    var pause = Duration.seconds(1)
    while true {
        logger.warning("\(problem); not ready, trying again in \(pause)")
        // Looks up often while it pauses: SIGTERM or SIGINT ends the waiting room, and the command with it.
        let until = ContinuousClock.now + pause
        while ContinuousClock.now < until {
            if let outcome = ended.withLock({ $0 }) {
                if let error = outcome {
                    if let error = error as? IOError, error.errnoCode == EADDRINUSE {
                        fail("cannot listen on \(listen.host):\(listen.port): the port is already in use")
                    }
                    fail("the waiting room stopped: \(error)")
                }
                logger.info("stopped while waiting for the database")
                exit(0)
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        pause = min(pause * 2, .seconds(30))
        do {
            let database = try await NewsDatabase.open(location, logger: logger)
            logger.notice("\(location) answers; starting the site")
            await group.triggerGracefulShutdown()
            await waiting.value
            return database
        } catch let error as NewsDatabase.OpenError where error.mayPassByItself {
            problem = error
            reason.current = error.description
        } catch {
            fail("\(error)")
        }
    }
}
