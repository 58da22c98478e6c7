/// Steps 1–3 (`iac up`) and step 5 (`iac down`) as decisions: given what exists, the next action.
/// Pure — no network — so every branch is unit-tested; ``Provisioner`` carries the actions out and
/// observes again after each one.
public enum ProvisioningPlan {
    /// Step 1 (role + policy), step 2 (cluster, waited for until `available`), step 3 (ingress from `cidr`).
    public static func up(_ target: ProvisioningTarget, cidr: String, observed: ObservedResources) -> ProvisioningAction {
        guard let role = observed.role else { return .createRole }
        if !observed.attachedPolicyARNs.contains(target.policyARN) { return .attachPolicy(arn: target.policyARN) }

        guard let cluster = observed.cluster else {
            return target.restoreSnapshot.map { .restoreCluster(roleARN: role.arn, snapshot: $0) } ?? .createCluster(roleARN: role.arn)
        }
        switch cluster.status.phase {
        case .changing: return .waitForCluster(cluster.status)
        case .deleting: return .waitForClusterGone(cluster.status)
        case .paused:
            return .fail(.clusterUnusable(identifier: cluster.identifier, status: cluster.status.text,
                                          hint: "resume it with `sparkify iac resume`, or remove it with `sparkify iac down --yes`"))
        case .failed:
            return .fail(.clusterUnusable(identifier: cluster.identifier, status: cluster.status.text,
                                          hint: "see the Redshift console; `sparkify iac down --yes` removes it"))
        case .available:
            break
        }
        // Real Redshift fills in the endpoint a little after `available`.
        guard cluster.endpoint != nil else { return .waitForCluster(cluster.status) }

        guard let group = observed.securityGroup else {
            return .fail(.noSecurityGroup(vpc: cluster.vpcID ?? "the default VPC"))
        }
        let wanted = IngressRule.tcp(groupID: group.id, port: observed.clusterPort(target), cidr: cidr,
                                     cluster: target.clusterIdentifier)
        if !observed.portRules(target).contains(where: { $0.sameRule(as: wanted) }) { return .authorizeIngress(wanted) }
        return .done
    }

    /// Step 5: delete the cluster (a final snapshot only when named) and wait until it is gone, revoke
    /// the ingress rules `iac up` added for this cluster (and any on its port from `revokeCIDRs`), detach every
    /// managed policy, delete the role. Safe from any state: what is absent is skipped.
    public static func down(_ target: ProvisioningTarget, finalSnapshot: String?, revokeCIDRs: [String] = [],
                            observed: ObservedResources) -> ProvisioningAction {
        if let cluster = observed.cluster {
            switch cluster.status.phase {
            case .deleting: return .waitForClusterGone(cluster.status)
            // Redshift refuses to delete a cluster in the middle of a change.
            case .changing: return .waitForCluster(cluster.status)
            case .available, .failed, .paused: return .deleteCluster(finalSnapshot: finalSnapshot)
            }
        }
        if let rule = observed.portRules(target).first(where: { $0.isSparkifys(cluster: target.clusterIdentifier) || revokeCIDRs.contains($0.cidr) }) {
            return .revokeIngress(rule)
        }
        if observed.role != nil {
            if let arn = observed.attachedPolicyARNs.first { return .detachPolicy(arn: arn) }
            return .deleteRole
        }
        return .done
    }

    /// `iac pause`: wait out a change (creating, resuming…), pause an available cluster, wait while it
    /// is pausing; done once it is paused.
    public static func pause(_ target: ProvisioningTarget, observed: ObservedResources) -> ProvisioningAction {
        guard let cluster = observed.cluster else { return .fail(.noCluster(identifier: target.clusterIdentifier)) }
        switch cluster.status.phase {
        case .paused: return .done
        case .available: return .pauseCluster
        case .changing: return .waitForCluster(cluster.status)
        case .deleting, .failed:
            return .fail(.clusterUnusable(identifier: cluster.identifier, status: cluster.status.text,
                                          hint: "only an available cluster can be paused"))
        }
    }

    /// `iac resume`: resume a paused cluster and wait until it is available with its endpoint; an
    /// available one needs nothing.
    public static func resume(_ target: ProvisioningTarget, observed: ObservedResources) -> ProvisioningAction {
        guard let cluster = observed.cluster else { return .fail(.noCluster(identifier: target.clusterIdentifier)) }
        switch cluster.status.phase {
        case .paused: return .resumeCluster
        case .changing: return .waitForCluster(cluster.status)
        case .available: return cluster.endpoint == nil ? .waitForCluster(cluster.status) : .done
        case .deleting, .failed:
            return .fail(.clusterUnusable(identifier: cluster.identifier, status: cluster.status.text,
                                          hint: "only a paused cluster can be resumed"))
        }
    }

    /// AWS errors that mean "this is already the case" for `action` — states, not failures
    /// (someone else, or an interrupted run, did it between our look and our call).
    public static func isAlreadyDone(_ action: ProvisioningAction, errorCode: String) -> Bool {
        switch (action, errorCode) {
        case (.createRole, "EntityAlreadyExists"),
             (.createCluster, "ClusterAlreadyExists"),
             (.restoreCluster, "ClusterAlreadyExists"),
             (.authorizeIngress, "InvalidPermission.Duplicate"),
             (.deleteCluster, "ClusterNotFound"),
             (.revokeIngress, "InvalidPermission.NotFound"),
             (.detachPolicy, "NoSuchEntity"),
             (.deleteRole, "NoSuchEntity"):
            return true
        default:
            return false
        }
    }

    /// The next action towards `goal`.
    public static func next(_ goal: ProvisioningGoal, _ target: ProvisioningTarget,
                            observed: ObservedResources) -> ProvisioningAction {
        switch goal {
        case .up(let cidr, let last):
            let action = up(target, cidr: cidr, observed: observed)
            // One runbook step at a time (the console's 1, 2, 3): stop where that step ends.
            guard let step = action.step, step.order > last.order else { return action }
            return .done
        case .down(let snapshot, let revokeCIDRs):
            return down(target, finalSnapshot: snapshot, revokeCIDRs: revokeCIDRs, observed: observed)
        case .pause: return pause(target, observed: observed)
        case .resume: return resume(target, observed: observed)
        }
    }

    /// What to show for a step that needed nothing: the resource as it stands.
    public static func alreadyDoneDetail(_ step: ProvisioningStep, goal: ProvisioningGoal, target: ProvisioningTarget,
                                         observed: ObservedResources) -> String {
        switch (step, goal) {
        case (.role, .up): return observed.role?.arn ?? target.roleName
        case (.cluster, .up):
            guard let cluster = observed.cluster else { return target.clusterIdentifier }
            return cluster.endpoint.map { "\(cluster.identifier) \($0.address):\($0.port)" } ?? cluster.identifier
        case (.ingress, .up(let cidr, _)):
            return observed.portRules(target).first { $0.cidr == cidr }.map(\.description) ?? cidr
        case (.role, .down): return "no role \(target.roleName)"
        case (.cluster, .down): return "no cluster \(target.clusterIdentifier)"
        case (.ingress, .down): return "no sparkify rule on port \(observed.clusterPort(target))"
        case (.cluster, .pause), (.cluster, .resume):
            return "\(observed.cluster?.identifier ?? target.clusterIdentifier) is \(observed.cluster?.status.text ?? "gone")"
        case (_, .pause), (_, .resume): return ""
        }
    }
}

/// Where a run is heading: steps 1–3 or step 5.
public enum ProvisioningGoal: Sendable, Equatable {
    /// Role, cluster, port open to `cidr` — or only as far as `through` (steps 1 and 2 alone need no CIDR).
    case up(cidr: String, through: ProvisioningStep = .ingress)
    /// Nothing left; a final snapshot only when named; also revoke rules from `revokeCIDRs`.
    case down(finalSnapshot: String?, revokeCIDRs: [String])
    /// The cluster paused (compute not billed), or resumed: nothing else changes.
    case pause
    case resume

    /// The steps in the order the goal takes them.
    public var steps: [ProvisioningStep] {
        switch self {
        case .up(_, let last): return ProvisioningStep.allCases.filter { $0.order <= last.order }
        case .down: return [.cluster, .ingress, .role]
        case .pause, .resume: return [.cluster]
        }
    }
}
