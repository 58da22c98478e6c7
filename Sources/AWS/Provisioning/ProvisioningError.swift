/// Why `iac` stopped, with what to do about it. Never contains a secret.
public enum ProvisioningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An AWS call failed (service, action, code, message and request id are in the error).
    case aws(AWSError)
    /// An IAM propagation error (``ProvisioningRetry/propagationReason(_:_:detachedByThisRun:)``) that
    /// outlasted the retry window.
    case stillFailing(AWSError, seconds: Int)
    case invalidCIDR(String, reason: String)
    /// 0.0.0.0/0 without --allow-anywhere.
    case anywhereNotAllowed
    case addressDiscoveryFailed(reason: String)
    case passwordMissing(location: String)
    case passwordRejected(location: String, reason: String)
    case clusterUnusable(identifier: String, status: String, hint: String)
    /// `iac pause` / `iac resume` without a cluster.
    case noCluster(identifier: String)
    case noSecurityGroup(vpc: String)
    case timedOut(identifier: String, status: String, seconds: Int)
    /// The plan asked for the same action again right after it succeeded: AWS is not converging.
    case notConverging(action: String)
    /// Ctrl-C / task cancellation while waiting.
    case cancelled
    /// ``ProvisioningRun`` got an input it did not ask for: a bug in the code driving it.
    case illegalInput(String, state: String)

    /// Errors in what the operator asked for (exit code 2) rather than in what happened (exit code 1).
    public var isUsageError: Bool {
        switch self {
        case .invalidCIDR, .anywhereNotAllowed, .passwordMissing, .passwordRejected: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .aws(let error):
            return error.description
        case .stillFailing(let error, let seconds):
            return "\(error.description) — still so after retrying for \(seconds) s; run the same command again, "
                + "or allow longer with [DWH] DWH_IAM_RETRY_SECONDS"
        case .invalidCIDR(let text, let reason):
            return "--cidr '\(text)': \(reason); give an IPv4 range such as 203.0.113.7/32"
        case .anywhereNotAllowed:
            return "0.0.0.0/0 would open port 5439 to the whole internet; pass --allow-anywhere if you really mean it, or --cidr YOUR.ADDRESS/32"
        case .addressDiscoveryFailed(let reason):
            return "could not discover your public IP address (\(reason)); pass --cidr YOUR.ADDRESS/32"
        case .passwordMissing(let location):
            return "\(location) is missing: creating the cluster needs a master password (8–64 characters with upper case, lower case and a digit)"
        case .passwordRejected(let location, let reason):
            return "\(location): Redshift would reject this password: it \(reason)"
        case .clusterUnusable(let identifier, let status, let hint):
            return "cluster \(identifier) is \(status): \(hint)"
        case .noCluster(let identifier):
            return "there is no cluster \(identifier) to pause or resume: create it with `sparkify iac up`"
        case .noSecurityGroup(let vpc):
            return "found no security group for \(vpc): create a default VPC (`aws ec2 create-default-vpc`) or open port 5439 by hand"
        case .timedOut(let identifier, let status, let seconds):
            return "cluster \(identifier) is still \(status) after \(seconds) s; run the same command again to keep waiting"
        case .notConverging(let action):
            return "\(action) did not take effect; check the AWS console and run the command again"
        case .cancelled:
            return "cancelled; run the same command again to resume"
        case .illegalInput(let input, let state):
            return "internal error: the provisioning run got \(input) while \(state); run the command again, and please report this"
        }
    }

    public static func == (a: ProvisioningError, b: ProvisioningError) -> Bool { a.description == b.description }
}
