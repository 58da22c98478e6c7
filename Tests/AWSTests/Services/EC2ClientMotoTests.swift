@testable import AWS
import Foundation
import Testing

/// A /32 in 10.0.0.0/8 that no other test uses: tests share moto's default security group.
func uniqueCIDR() -> String {
    let bytes = (0..<3).map { _ in String(UInt8.random(in: 1...254)) }
    return "10.\(bytes.joined(separator: "."))/32"
}

@Suite struct EC2ClientMotoTests {
    @Test func ingressLifecycleWithDuplicateAndMissingAsStates() async throws {
        let (aws, _) = try await motoClient()
        let ec2 = EC2Client(aws)
        let vpc = try #require(try await ec2.defaultVpc())
        #expect(vpc.isDefault)
        #expect(vpc.cidrBlock == "172.31.0.0/16")
        let group = try #require(try await ec2.securityGroup(vpcID: vpc.id, name: "default"))
        #expect(group.vpcID == vpc.id)
        #expect(try await ec2.securityGroup(id: group.id)?.id == group.id)

        let cluster = uniqueName("ec2-cluster")
        let rule = IngressRule.tcp(groupID: group.id, port: 5439, cidr: uniqueCIDR(), cluster: cluster)
        try await ec2.authorizeIngress(rule)
        let opened = try #require(try await ec2.securityGroup(id: group.id))
        #expect(opened.ingressRules.filter { $0.cidr == rule.cidr } == [rule])

        let duplicate = await awsErrorCode { () async throws(AWSError) in try await ec2.authorizeIngress(rule) }
        #expect(duplicate?.code == "InvalidPermission.Duplicate")

        try await ec2.revokeIngress(rule)
        #expect(try await ec2.securityGroup(id: group.id)?.ingressRules.contains { $0.cidr == rule.cidr } == false)
        let missing = await awsErrorCode { () async throws(AWSError) in try await ec2.revokeIngress(rule) }
        #expect(missing?.code == "InvalidPermission.NotFound")
    }

    @Test func anUnknownGroupIsNil() async throws {
        let (aws, _) = try await motoClient()
        #expect(try await EC2Client(aws).securityGroup(id: "sg-0000000000000dead") == nil)
    }
}
