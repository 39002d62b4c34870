@testable import BroadsheetStorage
import Logging
import PostgresNIO
import SQLKit
import Synchronization
import Testing

/// A wait for a connection ends at its deadline even when the attempt it bounds never ends. These need no server.
/// The time limit turns a regression (a deadline that waits for its attempt) into a failure, not a hung run.
@Suite("Lease deadlines", .timeLimit(.minutes(1)))
struct LeaseDeadlineTests {
    struct Expired: Error {}

    @Test("the deadline returns on time although the attempt ignores cancellation, and a late claim is refused")
    func deadlineDoesNotWaitForTheAttempt() async throws {
        let gate = Gate()
        let (claims, report) = AsyncStream.makeStream(of: Bool.self)
        let started = ContinuousClock.now
        await #expect(throws: Expired.self) {
            try await Deadline.race(within: .milliseconds(200), expired: { Expired() }) { claim in
                await gate.wait()
                report.yield(claim())
            }
        }
        #expect(ContinuousClock.now - started < .seconds(5))
        gate.open()
        var late = claims.makeAsyncIterator()
        #expect(await late.next() == false, "a connection that comes after the deadline goes straight back")
    }

    @Test("once the attempt has claimed its connection, its work runs past the deadline to its end")
    func claimedWorkRunsToItsEnd() async throws {
        let answer = try await Deadline.race(within: .milliseconds(100), expired: { Expired() }) { claim in
            guard claim() else { return 0 }
            try await Task.sleep(for: .milliseconds(400))
            return 42
        }
        #expect(answer == 42)
    }

    @Test("cancelling the caller cancels the attempt")
    func cancellingTheCallerCancelsTheAttempt() async throws {
        let caller = Task {
            try await Deadline.race(within: .seconds(50), expired: { Expired() }) { _ in
                try await Task.sleep(for: .seconds(50))
            }
        }
        let started = ContinuousClock.now
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test("a pool whose client never runs fails as unavailable within its lease timeout")
    func unrunClientFailsInTime() async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let settings = try PostgresSettings(url: "postgres://broadsheet@127.0.0.1:5432/news")
        // Never run: a request for a connection waits in its queue until cancelled.
        let client = PostgresClient(configuration: try settings.clientConfiguration(), backgroundLogger: logger)
        let pool = PostgresPool(client: client, logger: logger, leaseTimeout: .milliseconds(300), breaker: OutageBreaker())
        let started = ContinuousClock.now
        await #expect {
            try await pool.execute(sql: SQLRaw("SELECT 1"), { _ in })
        } throws: { error in
            String(describing: error).contains("no connection within")
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}

/// Holds whoever waits until it is opened, deaf to cancellation: an attempt that never gives up by itself.
private final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let open = state.withLock { state in
                if !state.open { state.waiting.append(continuation) }
                return state.open
            }
            if open { continuation.resume() }
        }
    }

    func open() {
        let waiting = state.withLock { state in
            state.open = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}
