/// `iac plan` (Terraform's plan): what `iac up` would call and create, from what exists now — each
/// resource marked as existing or not, the calls in order, and what would stop the run.
///
/// Pure, and made of ``ProvisioningPlan``'s own decisions: the plan is asked for its next action, the
/// action is applied to a copy of ``ObservedResources`` as if it had succeeded, and the plan is asked
/// again — the same loop ``ProvisioningRun`` follows against AWS, so the preview and `iac up` cannot
/// disagree.
public struct ProvisioningPreview: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case role, policy, cluster, ingress

        /// The runbook step that creates it.
        public var step: ProvisioningStep {
            switch self {
            case .role, .policy: return .role
            case .cluster: return .cluster
            case .ingress: return .ingress
            }
        }
    }

    /// One thing `iac up` makes sure of.
    public struct Resource: Sendable, Equatable {
        public var kind: Kind
        /// Role name, policy ARN, cluster identifier, the ingress rule ("tcp 5439 from 203.0.113.7/32").
        public var name: String
        public var exists: Bool
        /// What it is or would be: "multi-node dc2.large × 4, database dwh, user dwhuser, port 5439".
        public var detail: String

        public init(kind: Kind, name: String, exists: Bool, detail: String) {
            self.kind = kind
            self.name = name
            self.exists = exists
            self.detail = detail
        }
    }

    /// One AWS request `iac up` would make, in order (waits are DescribeClusters polls).
    public struct Call: Sendable, Equatable {
        public var service: String
        public var action: String
        public var subject: String

        public init(_ service: String, _ action: String, _ subject: String) {
            self.service = service
            self.action = action
            self.subject = subject
        }

        /// "iam CreateRole dwhRole"
        public var description: String { "\(service) \(action) \(subject)" }
    }

    public var resources: [Resource]
    public var calls: [Call]
    /// What would stop `iac up` before it is done (a paused cluster, no security group, a missing
    /// password): the run's own error message.
    public var blocker: ProvisioningError?
    /// The cluster that would be billed: the existing one's size, else the configured one.
    public var nodeType: String
    public var nodes: Int

    /// What `iac up` (`through: .ingress`, needing `cidr`) or one console step (`.role`, `.cluster`) would do.
    public init(_ target: ProvisioningTarget, cidr: String, through last: ProvisioningStep = .ingress,
                observed: ObservedResources) {
        let goal = ProvisioningGoal.up(cidr: cidr, through: last)
        var world = observed
        var calls: [Call] = []
        var blocker: ProvisioningError?
        // Each step takes at most two actions (create + attach, create + wait): a bound, not a guess.
        steps: for _ in 0..<8 {
            let action = ProvisioningPlan.next(goal, target, observed: world)
            switch action {
            case .done:
                break steps
            case .fail(let error):
                blocker = error
                break steps
            case .createRole:
                calls.append(Call("iam", "CreateRole", target.roleName))
                world.role = IAMRole(name: target.roleName, arn: "arn:aws:iam::<account>:role/\(target.roleName)")
            case .attachPolicy(let arn):
                calls.append(Call("iam", "AttachRolePolicy", "\(arn) to \(target.roleName)"))
                world.attachedPolicyARNs.append(arn)
            case .createCluster(let roleARN), .restoreCluster(let roleARN, _):
                do throws(ProvisioningError) { _ = try target.clusterSpec(roleARN: roleARN) } catch {
                    blocker = error
                    break steps
                }
                if case .restoreCluster(_, let snapshot) = action {
                    calls.append(Call("redshift", "RestoreFromClusterSnapshot", "\(target.clusterIdentifier) from \(snapshot)"))
                } else {
                    calls.append(Call("redshift", "CreateCluster", target.clusterIdentifier))
                }
                world.cluster = RedshiftCluster(identifier: target.clusterIdentifier, status: RedshiftClusterStatus("creating"),
                                                nodeType: target.nodeType, numberOfNodes: Self.billedNodes(target),
                                                vpcID: observed.securityGroup?.vpcID,
                                                vpcSecurityGroupIDs: observed.securityGroup.map { [$0.id] } ?? [])
            case .waitForCluster(let status):
                calls.append(Call("redshift", "DescribeClusters", "until \(target.clusterIdentifier) is available (now \(status.text))"))
                world.cluster?.status = RedshiftClusterStatus("available")
                if world.cluster?.endpoint == nil {
                    world.cluster?.endpoint = RedshiftCluster.Endpoint(address: "<endpoint>", port: target.port)
                }
            case .waitForClusterGone(let status):
                calls.append(Call("redshift", "DescribeClusters", "until \(target.clusterIdentifier) is gone (now \(status.text))"))
                world.cluster = nil
            case .authorizeIngress(let rule):
                calls.append(Call("ec2", "AuthorizeSecurityGroupIngress", rule.description))
                // The last thing `up` does.
                break steps
            case .deleteCluster, .revokeIngress, .detachPolicy, .deleteRole, .pauseCluster, .resumeCluster:
                preconditionFailure("\(action) is never up's")
            }
        }
        self.calls = calls
        self.blocker = blocker
        nodeType = observed.cluster?.nodeType ?? target.nodeType
        nodes = observed.cluster?.numberOfNodes ?? Self.billedNodes(target)
        resources = Kind.allCases.filter { goal.steps.contains($0.step) }.map {
            Self.resource($0, target, cidr: cidr, observed: observed)
        }
    }

    /// `iac up` would create the cluster: it starts costing money.
    /// A new cluster (created, or restored from a snapshot) is billed from the call on.
    public var createsCluster: Bool {
        calls.contains { ["CreateCluster", "RestoreFromClusterSnapshot"].contains($0.action) }
    }

    /// Nothing to create, nothing in the way.
    public var isNoChange: Bool { calls.isEmpty && blocker == nil }

    /// A single-node cluster has one node whatever DWH_NUM_NODES says.
    static func billedNodes(_ target: ProvisioningTarget) -> Int {
        target.clusterType == "single-node" ? 1 : target.numberOfNodes
    }

    private static func resource(_ kind: Kind, _ target: ProvisioningTarget, cidr: String,
                                 observed: ObservedResources) -> Resource {
        switch kind {
        case .role:
            return Resource(kind: .role, name: target.roleName, exists: observed.role != nil,
                            detail: observed.role?.arn ?? "assumable by Redshift")
        case .policy:
            return Resource(kind: .policy, name: target.policyARN, exists: observed.attachedPolicyARNs.contains(target.policyARN),
                            detail: "attached to \(target.roleName)")
        case .cluster:
            if let cluster = observed.cluster {
                return Resource(kind: .cluster, name: cluster.identifier, exists: true,
                                detail: "\(cluster.nodeType) × \(cluster.numberOfNodes), \(cluster.status.text)")
            }
            return Resource(kind: .cluster, name: target.clusterIdentifier, exists: false,
                            detail: "\(target.clusterType) \(target.nodeType) × \(billedNodes(target)), database \(target.database), "
                                + "user \(target.masterUsername), port \(target.port)")
        case .ingress:
            let port = observed.clusterPort(target)
            let name = "tcp \(port) from \(cidr)"
            guard let group = observed.securityGroup else {
                return Resource(kind: .ingress, name: name, exists: false, detail: "no security group found")
            }
            let wanted = IngressRule.tcp(groupID: group.id, port: port, cidr: cidr, cluster: target.clusterIdentifier)
            return Resource(kind: .ingress, name: name, exists: observed.portRules(target).contains { $0.sameRule(as: wanted) },
                            detail: "in \(group.id) (\(group.name))")
        }
    }

    /// The plan as text, one resource a line, then the calls:
    /// "create  cluster  dwhcluster  multi-node dc2.large × 4, …".
    public var lines: [String] {
        var lines = resources.map { resource in
            (resource.exists ? "exists  " : "create  ") + resource.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                + resource.name + "  " + resource.detail
        }
        if calls.isEmpty {
            lines.append("calls    none: everything exists")
        } else {
            lines.append("calls    " + calls.map(\.description).joined(separator: "; "))
        }
        if let blocker { lines.append("stops    " + blocker.description) }
        return lines
    }
}
