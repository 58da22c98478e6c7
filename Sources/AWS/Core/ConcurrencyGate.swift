import Foundation
import Synchronization

/// Holds a client's requests back while its ``ConcurrencyWindow`` is full; a finished request lets
/// the longest-waiting one go (first come, first served).
final class ConcurrencyGate: Sendable {
    private struct State {
        var window: ConcurrencyWindow
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
        var nextID: UInt64 = 0
    }
    private let state: Mutex<State>
    private let started = ContinuousClock.now

    init(_ window: ConcurrencyWindow) { state = Mutex(State(window: window)) }

    var limit: Int { state.withLock { $0.window.limit } }

    /// Requests waiting for a place now.
    var waiting: Int { state.withLock { $0.waiters.count } }

    /// Waits for a place; false when the task was cancelled while waiting (no place taken).
    func enter() async -> Bool {
        let id = state.withLock { state -> UInt64? in
            if state.window.tryStart() { return nil }
            state.nextID += 1
            return state.nextID
        }
        guard let id else { return true }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let enteredNow = state.withLock { state -> Bool? in
                    if Task.isCancelled { return false }
                    if state.window.tryStart() { return true }
                    state.waiters.append((id, continuation))
                    return nil
                }
                if let enteredNow { continuation.resume(returning: enteredNow) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                state.waiters.firstIndex { $0.id == id }.map { state.waiters.remove(at: $0).continuation }
            }
            waiter?.resume(returning: false)
        }
    }

    /// Gives the place back, with what the answer said.
    func leave(throttled: Bool?) {
        let now = Double((ContinuousClock.now - started).components.seconds)
            + Double((ContinuousClock.now - started).components.attoseconds) / 1e18
        let woken = state.withLock { state in
            if let throttled { state.window.finish(throttled: throttled, now: now) } else { state.window.abandon() }
            var woken: [CheckedContinuation<Bool, Never>] = []
            while !state.waiters.isEmpty, state.window.tryStart() {
                woken.append(state.waiters.removeFirst().continuation)
            }
            return woken
        }
        woken.forEach { $0.resume(returning: true) }
    }
}
