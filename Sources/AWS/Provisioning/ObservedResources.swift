/// What exists right now for one target: the plan decides from this alone, so every step is
/// idempotent and a run can resume wherever the last one stopped.
public struct ObservedResources: Sendable, Equatable {
    public var role: IAMRole?
    public var attachedPolicyARNs: [String]
    public var cluster: RedshiftCluster?
    /// The cluster VPC's security group (the default VPC's `default` group when there is no cluster).
    public var securityGroup: EC2SecurityGroup?

    public init(role: IAMRole? = nil, attachedPolicyARNs: [String] = [], cluster: RedshiftCluster? = nil,
                securityGroup: EC2SecurityGroup? = nil) {
        self.role = role
        self.attachedPolicyARNs = attachedPolicyARNs
        self.cluster = cluster
        self.securityGroup = securityGroup
    }

    /// The port clients use: the endpoint's, else the configured one.
    public func clusterPort(_ target: ProvisioningTarget) -> Int { cluster?.endpoint?.port ?? target.port }

    /// The group's tcp rules on the cluster port.
    public func portRules(_ target: ProvisioningTarget) -> [IngressRule] {
        let port = clusterPort(target)
        return securityGroup?.ingressRules.filter { $0.isTCP(port: port) } ?? []
    }
}
