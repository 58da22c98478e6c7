/// `ClusterStatus` as Redshift reports it, with what it means for the runbook: whether to wait, go on,
/// delete, or give up.
public struct RedshiftClusterStatus: Sendable, Hashable, CustomStringConvertible {
    public enum Phase: Sendable, Equatable {
        /// `available`: the database answers.
        case available
        /// creating, modifying, rebooting, resizing…: wait.
        case changing
        /// deleting, final-snapshot: going away; wait until it is gone.
        case deleting
        /// hardware-failure, incompatible-*, storage-full: needs the operator (or deletion).
        case failed
        /// paused: resume it in the console, or delete it.
        case paused
    }

    public var text: String

    public init(_ text: String) { self.text = text }

    public var description: String { text }

    public var phase: Phase {
        switch text {
        case "available": return .available
        case "deleting", "final-snapshot": return .deleting
        case "paused": return .paused
        case "hardware-failure", "storage-full": return .failed
        default: return text.hasPrefix("incompatible-") ? .failed : .changing
        }
    }
}
