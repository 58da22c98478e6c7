@testable import AWS
import Testing

@Suite struct EC2ClientTests {
    // Example 4 of DescribeSecurityGroups in the EC2 API Reference: a default group with an RDP rule.
    static let describeSample = """
        <DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
        <requestId>6b0c76fb-0da6-4357-bb60-1fexample</requestId>
            <securityGroupInfo>
                <item>
                    <ownerId>123456789012</ownerId>
                    <groupId>sg-bcc24bcd</groupId>
                    <groupName>default</groupName>
                    <groupDescription>default VPC security group</groupDescription>
                    <vpcId>vpc-a33cbfda</vpcId>
                    <ipPermissions>
                        <item>
                            <ipProtocol>-1</ipProtocol>
                            <groups>
                                <item>
                                    <userId>123456789012</userId>
                                    <groupId>sg-bcc24bcd</groupId>
                                </item>
                            </groups>
                            <ipRanges/>
                            <ipv6Ranges/>
                            <prefixListIds/>
                        </item>
                        <item>
                            <ipProtocol>tcp</ipProtocol>
                            <fromPort>3389</fromPort>
                            <toPort>3389</toPort>
                            <groups/>
                            <ipRanges>
                                <item>
                                    <cidrIp>203.0.113.0/24</cidrIp>
                                    <description>RDP access from B network</description>
                                </item>
                            </ipRanges>
                            <ipv6Ranges/>
                            <prefixListIds/>
                        </item>
                    </ipPermissions>
                    <ipPermissionsEgress>
                        <item>
                            <ipProtocol>-1</ipProtocol>
                            <groups/>
                            <ipRanges>
                                <item>
                                    <cidrIp>0.0.0.0/0</cidrIp>
                                </item>
                            </ipRanges>
                            <ipv6Ranges/>
                            <prefixListIds/>
                        </item>
                    </ipPermissionsEgress>
                </item>
            </securityGroupInfo>
        </DescribeSecurityGroupsResponse>
        """

    @Test func authorizeOpensOneTCPPortToOneCIDRWithSparkifysMark() {
        let request = EC2Client.authorizeIngressRequest(.tcp(groupID: "sg-1", port: 5439, cidr: "127.0.0.1/32",
                                                                      cluster: "dwhCluster"))
        #expect(request.service == .ec2)
        #expect(request.action == "AuthorizeSecurityGroupIngress")
        #expect(request.version == "2016-11-15")
        #expect(request.parameters.map { "\($0.0)=\($0.1)" } == [
            "GroupId=sg-1", "IpPermissions.1.IpProtocol=tcp", "IpPermissions.1.FromPort=5439",
            "IpPermissions.1.ToPort=5439", "IpPermissions.1.IpRanges.1.CidrIp=127.0.0.1/32",
            "IpPermissions.1.IpRanges.1.Description=sparkify iac dwhcluster",
        ])
    }

    @Test func revokeNamesTheRuleWithoutItsDescription() {
        let request = EC2Client.revokeIngressRequest(.tcp(groupID: "sg-1", port: 5439, cidr: "127.0.0.1/32", cluster: "c"))
        #expect(request.action == "RevokeSecurityGroupIngress")
        #expect(request.parameters.map { "\($0.0)=\($0.1)" } == [
            "GroupId=sg-1", "IpPermissions.1.IpProtocol=tcp", "IpPermissions.1.FromPort=5439",
            "IpPermissions.1.ToPort=5439", "IpPermissions.1.IpRanges.1.CidrIp=127.0.0.1/32",
        ])
    }

    @Test func describeRequestsUseFilters() {
        #expect(EC2Client.describeDefaultVpcRequest().parameters.map { "\($0.0)=\($0.1)" }
            == ["Filter.1.Name=isDefault", "Filter.1.Value.1=true"])
        #expect(EC2Client.describeSecurityGroupRequest(vpcID: "vpc-1", name: "default").parameters.map { "\($0.0)=\($0.1)" }
            == ["Filter.1.Name=vpc-id", "Filter.1.Value.1=vpc-1", "Filter.2.Name=group-name", "Filter.2.Value.1=default"])
        #expect(EC2Client.describeSecurityGroupRequest(id: "sg-1").parameters.map { "\($0.0)=\($0.1)" } == ["GroupId.1=sg-1"])
    }

    @Test func parsesTheAPIReferenceSecurityGroupSample() throws {
        let groups = try EC2Client.securityGroups(in: try parseXML(Self.describeSample).queryResult("DescribeSecurityGroups"))
        #expect(groups.count == 1)
        let group = try #require(groups.first)
        #expect(group.id == "sg-bcc24bcd")
        #expect(group.name == "default")
        #expect(group.vpcID == "vpc-a33cbfda")
        #expect(group.ingress.map(\.ipProtocol) == ["-1", "tcp"])
        // Only IPv4 ranges make rules; the group-to-group permission has none.
        #expect(group.ingressRules == [IngressRule(groupID: "sg-bcc24bcd", fromPort: 3389, toPort: 3389,
                                                   cidr: "203.0.113.0/24", ruleDescription: "RDP access from B network")])
        #expect(group.ingressRules.map(\.description) == ["sg-bcc24bcd tcp 3389 from 203.0.113.0/24"])
    }

    @Test func parsesMotosDefaultVpc() throws {
        // DescribeVpcs as moto 5.2 answers it (the API reference's sample has the same elements).
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><vpcSet><item>\
            <ownerId>123456789012</ownerId><instanceTenancy>default</instanceTenancy><ipv6CidrBlockAssociationSet/>\
            <cidrBlockAssociationSet><item><associationId>vpc-cidr-assoc-c24b9c2a532bc72df</associationId>\
            <cidrBlock>172.31.0.0/16</cidrBlock><cidrBlockState><state>associated</state></cidrBlockState></item>\
            </cidrBlockAssociationSet><isDefault>true</isDefault><tagSet/><vpcId>vpc-85c6a03741de92d5f</vpcId>\
            <state>available</state><cidrBlock>172.31.0.0/16</cidrBlock><dhcpOptionsId>default</dhcpOptionsId>\
            </item></vpcSet><requestId>request-id</requestId></DescribeVpcsResponse>
            """
        #expect(try EC2Client.vpcs(in: try parseXML(xml).queryResult("DescribeVpcs"))
            == [EC2Vpc(id: "vpc-85c6a03741de92d5f", cidrBlock: "172.31.0.0/16", isDefault: true)])
    }

    @Test func ruleIdentityIgnoresTheDescription() {
        let ours = IngressRule.tcp(groupID: "sg-1", port: 5439, cidr: "10.0.0.1/32", cluster: "c1")
        var theirs = ours
        theirs.ruleDescription = nil
        #expect(ours.sameRule(as: theirs))
        #expect(ours.isSparkifys(cluster: "C1"))
        #expect(!ours.isSparkifys(cluster: "c2"))
        #expect(!theirs.isSparkifys(cluster: "c1"))
        theirs.cidr = "10.0.0.2/32"
        #expect(!ours.sameRule(as: theirs))
        #expect(ours.isTCP(port: 5439))
        #expect(!IngressRule(groupID: "sg-1", ipProtocol: "-1", fromPort: nil, toPort: nil, cidr: "0.0.0.0/0").isTCP(port: 5439))
    }
}
