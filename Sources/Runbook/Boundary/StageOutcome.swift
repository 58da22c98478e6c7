import Warehouse

/// How an ETL stage stands or ended, as the ETL panel and `--json` show it.
public enum StageOutcome: String, Sendable, Codable {
    case running, succeeded, failed, cancelled

    /// The warehouse's record of it (`etl_runs.outcome`).
    public init(_ outcome: ETLOutcome) {
        switch outcome {
        case .running: self = .running
        case .succeeded: self = .succeeded
        case .failed: self = .failed
        case .cancelled: self = .cancelled
        }
    }
}
