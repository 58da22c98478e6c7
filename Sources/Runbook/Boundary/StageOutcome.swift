import Warehouse

/// How an ETL stage stands or ended, as the ETL panel and `--json` show it.
public enum StageOutcome: String, Sendable, Codable {
    case running, succeeded, failed, cancelled
    /// Its process ended before it did (killed, the database gone); closed by a later session.
    case interrupted

    /// The warehouse's record of it (`etl_runs.outcome`).
    public init(_ outcome: ETLOutcome) {
        switch outcome {
        case .running: self = .running
        case .succeeded: self = .succeeded
        case .failed: self = .failed
        case .cancelled: self = .cancelled
        case .interrupted: self = .interrupted
        }
    }
}
