/// One inbound IPv4 rule of a security group: what step 3 adds (tcp, the cluster port, the operator's
/// CIDR) and step 5 removes.
public struct IngressRule: Sendable, Equatable, CustomStringConvertible {
    /// Marks the rules sparkify adds for one cluster ("sparkify iac dwhcluster"), so `iac down` finds
    /// them without knowing the CIDR again and leaves other clusters' rules in a shared group alone.
    public static func sparkifyDescription(cluster: String) -> String { "sparkify iac " + cluster.lowercased() }

    public var groupID: String
    public var ipProtocol: String
    public var fromPort: Int?
    public var toPort: Int?
    public var cidr: String
    /// EC2's per-range `Description`.
    public var ruleDescription: String?

    public init(groupID: String, ipProtocol: String = "tcp", fromPort: Int?, toPort: Int?, cidr: String,
                ruleDescription: String? = nil) {
        self.groupID = groupID
        self.ipProtocol = ipProtocol
        self.fromPort = fromPort
        self.toPort = toPort
        self.cidr = cidr
        self.ruleDescription = ruleDescription
    }

    /// tcp `port` from `cidr`, marked as sparkify's for `cluster`.
    public static func tcp(groupID: String, port: Int, cidr: String, cluster: String) -> IngressRule {
        IngressRule(groupID: groupID, fromPort: port, toPort: port, cidr: cidr,
                    ruleDescription: sparkifyDescription(cluster: cluster))
    }

    /// Same protocol, ports and CIDR: the identity EC2 uses (the description is not part of it).
    public func sameRule(as other: IngressRule) -> Bool {
        groupID == other.groupID && ipProtocol == other.ipProtocol && fromPort == other.fromPort
            && toPort == other.toPort && cidr == other.cidr
    }

    /// Added by `iac up` for `cluster`.
    public func isSparkifys(cluster: String) -> Bool { ruleDescription == Self.sparkifyDescription(cluster: cluster) }

    /// tcp exactly on `port` (not a wider range, not all traffic).
    public func isTCP(port: Int) -> Bool { ipProtocol == "tcp" && fromPort == port && toPort == port }

    /// `sg-123 tcp 5439 from 127.0.0.1/32`
    public var description: String {
        let ports = fromPort == toPort ? fromPort.map(String.init) ?? "all" : "\(fromPort ?? 0)-\(toPort ?? 65535)"
        let proto = ipProtocol == "-1" ? "all traffic" : "\(ipProtocol) \(ports)"
        return "\(groupID) \(proto) from \(cidr)"
    }
}
