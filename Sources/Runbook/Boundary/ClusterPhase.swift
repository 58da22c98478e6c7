import AWS

/// Where a cluster is in its life, as the cluster panel, the quit question and `--json` show it — the
/// runbook's word, so a face never matches on Redshift's strings.
public enum ClusterPhase: Sendable, Equatable {
    /// The database answers.
    case available
    /// creating, modifying, resizing…: Redshift's word for what it is doing.
    case changing(String)
    /// PauseCluster accepted: compute is stopping.
    case pausing
    /// Compute is not billed; storage is.
    case paused
    case resuming
    /// deleting, final-snapshot: going away.
    case deleting
    /// hardware-failure, storage-full, incompatible-*: needs the operator.
    case failed(String)

    /// From Redshift's `ClusterStatus`.
    public init(redshiftStatus text: String) {
        switch RedshiftClusterStatus(text).phase {
        case .available: self = .available
        case .changing where text == "pausing": self = .pausing
        case .changing where text == "resuming": self = .resuming
        case .changing: self = .changing(text)
        case .paused: self = .paused
        case .deleting: self = .deleting
        case .failed: self = .failed(text)
        }
    }

    /// "available", "creating", "deleting": what the operator reads.
    public var text: String {
        switch self {
        case .available: return "available"
        case .changing(let text), .failed(let text): return text
        case .pausing: return "pausing"
        case .paused: return "paused"
        case .resuming: return "resuming"
        case .deleting: return "deleting"
        }
    }
}
