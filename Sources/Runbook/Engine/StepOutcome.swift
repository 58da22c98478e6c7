/// How a step that ran ended: what the driver reports to the engine and the `result` event carries.
public enum StepOutcome: Sendable, Equatable {
    /// Done (or already done: every step is idempotent), with what now exists.
    case succeeded(String)
    /// With the error in full and what to do.
    case failed(String)
    /// The operator cancelled it; what it changed was rolled back.
    case cancelled

    /// "succeeded", "failed", "cancelled".
    public var name: String {
        switch self {
        case .succeeded: return "succeeded"
        case .failed: return "failed"
        case .cancelled: return "cancelled"
        }
    }

    public var detail: String? {
        switch self {
        case .succeeded(let text), .failed(let text): return text
        case .cancelled: return nil
        }
    }

    /// PRODUCT §5's exit code for a headless command that ran this step: 0, 1 or 130.
    public var exitStatus: Int32 {
        switch self {
        case .succeeded: return 0
        case .failed: return 1
        case .cancelled: return 130
        }
    }
}
