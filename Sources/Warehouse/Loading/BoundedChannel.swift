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
        while true {
            if try locked({ try offer(element) }) { return }
            await waitForChange { count < capacity }
        }
    }

    public func sendBlocking(_ element: Element) throws {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if try offer(element) { return }
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
            if let outcome = try locked({ try poll() }) { return outcome.element }
            await waitForChange { count > 0 || finished }
        }
    }

    public func receiveBlocking() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let outcome = try poll() { return outcome.element }
            condition.wait()
        }
    }

    // MARK: Internals (called with the lock held)

    private func offer(_ element: Element) throws -> Bool {
        if let failure { throw failure }
        guard count < capacity else { return false }
        items.append(element)
        notifyLocked()
        return true
    }

    private func poll() throws -> (element: Element?, Void)? {
        if let failure { throw failure }
        if count > 0 {
            let element = items[head]
            head += 1
            if head > 64 && head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            notifyLocked()
            return (element, ())
        }
        return finished ? (nil, ()) : nil
    }

    private func locked<T>(_ body: () throws -> T) throws -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }

    private func changeState(_ body: () -> Void) {
        condition.lock()
        body()
        notifyLocked()
        condition.unlock()
    }

    /// Wakes blocked threads and suspended tasks; each re-checks its condition.
    private func notifyLocked() {
        condition.broadcast()
        let resumed = waiters
        waiters.removeAll()
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
