import Config
import Warehouse

/// Why an ETL run stopped; the stages before it are committed, it and the ones after are not.
public enum ETLError: Error, Sendable, CustomStringConvertible {
    case config(ConfigError)
    case staging(ETLStage, StagingError)
    case database(ETLStage?, DatabaseError)
    case checksFailed(QualityReport)
    case cancelled(ETLStage?)

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
        }
    }

    public var isCancellation: Bool {
        if case .cancelled = self { return true }
        return false
    }
}
