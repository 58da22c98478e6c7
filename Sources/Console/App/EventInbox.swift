import Runbook
import Synchronization

/// Where the runbook's events wait for the console's thread (ncurses is touched from that thread only).
/// Posting never blocks the poster for long and never calls back into the runbook.
public final class EventInbox: Sendable {
    private let queue = Mutex<[RunbookEvent]>([])

    public init() {}

    public func post(_ event: RunbookEvent) { queue.withLock { $0.append(event) } }

    /// Everything posted since the last call, oldest first.
    public func drain() -> [RunbookEvent] {
        queue.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
    }
}
