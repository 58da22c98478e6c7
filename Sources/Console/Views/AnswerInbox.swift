import Runbook
import Synchronization

/// Where the views' answers wait for the console's thread, like ``EventInbox`` for the runbook's events.
final class AnswerInbox: Sendable {
    private let queue = Mutex<[AnalysisAnswer]>([])

    func post(_ answer: AnalysisAnswer) { queue.withLock { $0.append(answer) } }

    func drain() -> [AnalysisAnswer] {
        queue.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
    }
}
