import Foundation

/// A bounded first-in-first-out queue between async tasks and dedicated threads: either end may wait
/// by blocking its thread (`…Blocking`) or by suspending its task. `send` waits while the queue is
/// full, which is the back-pressure that keeps memory flat; `fail` wakes every waiter with the error.
///
/// A staging load takes its input from one (`StagingLoad.run(_:)`): whoever fetches the objects sends
/// their chunks into it and finishes it (or fails it with the fetch's error).
public final class BoundedChannel<Element: Sendable>: @unchecked Sendable {
    private let capacity: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var items: [Element] = []
    private var head = 0
    private var finished = false
    private var failure: (any Error)?
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    private var count: Int { items.count - head }

    // MARK: Producer

    public func send(_ element: Element) async throws {
        while try !trySend(element) {
            await waitForChange { count < capacity }
        }
    }

    public func sendBlocking(_ element: Element) throws {
        condition.lock()
        while true {
            if try putLocked(element) { return }
            condition.wait()
        }
    }

    /// No more elements: receivers get nil once the queue is empty.
    public func finish() {
        changeState { finished = true }
    }

    /// Ends the channel with `error` for both ends; elements still queued are dropped.
    public func fail(_ error: any Error) {
        changeState {
            if failure == nil { failure = error }
            items.removeAll()
            head = 0
        }
    }

    // MARK: Consumer

    public func receive() async throws -> Element? {
        while true {
            if let outcome = try tryReceive() { return outcome }
            await waitForChange { count > 0 || finished }
        }
    }

    public func receiveBlocking() throws -> Element? {
        condition.lock()
        while true {
            if let outcome = try takeLocked() { return outcome }
            condition.wait()
        }
    }

    // MARK: Internals

    private func trySend(_ element: Element) throws -> Bool {
        condition.lock()
        if try putLocked(element) { return true }
        condition.unlock()
        return false
    }

    private func tryReceive() throws -> Element?? {
        condition.lock()
        if let outcome = try takeLocked() { return outcome }
        condition.unlock()
        return nil
    }

    /// Called with the lock held. Appends (then wakes the waiters and unlocks) and returns true, or
    /// returns false keeping the lock when full; throws (unlocking) when the channel failed.
    private func putLocked(_ element: Element) throws -> Bool {
        if let failure {
            condition.unlock()
            throw failure
        }
        guard count < capacity else { return false }
        items.append(element)
        wakeAndUnlock()
        return true
    }

    /// Called with the lock held. Returns the next element, or `.some(nil)` once finished and empty
    /// (then wakes the waiters and unlocks); returns nil keeping the lock when there is nothing yet;
    /// throws (unlocking) when the channel failed.
    private func takeLocked() throws -> Element?? {
        if let failure {
            condition.unlock()
            throw failure
        }
        if count > 0 {
            let element = items[head]
            head += 1
            if head > 64 && head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            wakeAndUnlock()
            return .some(element)
        }
        guard finished else { return nil }
        wakeAndUnlock()
        return .some(nil)
    }

    private func changeState(_ body: () -> Void) {
        condition.lock()
        body()
        wakeAndUnlock()
    }

    /// Wakes blocked threads and suspended tasks, then unlocks. Continuations are resumed only after the
    /// lock is released: resuming takes the task's own lock, which a cancellation handler holding that
    /// lock may be waiting to trade for ours.
    private func wakeAndUnlock() {
        condition.broadcast()
        let resumed = waiters
        waiters.removeAll()
        condition.unlock()
        for waiter in resumed { waiter.resume() }
    }

    /// Suspends until the state changes, unless `ready` already holds or the channel failed.
    private func waitForChange(until ready: () -> Bool) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if ready() || failure != nil {
                condition.unlock()
                continuation.resume()
            } else {
                waiters.append(continuation)
                condition.unlock()
            }
        }
    }
}
