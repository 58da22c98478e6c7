import Foundation

/// `iac status`: what exists for the target, as text lines and as one JSON object (snake_case keys).
public struct ProvisioningStatus: Sendable, Codable, Equatable {
    public struct Role: Sendable, Codable, Equatable {
        public var name: String
        public var arn: String
        public var policies: [String]
    }

    public struct Cluster: Sendable, Codable, Equatable {
        public var identifier: String
        public var status: String
        public var nodeType: String
        public var nodes: Int
        public var endpoint: String?
        public var port: Int?
        public var vpcID: String?
        public var created: String?
    }

    public struct Ingress: Sendable, Codable, Equatable {
        public var groupID: String
        public var cidr: String
        public var port: Int
        /// Added by `iac up` for this cluster (and removed by `iac down`).
        public var sparkify: Bool
    }

    public var account: String?
    public var region: String
    /// The emulator endpoint, when not real AWS.
    public var endpoint: String?
    public var roleName: String
    public var role: Role?
    public var clusterIdentifier: String
    public var cluster: Cluster?
    public var ingress: [Ingress]

    public init(target: ProvisioningTarget, observed: ObservedResources, identity: CallerIdentity?, region: String,
                endpoint: String?) {
        account = identity?.account
        self.region = region
        self.endpoint = endpoint
        roleName = target.roleName
        role = observed.role.map {
            Role(name: $0.name, arn: $0.arn, policies: observed.attachedPolicyARNs)
        }
        clusterIdentifier = target.clusterIdentifier
        cluster = observed.cluster.map {
            Cluster(identifier: $0.identifier, status: $0.status.text, nodeType: $0.nodeType, nodes: $0.numberOfNodes,
                    endpoint: $0.endpoint?.address, port: $0.endpoint?.port, vpcID: $0.vpcID,
                    created: $0.created.map { $0.formatted(.iso8601) })
        }
        ingress = observed.portRules(target).map {
            Ingress(groupID: $0.groupID, cidr: $0.cidr, port: $0.fromPort ?? target.port, sparkify: $0.isSparkifys(cluster: target.clusterIdentifier))
        }
    }

    public var lines: [String] {
        var lines: [String] = []
        if let account { lines.append("account  \(account)") }
        lines.append("region   \(region)" + (endpoint.map { " (endpoint \($0))" } ?? ""))
        if let role {
            let policies = role.policies.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
            lines.append("role     \(role.arn)  policies: \(policies.isEmpty ? "none" : policies.joined(separator: ", "))")
        } else {
            lines.append("role     \(roleName): none (run `sparkify iac up`)")
        }
        if let cluster {
            var line = "cluster  \(cluster.identifier)  \(cluster.status)  \(cluster.nodeType) × \(cluster.nodes)"
            if let endpoint = cluster.endpoint { line += "  endpoint \(endpoint):\(cluster.port ?? 5439)" }
            if let created = cluster.created { line += "  created \(created)" }
            lines.append(line)
        } else {
            lines.append("cluster  \(clusterIdentifier): none (run `sparkify iac up`)")
        }
        if ingress.isEmpty {
            lines.append("ingress  none on the cluster port")
        }
        for rule in ingress {
            lines.append("ingress  \(rule.groupID) tcp \(rule.port) from \(rule.cidr)" + (rule.sparkify ? " (sparkify)" : ""))
        }
        return lines
    }

    /// After `iac up`: the two values the other commands need, as dwh.cfg lines.
    public static func configHint(_ observed: ObservedResources) -> [String] {
        guard let role = observed.role, let endpoint = observed.cluster?.endpoint else { return [] }
        return [
            "Put these into dwh.cfg:",
            "  [CLUSTER]",
            "  HOST = \(endpoint.address)",
            "  DB_PORT = \(endpoint.port)",
            "  [IAM_ROLE]",
            "  ARN = \(role.arn)",
        ]
    }
}
