/// The runbook steps `iac` drives, in order.
public enum ProvisioningStep: String, Sendable, CaseIterable, Codable {
    case role, cluster, ingress

    /// Position in `iac up`: role before cluster before ingress.
    public var order: Int { Self.allCases.firstIndex(of: self)! }

    /// "1 IAM role" — the runbook's numbering.
    public var title: String {
        switch self {
        case .role: return "1 IAM role"
        case .cluster: return "2 cluster"
        case .ingress: return "3 open port"
        }
    }
}

/// The one thing to do next, decided by ``ProvisioningPlan`` from ``ObservedResources``.
public enum ProvisioningAction: Sendable, Equatable {
    case createRole
    case attachPolicy(arn: String)
    case createCluster(roleARN: String)
    /// Step 2 from `iac up --from-snapshot`: RestoreFromClusterSnapshot instead of CreateCluster.
    case restoreCluster(roleARN: String, snapshot: String)
    /// `iac pause`: compute stops and is no longer billed; storage stays (and is billed).
    case pauseCluster
    /// `iac resume`.
    case resumeCluster
    /// The cluster is changing (creating, modifying…): poll again.
    case waitForCluster(RedshiftClusterStatus)
    case authorizeIngress(IngressRule)
    case deleteCluster(finalSnapshot: String?)
    /// The cluster is being deleted: poll until DescribeClusters says ClusterNotFound.
    case waitForClusterGone(RedshiftClusterStatus)
    case revokeIngress(IngressRule)
    case detachPolicy(arn: String)
    case deleteRole
    case done
    case fail(ProvisioningError)

    public var step: ProvisioningStep? {
        switch self {
        case .createRole, .attachPolicy, .detachPolicy, .deleteRole: return .role
        case .createCluster, .restoreCluster, .pauseCluster, .resumeCluster, .waitForCluster, .deleteCluster,
             .waitForClusterGone: return .cluster
        case .authorizeIngress, .revokeIngress: return .ingress
        case .done, .fail: return nil
        }
    }

    public var isWait: Bool {
        switch self {
        case .waitForCluster, .waitForClusterGone: return true
        default: return false
        }
    }
}
