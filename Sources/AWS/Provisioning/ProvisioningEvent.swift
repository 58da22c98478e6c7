/// What happened to a step.
public enum ProvisioningOutcome: String, Sendable, Codable {
    case created, attached, creating, available, authorized
    case deleting, deleted, revoked, detached
    case restoring, pausing, paused, resuming
    case alreadyDone = "already done"
}

/// Progress of `iac up` / `iac down`, reported as it happens (console log, stderr, `--json`).
public enum ProvisioningEvent: Sendable, Equatable {
    case step(ProvisioningStep, ProvisioningOutcome, detail: String)
    /// One poll while waiting for the cluster.
    case clusterStatus(identifier: String, status: String, elapsedSeconds: Int)
    /// A call or look failed for a reason that passes; it is tried again in `seconds`.
    case retrying(ProvisioningStep, reason: String, seconds: Double)

    /// `1 IAM role    created       arn:aws:iam::123456789012:role/dwhRole`
    public var line: String {
        switch self {
        case .step(let step, let outcome, let detail):
            return pad(step.title, 13) + pad(outcome.rawValue, 14) + detail
        case .clusterStatus(let identifier, let status, let elapsed):
            return pad(ProvisioningStep.cluster.title, 13) + pad(status, 14) + "\(identifier) (\(elapsed) s)"
        case .retrying(let step, _, _):
            return pad(step.title, 13) + pad("retrying", 14) + retryText!
        }
    }

    /// "IAM role not yet visible to Redshift, retrying in 4 s" — the log line of a retry.
    public var retryText: String? {
        switch self {
        case .retrying(_, let reason, let seconds):
            return "\(reason), retrying in \(ProvisioningRetry.secondsText(seconds))"
        case .step, .clusterStatus:
            return nil
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
