/// `ClusterStatus` as Redshift reports it, with what it means for the runbook: whether to wait, go on,
/// delete, or give up. The values are the API reference's (Cluster.ClusterStatus); one not known yet
/// is waited out like a change, and the wait's timeout ends it.
public struct RedshiftClusterStatus: Sendable, Hashable, CustomStringConvertible {
    public enum Phase: Sendable, Equatable {
        /// `available` (also during a resize's edges, `available, prep-for-resize` / `available,
        /// resize-cleanup`): the database answers.
        case available
        /// creating, modifying, rebooting, renaming, resizing, cancelling-resize, rotating-keys,
        /// updating-hsm, resuming, pausing (`iac up` then finds it paused)…: wait.
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

    /// Every status the API reference lists, plus the console's pausing / resuming.
    public static let documented = [
        "available", "available, prep-for-resize", "available, resize-cleanup", "cancelling-resize", "creating",
        "deleting", "final-snapshot", "hardware-failure", "incompatible-hsm", "incompatible-network",
        "incompatible-parameters", "incompatible-restore", "modifying", "paused", "pausing", "rebooting", "renaming",
        "resizing", "resuming", "rotating-keys", "storage-full", "updating-hsm",
    ]

    public var phase: Phase {
        if text == "available" || text.hasPrefix("available,") { return .available }
        if text.hasPrefix("incompatible-") { return .failed }
        switch text {
        case "deleting", "final-snapshot": return .deleting
        case "paused": return .paused
        case "hardware-failure", "storage-full": return .failed
        default: return .changing
        }
    }
}
