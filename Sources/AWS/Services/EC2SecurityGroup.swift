/// A VPC security group with its inbound rules (DescribeSecurityGroups).
public struct EC2SecurityGroup: Sendable, Equatable {
    public var id: String
    public var name: String
    public var vpcID: String?
    public var ingress: [EC2Permission]

    public init(id: String, name: String, vpcID: String?, ingress: [EC2Permission]) {
        self.id = id
        self.name = name
        self.vpcID = vpcID
        self.ingress = ingress
    }

    /// Parses an `<item>` of `<securityGroupInfo>`.
    init(xml item: XMLElement) throws(AWSError) {
        id = try item.required("groupId", .ec2, "DescribeSecurityGroups")
        name = item.value("groupName") ?? ""
        vpcID = item.value("vpcId")
        ingress = item.child("ipPermissions")?.children("item").map(EC2Permission.init(xml:)) ?? []
    }

    /// The IPv4 rules of this group as (protocol, ports, CIDR) triples, one per range.
    public var ingressRules: [IngressRule] {
        ingress.flatMap { permission in
            permission.ranges.map {
                IngressRule(groupID: id, ipProtocol: permission.ipProtocol, fromPort: permission.fromPort,
                            toPort: permission.toPort, cidr: $0.cidr, ruleDescription: $0.description)
            }
        }
    }
}

/// One `<item>` of `<ipPermissions>`: a protocol and port range open to some CIDR ranges.
public struct EC2Permission: Sendable, Equatable {
    public struct Range: Sendable, Equatable {
        public var cidr: String
        public var description: String?

        public init(cidr: String, description: String? = nil) {
            self.cidr = cidr
            self.description = description
        }
    }

    /// `tcp`, `udp`, `icmp` or `-1` (all traffic).
    public var ipProtocol: String
    public var fromPort: Int?
    public var toPort: Int?
    public var ranges: [Range]

    public init(ipProtocol: String, fromPort: Int?, toPort: Int?, ranges: [Range]) {
        self.ipProtocol = ipProtocol
        self.fromPort = fromPort
        self.toPort = toPort
        self.ranges = ranges
    }

    init(xml item: XMLElement) {
        ipProtocol = item.value("ipProtocol") ?? ""
        fromPort = item.value("fromPort").flatMap { Int($0) }
        toPort = item.value("toPort").flatMap { Int($0) }
        ranges = item.child("ipRanges")?.children("item").compactMap { range in
            range.value("cidrIp").map { Range(cidr: $0, description: range.value("description")) }
        } ?? []
    }
}

/// A VPC (DescribeVpcs).
public struct EC2Vpc: Sendable, Equatable {
    public var id: String
    public var cidrBlock: String?
    public var isDefault: Bool

    public init(id: String, cidrBlock: String?, isDefault: Bool) {
        self.id = id
        self.cidrBlock = cidrBlock
        self.isDefault = isDefault
    }

    init(xml item: XMLElement) throws(AWSError) {
        id = try item.required("vpcId", .ec2, "DescribeVpcs")
        cidrBlock = item.value("cidrBlock")
        isDefault = item.value("isDefault") == "true"
    }
}
