import Config
import Warehouse

/// Why an ETL run stopped; the stages before it are committed, it and the ones after are not.
public enum ETLError: Error, Sendable, CustomStringConvertible {
    case config(ConfigError)
    case staging(ETLStage, StagingError)
    case database(ETLStage?, DatabaseError)
    case checksFailed(QualityReport)
    case cancelled(ETLStage?)
    /// Another run (or create-tables) holds the warehouse's run lock; nothing was done.
    case locked(RunLock.Failure)

    public var description: String {
        switch self {
        case .config(let error):
            return error.description
        case .staging(let stage, let error):
            return "\(stage.rawValue): \(error)"
        case .database(let stage, let error):
            return stage.map { "\($0.rawValue): \(error)" } ?? "\(error)"
        case .checksFailed(let report):
            return "data quality checks failed: " + report.failures.map(\.description).joined(separator: "; ")
        case .cancelled(let stage):
            return "cancelled" + (stage.map { " during \($0.rawValue); its table was left as it was" } ?? "")
        case .locked(let failure):
            return failure.description
        }
    }

    /// The run's database session is gone: its failure must be recorded on another connection.
    public var isConnectionLost: Bool {
        switch self {
        case .database(_, let error), .staging(_, .database(let error, _)): return error.isConnectionLost
        default: return false
        }
    }

    public var isCancellation: Bool {
        if case .cancelled = self { return true }
        return false
    }
}
