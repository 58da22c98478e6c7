import Config
import Foundation

/// Which failed calls of a provisioning run are worth another try, and after how long. Real AWS is
/// eventually consistent and throttles; moto is neither, so these rules are what `iac up` needs to
/// succeed on its first try against a real account. Pure.
public struct ProvisioningRetry: Sendable {
    /// Seconds an IAM propagation error is retried, counted from the call's first failure (Terraform's
    /// AWS provider waits 2 minutes for the same errors). `[DWH] DWH_IAM_RETRY_SECONDS`.
    public var propagationWindow: Double
    /// The first pause before retrying a propagation error; it doubles up to `maxPropagationDelay`.
    public var propagationDelay: Double
    public var maxPropagationDelay: Double
    /// The backoff of a failed look while waiting for the cluster (its ceiling, without jitter: the
    /// pause is never shorter than the poll interval anyway).
    public var policy: RetryPolicy

    public init(propagationWindow: Double = 120, propagationDelay: Double = 1, maxPropagationDelay: Double = 16,
                policy: RetryPolicy = Self.waitBackoff) {
        self.propagationWindow = propagationWindow
        self.propagationDelay = propagationDelay
        self.maxPropagationDelay = maxPropagationDelay
        self.policy = policy
    }

    public static let standard = ProvisioningRetry()

    /// A failed look during a minutes-long wait backs off like a control-plane SDK call (0.5 s, 1 s, …
    /// up to 20 s when throttled), not like the S3 client's many quick retries.
    public static let waitBackoff = RetryPolicy(maxAttempts: 3, maxThrottledAttempts: 3, baseDelay: .milliseconds(100),
                                                throttlingBaseDelay: .milliseconds(500), maxBackoff: .seconds(20))

    /// The window from `[DWH] DWH_IAM_RETRY_SECONDS` (default 120).
    public init(config: DWHConfig) {
        self.init(propagationWindow: Double(config.provisioning.iamRetrySeconds))
    }

    /// Why `error` from `action` is IAM not having caught up yet rather than a real failure; nil when it
    /// is a real one. `detachedByThisRun`: this run detached a policy from the role, so a DeleteConflict
    /// is the detachment not being visible yet (otherwise the role really is in use, e.g. by an
    /// instance profile, and waiting would not help).
    public static func propagationReason(_ action: ProvisioningAction, _ error: AWSError,
                                         detachedByThisRun: Bool) -> String? {
        let message = error.message.lowercased()
        switch (action, error.code) {
        // "The role with name dwhRole cannot be found." — not "Policy arn:… does not exist".
        case (.attachPolicy, "NoSuchEntity") where message.contains("role") && !message.contains("policy"):
            return "IAM role not yet visible to IAM"
        // "The IAM role dwhRole is not valid. The IAM role must delegate access to an Amazon Redshift account."
        // Other InvalidParameterValue answers (a bad node type, a bad password) are final.
        case (.createCluster, "InvalidParameterValue") where message.contains("iam role"):
            return "IAM role not yet visible to Redshift"
        case (.deleteRole, "DeleteConflict") where detachedByThisRun:
            return "detached policy not yet visible to IAM"
        default:
            return nil
        }
    }

    /// Why a failed look is passing — throttling, a 5xx answer, no connection — or nil when it is final.
    public static func transientReason(_ error: AWSError) -> String? {
        let call = "\(error.service.displayName) \(error.action)"
        if error.code == AWSError.networkFailure { return "\(call) got no answer (\(error.message))" }
        guard let status = error.httpStatus else { return nil }
        switch RetryPolicy.classify(status: status, code: error.code) {
        case .throttled: return "\(call) throttled (\(error.code))"
        case .transient: return "\(call) answered \(error.code) (HTTP \(status))"
        case .final: return status >= 500 ? "\(call) answered \(error.code) (HTTP \(status))" : nil
        }
    }

    /// The pause before propagation retry number `attempt` (1-based): 1, 2, 4, 8, 16, 16… seconds.
    public func propagationDelay(attempt: Int) -> Double {
        min(maxPropagationDelay, propagationDelay * Double(1 << min(attempt - 1, 30)))
    }

    /// The pause after the `failures`-th failed look in a row: the poll interval, longer when the
    /// backoff or AWS's `x-amz-retry-after` asks for more.
    public func pollDelay(failures: Int, error: AWSError, pollInterval: Double) -> Double {
        let failure = RetryPolicy.classify(status: error.httpStatus, code: error.code)
        let backoff = policy.delay(afterAttempt: failures, failure: failure == .final ? .transient : failure, random: 1)
        let (seconds, attoseconds) = backoff.components
        return max(pollInterval, Double(seconds) + Double(attoseconds) / 1e18, error.retryAfter ?? 0)
    }

    /// "4 s", "0.25 s", "1.5 s".
    public static func secondsText(_ seconds: Double) -> String {
        if seconds == seconds.rounded() { return "\(Int(seconds)) s" }
        var text = String(format: "%.2f", seconds)
        while text.hasSuffix("0") { text.removeLast() }
        return text + " s"
    }
}
