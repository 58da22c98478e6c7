/// Where a runbook step stands, derived from what AWS and the database report (and, while it runs,
/// from its progress). Every case but `pending` carries the short text the runbook panel shows.
public enum StepState: Sendable, Equatable {
    /// Can run; nothing to show yet.
    case pending
    /// Running now (in this process, or — for a cluster being created or deleted — anywhere).
    case running(String)
    /// What exists: "arn:aws:iam::…:role/dwhRole", "dc2.large × 4 available".
    case done(String)
    /// Why the last attempt failed, with what to do.
    case failed(String)
    /// What must be true first: "needs the IAM role (step 1)".
    case blocked(String)

    /// "pending", "running", "done", "failed", "blocked": the `state` of a `step_state` JSON line.
    public var name: String {
        switch self {
        case .pending: return "pending"
        case .running: return "running"
        case .done: return "done"
        case .failed: return "failed"
        case .blocked: return "blocked"
        }
    }

    /// The text after the state; nil for `pending`.
    public var detail: String? {
        switch self {
        case .pending: return nil
        case .running(let text), .done(let text), .failed(let text), .blocked(let text): return text
        }
    }

    public var isRunning: Bool {
        if case .running = self { return true }
        return false
    }
}
