/// What happened to a step.
public enum ProvisioningOutcome: String, Sendable, Codable {
    case created, attached, creating, available, authorized
    case deleting, deleted, revoked, detached
    case alreadyDone = "already done"
}

/// Progress of `iac up` / `iac down`, reported as it happens (console log, stderr, `--json`).
public enum ProvisioningEvent: Sendable, Equatable {
    case step(ProvisioningStep, ProvisioningOutcome, detail: String)
    /// One poll while waiting for the cluster.
    case clusterStatus(identifier: String, status: String, elapsedSeconds: Int)

    /// `1 IAM role    created       arn:aws:iam::123456789012:role/dwhRole`
    public var line: String {
        switch self {
        case .step(let step, let outcome, let detail):
            return pad(step.title, 13) + pad(outcome.rawValue, 14) + detail
        case .clusterStatus(let identifier, let status, let elapsed):
            return pad(ProvisioningStep.cluster.title, 13) + pad(status, 14) + "\(identifier) (\(elapsed) s)"
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
