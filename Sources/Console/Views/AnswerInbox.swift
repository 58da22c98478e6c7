import Runbook
import Synchronization

/// Where the views' answers wait for the console's thread, like ``EventInbox`` for the runbook's events.
final class AnswerInbox: Sendable {
    enum Answer: Sendable {
        case analysis(AnalysisAnswer)
        case query(QueryOutcome)
    }

    private let queue = Mutex<[Answer]>([])

    func post(_ answer: Answer) { queue.withLock { $0.append(answer) } }

    func drain() -> [Answer] {
        queue.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
    }
}
