/// EC2, as step 3 and step 5 use it: find the cluster VPC's security group, open and close the port.
public struct EC2Client: Sendable {
    public static let version = "2016-11-15"

    let aws: AWSClient

    public init(_ aws: AWSClient) { self.aws = aws }

    // MARK: Requests (pure)

    /// The account's default VPC of the region.
    public static func describeDefaultVpcRequest() -> QueryRequest {
        request("DescribeVpcs", filters: [("isDefault", "true")])
    }

    public static func describeSecurityGroupRequest(id: String) -> QueryRequest {
        request("DescribeSecurityGroups", [("GroupId.1", id)])
    }

    /// The group named `name` in `vpcID` (every VPC has one named `default`).
    public static func describeSecurityGroupRequest(vpcID: String, name: String) -> QueryRequest {
        request("DescribeSecurityGroups", filters: [("vpc-id", vpcID), ("group-name", name)])
    }

    public static func authorizeIngressRequest(_ rule: IngressRule) -> QueryRequest {
        request("AuthorizeSecurityGroupIngress", permissionParameters(rule, withDescription: true))
    }

    public static func revokeIngressRequest(_ rule: IngressRule) -> QueryRequest {
        request("RevokeSecurityGroupIngress", permissionParameters(rule, withDescription: false))
    }

    private static func permissionParameters(_ rule: IngressRule, withDescription: Bool) -> [(String, String)] {
        var parameters = [("GroupId", rule.groupID), ("IpPermissions.1.IpProtocol", rule.ipProtocol)]
        if let from = rule.fromPort { parameters.append(("IpPermissions.1.FromPort", String(from))) }
        if let to = rule.toPort { parameters.append(("IpPermissions.1.ToPort", String(to))) }
        parameters.append(("IpPermissions.1.IpRanges.1.CidrIp", rule.cidr))
        if withDescription, let text = rule.ruleDescription {
            parameters.append(("IpPermissions.1.IpRanges.1.Description", text))
        }
        return parameters
    }

    private static func request(_ action: String, _ parameters: [(String, String)] = [],
                                filters: [(String, String)] = []) -> QueryRequest {
        var all = parameters
        for (index, filter) in filters.enumerated() {
            all += [("Filter.\(index + 1).Name", filter.0), ("Filter.\(index + 1).Value.1", filter.1)]
        }
        return QueryRequest(service: .ec2, action: action, version: version, parameters: all)
    }

    // MARK: Responses (pure)

    public static func vpcs(in response: XMLElement) throws(AWSError) -> [EC2Vpc] {
        var vpcs: [EC2Vpc] = []
        for item in response.child("vpcSet")?.children("item") ?? [] { vpcs.append(try EC2Vpc(xml: item)) }
        return vpcs
    }

    public static func securityGroups(in response: XMLElement) throws(AWSError) -> [EC2SecurityGroup] {
        var groups: [EC2SecurityGroup] = []
        for item in response.child("securityGroupInfo")?.children("item") ?? [] {
            groups.append(try EC2SecurityGroup(xml: item))
        }
        return groups
    }

    // MARK: Calls

    /// The default VPC, or nil when the account has none in this region.
    public func defaultVpc() async throws(AWSError) -> EC2Vpc? {
        try Self.vpcs(in: try await aws.perform(Self.describeDefaultVpcRequest())).first { $0.isDefault }
    }

    /// The group, or nil when EC2 says `InvalidGroup.NotFound`.
    public func securityGroup(id: String) async throws(AWSError) -> EC2SecurityGroup? {
        do {
            return try Self.securityGroups(in: try await aws.perform(Self.describeSecurityGroupRequest(id: id))).first
        } catch where error.code == "InvalidGroup.NotFound" {
            return nil
        }
    }

    public func securityGroup(vpcID: String, name: String) async throws(AWSError) -> EC2SecurityGroup? {
        try Self.securityGroups(in: try await aws.perform(Self.describeSecurityGroupRequest(vpcID: vpcID, name: name)))
            .first
    }

    /// Throws `InvalidPermission.Duplicate` when the rule exists.
    public func authorizeIngress(_ rule: IngressRule) async throws(AWSError) {
        _ = try await aws.perform(Self.authorizeIngressRequest(rule))
    }

    /// Throws `InvalidPermission.NotFound` when there is no such rule.
    public func revokeIngress(_ rule: IngressRule) async throws(AWSError) {
        _ = try await aws.perform(Self.revokeIngressRequest(rule))
    }
}
