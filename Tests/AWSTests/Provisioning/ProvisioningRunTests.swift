@testable import AWS
import Config
import Testing

/// `Provisioner` against moto: steps 1–3 twice, then step 5, checked with the clients themselves.
@Suite struct ProvisioningRunTests {
    static func target() -> ProvisioningTarget {
        ProvisioningTarget(roleName: uniqueName("run-role"), clusterIdentifier: uniqueName("run-cluster"),
                           numberOfNodes: 2, masterPassword: Secret("Passw0rd"))
    }

    static func collect(_ body: (@Sendable (ProvisioningEvent) -> Void) async throws -> Void) async throws
        -> [ProvisioningEvent]
    {
        let events = Recorder<ProvisioningEvent>()
        try await body(events.append)
        return events.all
    }

    @Test func upTwiceThenDownLeavesNothing() async throws {
        let (aws, _) = try await motoClient()
        let provisioner = Provisioner(aws: aws, pollInterval: 0.05, timeout: 60)
        let target = Self.target()
        let cidr = uniqueCIDR()
        let roleARN = "arn:aws:iam::123456789012:role/\(target.roleName)"

        let first = try await Self.collect { events in _ = try await provisioner.up(target, cidr: cidr, events: events) }
        let observed = try await provisioner.observe(target)
        let endpoint = try #require(observed.cluster?.endpoint)
        let group = try #require(observed.securityGroup)
        let rule = "\(group.id) tcp 5439 from \(cidr)"
        #expect(first.filter { if case .step = $0 { true } else { false } } == [
            .step(.role, .created, detail: roleARN),
            .step(.role, .attached, detail: IAMClient.s3ReadOnlyPolicyARN),
            .step(.cluster, .creating, detail: "\(target.clusterIdentifier) dc2.large × 2"),
            .step(.cluster, .available, detail: "\(target.clusterIdentifier) \(endpoint.address):5439"),
            .step(.ingress, .authorized, detail: rule),
        ])
        #expect(observed.role?.arn == roleARN)
        #expect(observed.attachedPolicyARNs == [IAMClient.s3ReadOnlyPolicyARN])
        #expect(observed.cluster?.status.phase == .available)
        #expect(observed.cluster?.iamRoleARNs == [roleARN])
        #expect(observed.portRules(target).filter { $0.isSparkifys(cluster: target.clusterIdentifier) }.map(\.cidr) == [cidr])

        let second = try await Self.collect { events in _ = try await provisioner.up(target, cidr: cidr, events: events) }
        #expect(second == [
            .step(.role, .alreadyDone, detail: roleARN),
            .step(.cluster, .alreadyDone, detail: "\(target.clusterIdentifier) \(endpoint.address):5439"),
            .step(.ingress, .alreadyDone, detail: rule),
        ])

        let down = try await Self.collect { events in
            _ = try await provisioner.down(target, finalSnapshot: nil, events: events)
        }
        #expect(down == [
            .step(.cluster, .deleting, detail: "\(target.clusterIdentifier) (no final snapshot)"),
            .step(.cluster, .deleted, detail: target.clusterIdentifier),
            .step(.ingress, .revoked, detail: rule),
            .step(.role, .detached, detail: IAMClient.s3ReadOnlyPolicyARN),
            .step(.role, .deleted, detail: roleARN),
        ])
        #expect(try await provisioner.iam.role(named: target.roleName) == nil)
        #expect(try await provisioner.redshift.cluster(identifier: target.clusterIdentifier) == nil)
        #expect(try await provisioner.ec2.securityGroup(id: group.id)?.ingressRules.contains { $0.cidr == cidr } == false)

        let again = try await Self.collect { events in
            _ = try await provisioner.down(target, finalSnapshot: nil, events: events)
        }
        #expect(again == [
            .step(.cluster, .alreadyDone, detail: "no cluster \(target.clusterIdentifier)"),
            .step(.ingress, .alreadyDone, detail: "no sparkify rule on port 5439"),
            .step(.role, .alreadyDone, detail: "no role \(target.roleName)"),
        ])
    }

    @Test func upResumesAfterAnInterruptedRun() async throws {
        let (aws, _) = try await motoClient()
        let provisioner = Provisioner(aws: aws, pollInterval: 0.05, timeout: 60)
        let target = Self.target()
        // A run that stopped after CreateRole: the policy is not attached yet.
        _ = try await provisioner.iam.createRole(name: target.roleName)

        let events = try await Self.collect { events in
            _ = try await provisioner.up(target, cidr: uniqueCIDR(), events: events)
        }
        #expect(events.compactMap { if case .step(let step, let outcome, _) = $0 { "\(step.rawValue) \(outcome.rawValue)" } else { nil } }
            == ["role attached", "cluster creating", "cluster available", "ingress authorized"])
        _ = try await provisioner.down(target, finalSnapshot: nil, events: { _ in })
    }

    @Test func downWithoutAnythingTouchesNothing() async throws {
        let (aws, records) = try await motoClient()
        let provisioner = Provisioner(aws: aws, pollInterval: 0.05, timeout: 60)
        let final = try await provisioner.down(Self.target(), finalSnapshot: "never-taken", events: { _ in })
        #expect(final.role == nil)
        #expect(final.cluster == nil)
        let mutating = ["DeleteCluster", "RevokeSecurityGroupIngress", "DetachRolePolicy", "DeleteRole"]
        #expect(records.all.map(\.action).filter(mutating.contains) == [])
    }

    @Test func aMissingPasswordStopsBeforeCreateCluster() async throws {
        let (aws, records) = try await motoClient()
        let provisioner = Provisioner(aws: aws, pollInterval: 0.05, timeout: 60)
        var target = Self.target()
        target.masterPassword = nil
        await #expect(throws: ProvisioningError.passwordMissing(location: "[DWH] DWH_DB_PASSWORD")) {
            _ = try await provisioner.up(target, cidr: uniqueCIDR(), events: { _ in })
        }
        #expect(!records.all.map(\.action).contains("CreateCluster"))
        _ = try await provisioner.down(target, finalSnapshot: nil, events: { _ in })
        #expect(try await provisioner.iam.role(named: target.roleName) == nil)
    }
}
