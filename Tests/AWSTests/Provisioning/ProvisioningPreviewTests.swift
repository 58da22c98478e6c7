import AWS
import Config
import Testing

/// `iac plan`: the provisioning plan's own decisions, applied to a copy of what exists.
@Suite struct ProvisioningPreviewTests {
    typealias P = ProvisioningPlanTests
    static let policy = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"

    func plan(_ observed: ObservedResources, target: ProvisioningTarget = P.target,
              through last: ProvisioningStep = .ingress) -> ProvisioningPreview {
        ProvisioningPreview(target, cidr: P.cidr, through: last, observed: observed)
    }

    @Test func fromNothingEverythingIsCreatedInUpsOrder() {
        let preview = plan(ObservedResources(securityGroup: P.group))
        #expect(preview.resources.map(\.exists) == [false, false, false, false])
        #expect(preview.lines == [
            "create  role     dwhRole  assumable by Redshift",
            "create  policy   \(Self.policy)  attached to dwhRole",
            "create  cluster  dwhCluster  multi-node dc2.large × 4, database dwh, user dwhuser, port 5439",
            "create  ingress  tcp 5439 from 127.0.0.1/32  in sg-1 (default)",
            "calls    iam CreateRole dwhRole; iam AttachRolePolicy \(Self.policy) to dwhRole; redshift CreateCluster dwhCluster; "
                + "redshift DescribeClusters until dwhCluster is available (now creating); "
                + "ec2 AuthorizeSecurityGroupIngress sg-1 tcp 5439 from 127.0.0.1/32",
        ])
        #expect(preview.createsCluster)
        #expect(preview.nodeType == "dc2.large" && preview.nodes == 4)
    }

    /// `iac up --from-snapshot s1`: the plan names the restore instead of a new cluster.
    @Test func aClusterRestoredFromASnapshotIsPlannedAsARestore() {
        var target = P.target
        target.restoreSnapshot = "s1"
        let preview = plan(ObservedResources(role: P.role, attachedPolicyARNs: [Self.policy], securityGroup: P.group),
                           target: target, through: .cluster)
        #expect(preview.calls.map(\.description) == [
            "redshift RestoreFromClusterSnapshot dwhCluster from s1",
            "redshift DescribeClusters until dwhCluster is available (now creating)",
        ])
        #expect(preview.createsCluster)
    }

    @Test func withEverythingInPlaceNothingIsCalled() {
        let preview = plan(P.everything)
        #expect(preview.resources.map(\.exists) == [true, true, true, true])
        #expect(preview.lines == [
            "exists  role     dwhRole  \(P.roleARN)",
            "exists  policy   \(Self.policy)  attached to dwhRole",
            "exists  cluster  dwhcluster  dc2.large × 4, available",
            "exists  ingress  tcp 5439 from 127.0.0.1/32  in sg-1 (default)",
            "calls    none: everything exists",
        ])
        #expect(preview.isNoChange)
        #expect(!preview.createsCluster)
    }

    @Test func partlyBuiltOnlyTheRestIsCalled() {
        // The role exists without its policy; the cluster is still being created; the port is closed.
        let observed = ObservedResources(role: P.role, cluster: P.cluster("creating", endpoint: false), securityGroup: P.group)
        let preview = plan(observed)
        #expect(preview.resources.map(\.exists) == [true, false, true, false])
        #expect(preview.calls.map(\.description) == [
            "iam AttachRolePolicy \(Self.policy) to dwhRole",
            "redshift DescribeClusters until dwhCluster is available (now creating)",
            "ec2 AuthorizeSecurityGroupIngress sg-1 tcp 5439 from 127.0.0.1/32",
        ])
        #expect(!preview.createsCluster)
    }

    @Test func aRuleForAnotherAddressDoesNotCount() {
        var observed = P.everything
        observed.securityGroup = P.group(opening: ["203.0.113.7/32"])
        #expect(plan(observed).resources.last == .init(kind: .ingress, name: "tcp 5439 from 127.0.0.1/32", exists: false,
                                                        detail: "in sg-1 (default)"))
        #expect(plan(observed).calls.map(\.description) == ["ec2 AuthorizeSecurityGroupIngress sg-1 tcp 5439 from 127.0.0.1/32"])
    }

    @Test func whatWouldStopUpIsSaidWithUpsOwnMessage() {
        var paused = P.everything
        paused.cluster = P.cluster("paused")
        #expect(plan(paused).blocker == .clusterUnusable(identifier: "dwhcluster", status: "paused",
                                                         hint: "resume it with `sparkify iac resume`, or remove it with `sparkify iac down --yes`"))
        #expect(plan(paused).calls.isEmpty)

        var noPassword = P.target
        noPassword.masterPassword = nil
        let preview = plan(ObservedResources(securityGroup: P.group), target: noPassword)
        #expect(preview.calls.map(\.action) == ["CreateRole", "AttachRolePolicy"])
        #expect(preview.blocker == .passwordMissing(location: "[DWH] DWH_DB_PASSWORD"))
        #expect(preview.lines.last == "stops    " + ProvisioningError.passwordMissing(location: "[DWH] DWH_DB_PASSWORD").description)
    }

    @Test func aClusterBeingDeletedIsWaitedForThenCreatedAgain() {
        var observed = P.everything
        observed.cluster = P.cluster("deleting")
        #expect(plan(observed, through: .cluster).calls.map(\.description) == [
            "redshift DescribeClusters until dwhCluster is gone (now deleting)",
            "redshift CreateCluster dwhCluster",
            "redshift DescribeClusters until dwhCluster is available (now creating)",
        ])
    }

    @Test func stepTwoAlonePlansNoIngressAndASingleNodeIsOneNode() {
        var single = P.target
        single.clusterType = "single-node"
        let preview = plan(ObservedResources(role: P.role, attachedPolicyARNs: [Self.policy], securityGroup: P.group),
                           target: single, through: .cluster)
        #expect(preview.resources.map(\.kind) == [.role, .policy, .cluster])
        #expect(preview.resources[2].detail == "single-node dc2.large × 1, database dwh, user dwhuser, port 5439")
        #expect(preview.calls.map(\.action) == ["CreateCluster", "DescribeClusters"])
        #expect(preview.nodes == 1)
    }

    @Test func anExistingClusterIsBilledAtItsOwnSize() {
        var observed = P.everything
        observed.cluster = RedshiftCluster(identifier: "dwhcluster", status: RedshiftClusterStatus("available"),
                                           nodeType: "ra3.xlplus", numberOfNodes: 2)
        #expect(plan(observed, through: .cluster).nodeType == "ra3.xlplus")
        #expect(plan(observed, through: .cluster).nodes == 2)
    }
}
