@testable import AWS
import Config
import Testing

/// `iac pause` / `iac resume` and `iac up --from-snapshot` as decisions: what exists in, the next action out.
@Suite struct ProvisioningPauseTests {
    typealias Plan = ProvisioningPlanTests
    typealias Run = ProvisioningRunTests

    func pause(_ status: String?) -> ProvisioningAction {
        ProvisioningPlan.pause(Plan.target, observed: ObservedResources(cluster: status.map { Plan.cluster($0) }))
    }

    func resume(_ status: String?, endpoint: Bool = true) -> ProvisioningAction {
        ProvisioningPlan.resume(Plan.target, observed: ObservedResources(cluster: status.map { Plan.cluster($0, endpoint: endpoint) }))
    }

    @Test func pausePausesAnAvailableClusterAndWaitsOutEveryChange() {
        #expect(pause("available") == .pauseCluster)
        #expect(pause("pausing") == .waitForCluster(RedshiftClusterStatus("pausing")))
        #expect(pause("creating") == .waitForCluster(RedshiftClusterStatus("creating")))
        #expect(pause("resuming") == .waitForCluster(RedshiftClusterStatus("resuming")))
        #expect(pause("paused") == .done)
    }

    @Test func pauseWithoutAClusterOrOfOneGoingAwayFailsWithWhatToDo() {
        #expect(pause(nil) == .fail(.noCluster(identifier: "dwhCluster")))
        #expect("\(ProvisioningError.noCluster(identifier: "dwhCluster"))"
            == "there is no cluster dwhCluster to pause or resume: create it with `sparkify iac up`")
        #expect(pause("deleting") == .fail(.clusterUnusable(identifier: "dwhcluster", status: "deleting",
                                                             hint: "only an available cluster can be paused")))
        #expect(pause("storage-full") == .fail(.clusterUnusable(identifier: "dwhcluster", status: "storage-full",
                                                                 hint: "only an available cluster can be paused")))
    }

    @Test func resumeResumesAPausedClusterAndWaitsForItsEndpoint() {
        #expect(resume("paused") == .resumeCluster)
        #expect(resume("resuming") == .waitForCluster(RedshiftClusterStatus("resuming")))
        #expect(resume("available", endpoint: false) == .waitForCluster(RedshiftClusterStatus("available")))
        #expect(resume("available") == .done)
        #expect(resume(nil) == .fail(.noCluster(identifier: "dwhCluster")))
        #expect(resume("final-snapshot") == .fail(.clusterUnusable(identifier: "dwhcluster", status: "final-snapshot",
                                                                    hint: "only a paused cluster can be resumed")))
    }

    @Test func upFindsAPausedClusterAndSaysHowToResumeIt() {
        var observed = Plan.everything
        observed.cluster = Plan.cluster("paused")
        #expect(ProvisioningPlan.up(Plan.target, cidr: Plan.cidr, observed: observed) == .fail(.clusterUnusable(
            identifier: "dwhcluster", status: "paused",
            hint: "resume it with `sparkify iac resume`, or remove it with `sparkify iac down --yes`")))
    }

    @Test func upFromASnapshotRestoresInsteadOfCreating() {
        var target = Plan.target
        target.restoreSnapshot = "s1"
        let observed = ObservedResources(role: Plan.role, attachedPolicyARNs: [IAMClient.s3ReadOnlyPolicyARN])
        #expect(ProvisioningPlan.up(target, cidr: Plan.cidr, observed: observed)
            == .restoreCluster(roleARN: Plan.roleARN, snapshot: "s1"))
        // A cluster that exists already is step 2 done: the snapshot is not restored over it.
        #expect(ProvisioningPlan.up(target, cidr: Plan.cidr, observed: Plan.everything) == .done)
        #expect(ProvisioningPlan.isAlreadyDone(.restoreCluster(roleARN: Plan.roleARN, snapshot: "s1"), errorCode: "ClusterAlreadyExists"))
    }

    @Test func aPauseRunCallsWaitsAndReportsThePausedCluster() {
        var run = ProvisioningRun(goal: .pause, target: Plan.target, pollInterval: 15)
        #expect(run.started() == [.observe(groupID: nil)])
        #expect(run.observed(Run.withCluster("available"), at: 0) == [.call(.pauseCluster)])
        let pausing = ProvisioningEvent.step(.cluster, .pausing, detail: "dwhcluster: compute stops billing, storage is still billed")
        #expect(run.callSucceeded(pausing, at: 1) == [.report(pausing), .observe(groupID: "sg-1")])
        #expect(run.observed(Run.withCluster("pausing"), at: 2) == [
            .report(.clusterStatus(identifier: "dwhcluster", status: "pausing", elapsedSeconds: 0)),
            .sleep(seconds: 15, reason: .poll),
        ])
        #expect(run.slept(at: 17) == [.observe(groupID: "sg-1")])
        let paused = Run.withCluster("paused")
        #expect(run.observed(paused, at: 18) == [.report(.step(.cluster, .paused, detail: "dwhcluster")), .finish(paused)])
        #expect(run.isOver)
    }

    @Test func aResumeRunOfAnAvailableClusterIsAlreadyDone() {
        var run = ProvisioningRun(goal: .resume, target: Plan.target, pollInterval: 15)
        _ = run.started()
        let available = Run.withCluster("available")
        #expect(run.observed(available, at: 0) == [
            .report(.step(.cluster, .alreadyDone, detail: "dwhcluster is available")), .finish(available),
        ])
    }

    @Test func aResumeRunEndsWithTheEndpoint() {
        var run = ProvisioningRun(goal: .resume, target: Plan.target, pollInterval: 15)
        _ = run.started()
        #expect(run.observed(Run.withCluster("paused"), at: 0) == [.call(.resumeCluster)])
        let resuming = ProvisioningEvent.step(.cluster, .resuming, detail: "dwhcluster")
        _ = run.callSucceeded(resuming, at: 1)
        let available = Run.withCluster("available")
        #expect(run.observed(available, at: 2) == [
            .report(.step(.cluster, .available, detail: "dwhcluster \(Run.host):5439")), .finish(available),
        ])
    }
}
