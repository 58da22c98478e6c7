@testable import AWS
import Config
import Testing

@Suite struct ProvisioningPlanTests {
    static let target = ProvisioningTarget(roleName: "dwhRole", clusterIdentifier: "dwhCluster",
                                           masterPassword: Secret("Passw0rd"))
    static let roleARN = "arn:aws:iam::123456789012:role/dwhRole"
    static let role = IAMRole(name: "dwhRole", arn: roleARN)
    static let group = EC2SecurityGroup(id: "sg-1", name: "default", vpcID: "vpc-1", ingress: [])
    static let cidr = "127.0.0.1/32"

    static func cluster(_ status: String, endpoint: Bool = true, port: Int = 5439) -> RedshiftCluster {
        RedshiftCluster(identifier: "dwhcluster", status: RedshiftClusterStatus(status), nodeType: "dc2.large",
                        numberOfNodes: 4,
                        endpoint: endpoint ? .init(address: "dwhcluster.abc.us-east-1.redshift.amazonaws.com", port: port) : nil,
                        vpcID: "vpc-1")
    }

    static func group(opening cidrs: [String], port: Int = 5439, marked: Bool = true) -> EC2SecurityGroup {
        EC2SecurityGroup(id: "sg-1", name: "default", vpcID: "vpc-1", ingress: [EC2Permission(
            ipProtocol: "tcp", fromPort: port, toPort: port,
            ranges: cidrs.map { .init(cidr: $0, description: marked ? IngressRule.sparkifyDescription(cluster: "dwhCluster") : nil) })])
    }

    static let everything = ObservedResources(role: role, attachedPolicyARNs: [IAMClient.s3ReadOnlyPolicyARN],
                                              cluster: cluster("available"), securityGroup: group(opening: [cidr]))

    func up(_ observed: ObservedResources) -> ProvisioningAction {
        ProvisioningPlan.up(Self.target, cidr: Self.cidr, observed: observed)
    }

    func down(_ observed: ObservedResources, snapshot: String? = nil, revoke: [String] = []) -> ProvisioningAction {
        ProvisioningPlan.down(Self.target, finalSnapshot: snapshot, revokeCIDRs: revoke, observed: observed)
    }

    // MARK: up

    @Test func upFromNothingStartsWithTheRole() {
        #expect(up(ObservedResources(securityGroup: Self.group)) == .createRole)
    }

    @Test func upAttachesTheS3PolicyOnce() {
        #expect(up(ObservedResources(role: Self.role)) == .attachPolicy(arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"))
        var observed = ObservedResources(role: Self.role, attachedPolicyARNs: ["arn:aws:iam::aws:policy/Other"])
        #expect(up(observed) == .attachPolicy(arn: IAMClient.s3ReadOnlyPolicyARN))
        observed.attachedPolicyARNs.append(IAMClient.s3ReadOnlyPolicyARN)
        #expect(up(observed) == .createCluster(roleARN: Self.roleARN))
    }

    @Test func upWaitsWhileTheClusterChanges() {
        var observed = Self.everything
        observed.cluster = Self.cluster("creating", endpoint: false)
        #expect(up(observed) == .waitForCluster(RedshiftClusterStatus("creating")))
        observed.cluster = Self.cluster("available", endpoint: false)
        #expect(up(observed) == .waitForCluster(RedshiftClusterStatus("available")))
        observed.cluster = Self.cluster("deleting")
        #expect(up(observed) == .waitForClusterGone(RedshiftClusterStatus("deleting")))
    }

    @Test func upStopsAtAClusterItCannotUse() {
        var observed = Self.everything
        observed.cluster = Self.cluster("paused")
        #expect(up(observed) == .fail(.clusterUnusable(
            identifier: "dwhcluster", status: "paused",
            hint: "resume it with `sparkify iac resume`, or remove it with `sparkify iac down --yes`")))
        observed.cluster = Self.cluster("incompatible-network")
        guard case .fail(.clusterUnusable(_, "incompatible-network", _)) = up(observed) else {
            Issue.record("expected a failure for incompatible-network")
            return
        }
    }

    @Test func upOpensTheClusterPortToTheCIDR() {
        var observed = Self.everything
        observed.securityGroup = Self.group
        #expect(up(observed) == .authorizeIngress(.tcp(groupID: "sg-1", port: 5439, cidr: Self.cidr, cluster: "dwhCluster")))
        // A rule for another address, or on another port, is not ours.
        observed.securityGroup = Self.group(opening: ["10.0.0.1/32"])
        #expect(up(observed) == .authorizeIngress(.tcp(groupID: "sg-1", port: 5439, cidr: Self.cidr, cluster: "dwhCluster")))
        observed.securityGroup = Self.group(opening: [Self.cidr], port: 22)
        #expect(up(observed) == .authorizeIngress(.tcp(groupID: "sg-1", port: 5439, cidr: Self.cidr, cluster: "dwhCluster")))
        // The endpoint's port wins over the configured one.
        observed.cluster = Self.cluster("available", port: 5440)
        observed.securityGroup = Self.group
        #expect(up(observed) == .authorizeIngress(.tcp(groupID: "sg-1", port: 5440, cidr: Self.cidr, cluster: "dwhCluster")))
    }

    @Test func upIsDoneWhenEverythingExistsEvenWithoutSparkifysMark() {
        #expect(up(Self.everything) == .done)
        var observed = Self.everything
        observed.securityGroup = Self.group(opening: [Self.cidr], marked: false)
        #expect(up(observed) == .done)
    }

    @Test func upNeedsASecurityGroup() {
        var observed = Self.everything
        observed.securityGroup = nil
        #expect(up(observed) == .fail(.noSecurityGroup(vpc: "vpc-1")))
    }

    // MARK: down

    @Test func downDeletesTheClusterFirstWithOrWithoutASnapshot() {
        #expect(down(Self.everything) == .deleteCluster(finalSnapshot: nil))
        #expect(down(Self.everything, snapshot: "final-1") == .deleteCluster(finalSnapshot: "final-1"))
        var observed = Self.everything
        observed.cluster = Self.cluster("incompatible-network")
        #expect(down(observed) == .deleteCluster(finalSnapshot: nil))
    }

    @Test func downWaitsForAChangingOrDeletingCluster() {
        var observed = Self.everything
        observed.cluster = Self.cluster("creating", endpoint: false)
        #expect(down(observed) == .waitForCluster(RedshiftClusterStatus("creating")))
        observed.cluster = Self.cluster("final-snapshot")
        #expect(down(observed) == .waitForClusterGone(RedshiftClusterStatus("final-snapshot")))
    }

    @Test func downRevokesSparkifysRulesAndNamedOnesOnly() {
        var observed = Self.everything
        observed.cluster = nil
        #expect(down(observed) == .revokeIngress(.tcp(groupID: "sg-1", port: 5439, cidr: Self.cidr, cluster: "dwhCluster")))
        observed.securityGroup = Self.group(opening: ["203.0.113.9/32"], marked: false)
        #expect(down(observed) == .detachPolicy(arn: IAMClient.s3ReadOnlyPolicyARN))
        // Another cluster's rule in the same group stays.
        observed.securityGroup?.ingress[0].ranges[0].description = IngressRule.sparkifyDescription(cluster: "other")
        #expect(down(observed) == .detachPolicy(arn: IAMClient.s3ReadOnlyPolicyARN))
        #expect(down(observed, revoke: ["203.0.113.9/32"])
            == .revokeIngress(IngressRule(groupID: "sg-1", fromPort: 5439, toPort: 5439, cidr: "203.0.113.9/32",
                                          ruleDescription: "sparkify iac other")))
    }

    @Test func downDetachesEveryPolicyThenDeletesTheRole() {
        var observed = ObservedResources(role: Self.role, attachedPolicyARNs: ["arn:a", "arn:b"], securityGroup: Self.group)
        #expect(down(observed) == .detachPolicy(arn: "arn:a"))
        observed.attachedPolicyARNs = []
        #expect(down(observed) == .deleteRole)
    }

    @Test func downFromNothingIsDone() {
        #expect(down(ObservedResources()) == .done)
        #expect(down(ObservedResources(securityGroup: Self.group)) == .done)
    }

    // MARK: states, not failures

    @Test func alreadyExistsAndDuplicateAreStates() {
        let rule = IngressRule.tcp(groupID: "sg-1", port: 5439, cidr: Self.cidr, cluster: "dwhCluster")
        #expect(ProvisioningPlan.isAlreadyDone(.createRole, errorCode: "EntityAlreadyExists"))
        #expect(ProvisioningPlan.isAlreadyDone(.createCluster(roleARN: "a"), errorCode: "ClusterAlreadyExists"))
        #expect(ProvisioningPlan.isAlreadyDone(.authorizeIngress(rule), errorCode: "InvalidPermission.Duplicate"))
        #expect(ProvisioningPlan.isAlreadyDone(.deleteCluster(finalSnapshot: nil), errorCode: "ClusterNotFound"))
        #expect(ProvisioningPlan.isAlreadyDone(.revokeIngress(rule), errorCode: "InvalidPermission.NotFound"))
        #expect(ProvisioningPlan.isAlreadyDone(.detachPolicy(arn: "a"), errorCode: "NoSuchEntity"))
        #expect(ProvisioningPlan.isAlreadyDone(.deleteRole, errorCode: "NoSuchEntity"))
        #expect(!ProvisioningPlan.isAlreadyDone(.createRole, errorCode: "AccessDenied"))
        #expect(!ProvisioningPlan.isAlreadyDone(.deleteRole, errorCode: "DeleteConflict"))
        #expect(!ProvisioningPlan.isAlreadyDone(.createCluster(roleARN: "a"), errorCode: "EntityAlreadyExists"))
    }

    @Test func alreadyDoneDetailsShowTheResource() {
        let up = ProvisioningGoal.up(cidr: Self.cidr)
        let down = ProvisioningGoal.down(finalSnapshot: nil, revokeCIDRs: [])
        #expect(ProvisioningPlan.alreadyDoneDetail(.role, goal: up, target: Self.target, observed: Self.everything)
            == Self.roleARN)
        #expect(ProvisioningPlan.alreadyDoneDetail(.cluster, goal: up, target: Self.target, observed: Self.everything)
            == "dwhcluster dwhcluster.abc.us-east-1.redshift.amazonaws.com:5439")
        var shared = Self.everything
        shared.securityGroup = Self.group(opening: ["10.1.1.1/32", Self.cidr])
        #expect(ProvisioningPlan.alreadyDoneDetail(.ingress, goal: up, target: Self.target, observed: shared)
            == "sg-1 tcp 5439 from 127.0.0.1/32")
        #expect(ProvisioningPlan.alreadyDoneDetail(.cluster, goal: down, target: Self.target, observed: ObservedResources())
            == "no cluster dwhCluster")
        #expect(up.steps == [.role, .cluster, .ingress])
        #expect(down.steps == [.cluster, .ingress, .role])
    }

    // MARK: the cluster request

    @Test func clusterSpecNeedsAnAcceptablePassword() throws {
        var target = Self.target
        #expect(try target.clusterSpec(roleARN: "arn:r").iamRoleARNs == ["arn:r"])
        target.masterPassword = nil
        #expect(throws: ProvisioningError.passwordMissing(location: "[DWH] DWH_DB_PASSWORD")) {
            try target.clusterSpec(roleARN: "arn:r")
        }
        target.masterPassword = Secret("weak")
        #expect(throws: ProvisioningError.passwordRejected(location: "[DWH] DWH_DB_PASSWORD",
                                                           reason: "must be 8 to 64 characters long")) {
            try target.clusterSpec(roleARN: "arn:r")
        }
    }

    @Test func targetComesFromTheDWHSection() throws {
        let file = try INIFile(parsing: """
            [DWH]
            DWH_CLUSTER_TYPE=single-node
            DWH_NUM_NODES=1
            DWH_NODE_TYPE=dc2.large
            DWH_IAM_ROLE_NAME=myRole
            DWH_CLUSTER_IDENTIFIER=myCluster
            DWH_DB=db1
            DWH_DB_USER=u1
            DWH_DB_PASSWORD='Secr3tPass'
            DWH_PORT=5440
            """, source: "dwh.cfg")
        let target = ProvisioningTarget(config: try DWHConfig(file: file))
        let spec = try target.clusterSpec(roleARN: "arn:r")
        #expect(target.roleName == "myRole")
        #expect(RedshiftClient.createClusterRequest(spec).parameters.filter { $0.0 != "MasterUserPassword" }.map { "\($0.0)=\($0.1)" } == [
            "ClusterIdentifier=myCluster", "ClusterType=single-node", "NodeType=dc2.large", "DBName=db1",
            "MasterUsername=u1", "Port=5440", "PubliclyAccessible=true", "IamRoles.IamRoleArn.1=arn:r",
        ])
        #expect(target.passwordLocation == "dwh.cfg line 9 ([DWH] DWH_DB_PASSWORD)")
    }
}
