import AWS
import Config
import Runbook
import Testing

/// Step 2 on real AWS starts billing by the hour: its confirmation shows the plan and the cost.
@Suite("Engine: step 2's confirmation on real AWS shows the plan and its cost")
struct EngineClusterPlanTests {
    typealias F = EngineFixtures
    static let target = ProvisioningTarget(roleName: "dwhRole", clusterIdentifier: "dwhcluster", masterPassword: Secret("Passw0rd"))
    static let group = EC2SecurityGroup(id: "sg-1", name: "default", vpcID: "vpc-1", ingress: [])
    static let role = IAMRole(name: "dwhRole", arn: F.roleARN)

    static func observation(_ observed: ObservedResources, target: Observation.Target = .aws) -> Observation {
        F.observation(target, aws: .known(AWSFacts(region: "us-west-2", observed: observed, target: Self.target)))
    }

    @Test func aNewClusterOnAWSAsksWithWhatItCreatesAndCosts() {
        let observed = ObservedResources(role: Self.role, attachedPolicyARNs: [IAMClient.s3ReadOnlyPolicyARN], securityGroup: Self.group)
        var engine = RunbookEngine(observation: Self.observation(observed))
        let question = Confirmation(step: .cluster,
                                    prompt: "Step 2 will create cluster dwhcluster (multi-node dc2.large × 4, database dwh, user dwhuser, "
                                        + "port 5439). It costs $1.00/h, $730.00 a month (dc2.large × 4 on demand, US East / US West "
                                        + "prices) until step 5 removes it.",
                                    answer: .yes)
        #expect(engine.requested(.cluster) == [.emit(.confirmationRequested(question)), .askConfirmation(question)])
        #expect(engine.confirmationAnswered("y").last == .run(.cluster))
    }

    @Test func withoutTheRoleTheQuestionSaysStepTwoCreatesItToo() {
        let engine = RunbookEngine(observation: Self.observation(ObservedResources(securityGroup: Self.group)))
        #expect(engine.confirmationNeeded(for: .cluster)?.prompt == "Step 2 will create role dwhRole, attach AmazonS3ReadOnlyAccess and "
            + "create cluster dwhcluster (multi-node dc2.large × 4, database dwh, user dwhuser, port 5439). It costs $1.00/h, "
            + "$730.00 a month (dc2.large × 4 on demand, US East / US West prices) until step 5 removes it.")
    }

    @Test func nothingToCreateOrNothingBilledAsksNothing() {
        let existing = ObservedResources(role: Self.role, attachedPolicyARNs: [IAMClient.s3ReadOnlyPolicyARN],
                                         cluster: RedshiftCluster(identifier: "dwhcluster", status: RedshiftClusterStatus("creating"),
                                                                  nodeType: "dc2.large", numberOfNodes: 4),
                                         securityGroup: Self.group)
        #expect(RunbookEngine(observation: Self.observation(existing)).confirmationNeeded(for: .cluster) == nil)
        let fresh = ObservedResources(securityGroup: Self.group)
        #expect(RunbookEngine(observation: Self.observation(fresh, target: .sandbox)).confirmationNeeded(for: .cluster) == nil)
        var emulated = Self.observation(fresh)
        emulated.emulated = true
        #expect(RunbookEngine(observation: emulated).confirmationNeeded(for: .cluster) == nil)
    }
}
