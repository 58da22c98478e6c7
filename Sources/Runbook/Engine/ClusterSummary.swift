import Foundation

/// What the cluster panel shows (PRODUCT §4): id, status, node type × count, region, endpoint, role ARN,
/// ingress rule, and — with the time of day — uptime and cost so far. In the sandbox it says so.
public struct ClusterSummary: Sendable, Equatable {
    public var target: Observation.Target
    public var region: String?
    public var identifier: String
    /// nil when there is no cluster (or AWS was not reachable).
    public var status: ClusterPhase?
    public var nodeType: String?
    public var nodes: Int?
    public var endpoint: ClusterEndpoint?
    public var roleARN: String?
    /// "tcp 5439 from 203.0.113.7/32"
    public var ingress: String?
    public var created: Date?

    public init(target: Observation.Target, region: String? = nil, identifier: String, status: ClusterPhase? = nil,
                nodeType: String? = nil, nodes: Int? = nil, endpoint: ClusterEndpoint? = nil, roleARN: String? = nil,
                ingress: String? = nil, created: Date? = nil) {
        self.target = target
        self.region = region
        self.identifier = identifier
        self.status = status
        self.nodeType = nodeType
        self.nodes = nodes
        self.endpoint = endpoint
        self.roleARN = roleARN
        self.ingress = ingress
        self.created = created
    }

    public init(_ observation: Observation) {
        let facts = observation.aws.value
        let cluster = facts?.cluster
        self.init(target: observation.target, region: facts?.region, identifier: observation.clusterIdentifier,
                  status: cluster.map { ClusterPhase(redshiftStatus: $0.status) }, nodeType: cluster?.nodeType, nodes: cluster?.nodes, endpoint: cluster?.endpoint,
                  roleARN: facts?.role?.arn,
                  ingress: (facts?.ingress.first(where: \.sparkify) ?? facts?.ingress.first)?.description,
                  created: cluster?.created)
    }

    /// Seconds since the cluster was created.
    public func uptime(at now: Date) -> Double? { created.map { max(0, now.timeIntervalSince($0)) } }

    /// The on-demand cost so far; nil in the sandbox, without a cluster, or for a node type without a known price.
    public func cost(at now: Date) -> CostEstimate? {
        guard target == .aws, status != nil, let nodeType, let nodes, let created else { return nil }
        return CostEstimate(nodeType: nodeType, nodes: nodes, since: created, now: now)
    }
}
