import AWS
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
    /// AWS is an emulator (`[AWS] ENDPOINT`, `AWS_ENDPOINT_URL`): its clusters cost nothing.
    public var emulated: Bool
    /// A pause or resume running in this process, as its line says now ("pausing (45 s)"): ahead of
    /// ``status``, which is the last observation's.
    public var change: String?
    /// The cluster's snapshots when the look listed them (`iac status`).
    public var snapshots: [ClusterSnapshotFact]?
    /// "arn:aws:sts::…:assumed-role/Ops/sparkify via profile ops (assume-role)" (``AWSFacts/identity``).
    public var identity: String?

    public init(target: Observation.Target, region: String? = nil, identifier: String, status: ClusterPhase? = nil,
                nodeType: String? = nil, nodes: Int? = nil, endpoint: ClusterEndpoint? = nil, roleARN: String? = nil,
                ingress: String? = nil, created: Date? = nil, emulated: Bool = false) {
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
        self.emulated = emulated
    }

    public init(_ observation: Observation) {
        let facts = observation.aws.value
        let cluster = facts?.cluster
        self.init(target: observation.target, region: facts?.region, identifier: observation.clusterIdentifier,
                  status: cluster.map { ClusterPhase(redshiftStatus: $0.status) }, nodeType: cluster?.nodeType, nodes: cluster?.nodes, endpoint: cluster?.endpoint,
                  roleARN: facts?.role?.arn,
                  ingress: (facts?.ingress.first(where: \.sparkify) ?? facts?.ingress.first)?.description,
                  created: cluster?.created, emulated: observation.emulated)
        snapshots = facts?.snapshots
        identity = facts?.identity
    }

    /// Seconds since the cluster was created.
    public func uptime(at now: Date) -> Double? { created.map { max(0, now.timeIntervalSince($0)) } }

    /// The status line: the running pause or resume's wait, else the observed phase.
    public var statusText: String? { change ?? status?.text }

    /// Paused: compute is not billed (storage is), so the cost meter stops.
    public var isPaused: Bool { status == .paused }

    /// The on-demand cost so far; nil in the sandbox, without a cluster, while paused (compute is not
    /// billed then), or for a node type without a known price.
    public func cost(at now: Date) -> CostEstimate? {
        guard isOnRealAWS, !isPaused, let nodeType, let nodes, let created else { return nil }
        return CostEstimate(nodeType: nodeType, nodes: nodes, since: created, now: now)
    }

    /// A cluster on real AWS, billed by the second while it exists.
    var isOnRealAWS: Bool { target == .aws && !emulated && status != nil }

    /// The one decision both faces make when the operator leaves (the console's quit dialog, a headless
    /// command's last line): a cluster on real AWS keeps costing money — unless it is already going away
    /// or paused (then only its storage is billed, which is what pausing is for).
    public var keepsCostingMoney: Bool {
        guard isOnRealAWS, let status else { return false }
        return status != .deleting && status != .paused
    }

    /// "cluster dwhcluster is still available ($1.00/h, …): clean up with step 5 or …"; nil when
    /// leaving costs nothing (see ``keepsCostingMoney``).
    public func exitWarning(at now: Date) -> String? {
        guard keepsCostingMoney, let status else { return nil }
        let cost = cost(at: now).map { " (\($0.text))" } ?? ""
        return "cluster \(identifier) is still \(status.text)\(cost): pause it with `sparkify iac pause` "
            + "(compute stops billing, storage stays billed) or clean up with step 5 or `sparkify iac down --yes` when you are done"
    }
}
