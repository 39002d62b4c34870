import Synchronization

/// A wait bounded by a deadline that returns when the deadline passes, whether or not the attempt it bounds
/// has ended.
///
/// A task group cannot do that: it awaits all its children, even while throwing, so an attempt that ignores
/// cancellation would hold its caller for as long as it lasts. postgres-nio's lease request can: it checks for
/// cancellation before it queues itself, and one cancelled in between waits on for a connection. Here the
/// attempt runs in a task of its own; whichever comes first, its outcome or the deadline, resumes the caller,
/// once, and the loser is cancelled or dropped.
package enum Deadline {
    /// Runs `attempt`, waiting for it for at most `limit`; past that, throws `expired()` and cancels it.
    ///
    /// The attempt calls `claim` once it holds what it waited for (a connection): from then on the deadline no
    /// longer applies and the attempt runs to its end. `claim` returns false if the deadline passed first:
    /// the attempt should then give back what it got at once. An attempt that never claims is bounded whole.
    /// Cancelling the caller cancels the attempt; the caller still waits at most until the deadline.
    package static func race<R: Sendable>(
        within limit: Duration, expired: @escaping @Sendable () -> any Error,
        _ attempt: @escaping @Sendable (_ claim: @escaping @Sendable () -> Bool) async throws -> R
    ) async throws -> R {
        let race = Race<R>()
        let attempting = Task {
            do {
                race.settle(.success(try await attempt { race.claim() }))
            } catch {
                race.settle(.failure(error))
            }
        }
        let timer = Task {
            try await Task.sleep(for: limit)
            if race.expire(expired()) { attempting.cancel() }
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await race.outcome()
        } onCancel: {
            attempting.cancel()
        }
    }
}

/// The state of one race between an attempt and its deadline: the first outcome is kept, the rest dropped.
private final class Race<R: Sendable>: Sendable {
    private struct State {
        var claimed = false
        var outcome: Result<R, any Error>?
        var waiting: CheckedContinuation<R, any Error>?
    }

    private let state = Mutex(State())

    /// The outcome, as soon as there is one. Called once.
    func outcome() async throws -> R {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { state -> Result<R, any Error>? in
                if state.outcome == nil { state.waiting = continuation }
                return state.outcome
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    /// The attempt holds what it waited for: true unless the deadline passed first.
    func claim() -> Bool {
        state.withLock { state in
            if state.outcome == nil { state.claimed = true }
            return state.claimed
        }
    }

    /// The deadline passed: true if that decided the race, false if the attempt had claimed or ended first.
    func expire(_ error: any Error) -> Bool {
        settle(.failure(error), unlessClaimed: true)
    }

    /// Keeps `outcome` unless another came first (or, with `unlessClaimed`, the attempt has claimed); true if
    /// it was kept. One lock decides both, so an attempt cannot claim between the check and the outcome.
    @discardableResult
    func settle(_ outcome: Result<R, any Error>, unlessClaimed: Bool = false) -> Bool {
        let (kept, waiting) = state.withLock { state -> (Bool, CheckedContinuation<R, any Error>?) in
            guard state.outcome == nil, !(unlessClaimed && state.claimed) else { return (false, nil) }
            state.outcome = outcome
            defer { state.waiting = nil }
            return (true, state.waiting)
        }
        waiting?.resume(with: outcome)
        return kept
    }
}
