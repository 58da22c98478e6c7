@testable import AWS
import Config
import Testing

/// The provisioning run as a state machine: inputs in, literal action lists out — no AWS, no clock.
@Suite struct ProvisioningRunTests {
    typealias Plan = ProvisioningPlanTests
    static let target = Plan.target
    static let cidr = Plan.cidr
    static let host = "dwhcluster.abc.us-east-1.redshift.amazonaws.com"
    static let rule = IngressRule.tcp(groupID: "sg-1", port: 5439, cidr: cidr, cluster: "dwhCluster")

    static let nothing = ObservedResources(securityGroup: Plan.group)
    static let role = ObservedResources(role: Plan.role, securityGroup: Plan.group)
    static let roleAndPolicy = ObservedResources(role: Plan.role, attachedPolicyARNs: [IAMClient.s3ReadOnlyPolicyARN],
                                                 securityGroup: Plan.group)
    static func withCluster(_ status: String, endpoint: Bool = true) -> ObservedResources {
        var observed = roleAndPolicy
        observed.cluster = Plan.cluster(status, endpoint: endpoint)
        return observed
    }

    static let everything = ObservedResources(role: Plan.role, attachedPolicyARNs: [IAMClient.s3ReadOnlyPolicyARN],
                                              cluster: Plan.cluster("available"), securityGroup: Plan.group(opening: [cidr]))

    static func up(poll: Double = 15, timeout: Double = 1800, window: Double = 120) -> ProvisioningRun {
        var run = ProvisioningRun(goal: .up(cidr: cidr), target: target, pollInterval: poll, timeout: timeout,
                                  retry: ProvisioningRetry(propagationWindow: window))
        _ = run.started()
        return run
    }

    static func down() -> ProvisioningRun {
        var run = ProvisioningRun(goal: .down(finalSnapshot: nil, revokeCIDRs: []), target: target, pollInterval: 15)
        _ = run.started()
        return run
    }

    static func error(_ service: AWSService, _ action: String, _ code: String, _ message: String = "",
                      status: Int = 400, retryAfter: Double? = nil) -> ProvisioningError {
        .aws(AWSError(code: code, message: message, httpStatus: status, service: service, action: action,
                      retryAfter: retryAfter))
    }

    static let roleNotFound = error(.iam, "AttachRolePolicy", "NoSuchEntity", "The role with name dwhRole cannot be found.", status: 404)
    static let roleNotValid = error(.redshift, "CreateCluster", "InvalidParameterValue",
                                    "The IAM role dwhRole is not valid. The IAM role must delegate access to an Amazon Redshift account.")
    static let throttled = error(.redshift, "DescribeClusters", "Throttling", "Rate exceeded")

    // MARK: The happy path

    @Test func upFromNothingCallsObservesAndFinishes() {
        var run = ProvisioningRun(goal: .up(cidr: Self.cidr), target: Self.target, pollInterval: 15)
        #expect(run.started() == [.observe(groupID: nil)])
        #expect(run.observed(Self.nothing, at: 0) == [.call(.createRole)])
        let created = ProvisioningEvent.step(.role, .created, detail: Plan.roleARN)
        #expect(run.callSucceeded(created, at: 0.1) == [.report(created), .observe(groupID: nil)])
        #expect(run.observed(Self.role, at: 0.2) == [.call(.attachPolicy(arn: IAMClient.s3ReadOnlyPolicyARN))])
        let attached = ProvisioningEvent.step(.role, .attached, detail: IAMClient.s3ReadOnlyPolicyARN)
        #expect(run.callSucceeded(attached, at: 0.3) == [.report(attached), .observe(groupID: nil)])
        #expect(run.observed(Self.roleAndPolicy, at: 0.4) == [.call(.createCluster(roleARN: Plan.roleARN))])
        let creating = ProvisioningEvent.step(.cluster, .creating, detail: "dwhCluster dc2.large × 4")
        #expect(run.callSucceeded(creating, at: 1) == [.report(creating), .observe(groupID: nil)])
        #expect(run.observed(Self.withCluster("creating", endpoint: false), at: 2) == [
            .report(.clusterStatus(identifier: "dwhcluster", status: "creating", elapsedSeconds: 0)),
            .sleep(seconds: 15, reason: .poll),
        ])
        #expect(run.slept(at: 17) == [.observe(groupID: "sg-1")])
        #expect(run.observed(Self.withCluster("creating", endpoint: false), at: 18) == [
            .report(.clusterStatus(identifier: "dwhcluster", status: "creating", elapsedSeconds: 16)),
            .sleep(seconds: 15, reason: .poll),
        ])
        _ = run.slept(at: 33)
        #expect(run.observed(Self.withCluster("available"), at: 34) == [
            .report(.step(.cluster, .available, detail: "dwhcluster \(Self.host):5439")),
            .call(.authorizeIngress(Self.rule)),
        ])
        let authorized = ProvisioningEvent.step(.ingress, .authorized, detail: Self.rule.description)
        #expect(run.callSucceeded(authorized, at: 35) == [.report(authorized), .observe(groupID: "sg-1")])
        #expect(run.observed(Self.everything, at: 36) == [.finish(Self.everything)])
        #expect(run.isOver)
    }

    @Test func stepsThatNeedNothingAreReportedOnceAsAlreadyDone() {
        var run = Self.up()
        #expect(run.observed(Self.everything, at: 0) == [
            .report(.step(.role, .alreadyDone, detail: Plan.roleARN)),
            .report(.step(.cluster, .alreadyDone, detail: "dwhcluster \(Self.host):5439")),
            .report(.step(.ingress, .alreadyDone, detail: Self.rule.description)),
            .finish(Self.everything),
        ])
    }

    @Test func anAnswerMeaningAlreadyDoneIsAStateNotAFailure() {
        var run = Self.up()
        _ = run.observed(Self.nothing, at: 0)
        #expect(run.callFailed(Self.error(.iam, "CreateRole", "EntityAlreadyExists", status: 409), at: 1) == [
            .report(.step(.role, .alreadyDone, detail: "EntityAlreadyExists")), .observe(groupID: nil),
        ])
    }

    @Test func anActionTheNextLookDoesNotShowIsDoneAgainThenGivenUp() {
        var run = Self.up()
        _ = run.observed(Self.role, at: 0)
        _ = run.callSucceeded(.step(.role, .attached, detail: IAMClient.s3ReadOnlyPolicyARN), at: 1)
        for attempt in 1...3 {
            #expect(run.observed(Self.role, at: Double(attempt) * 3) == [.sleep(seconds: 2, reason: .settle)])
            #expect(run.slept(at: Double(attempt) * 3 + 2) == [.call(.attachPolicy(arn: IAMClient.s3ReadOnlyPolicyARN))])
            _ = run.callSucceeded(.step(.role, .attached, detail: IAMClient.s3ReadOnlyPolicyARN), at: Double(attempt) * 3 + 2)
        }
        #expect(run.observed(Self.role, at: 12) == [
            .fail(.notConverging(action: "attachPolicy(arn: \"\(IAMClient.s3ReadOnlyPolicyARN)\")")),
        ])
    }

    // MARK: IAM propagation

    @Test func attachRightAfterCreateRoleIsRetriedWithBackoffUntilIAMCatchesUp() {
        var run = Self.up()
        _ = run.observed(Self.role, at: 0)
        let attach = ProvisioningAction.attachPolicy(arn: IAMClient.s3ReadOnlyPolicyARN)
        let reason = "IAM role not yet visible to IAM"
        var now = 0.0
        for delay in [1.0, 2, 4, 8, 16, 16] {
            #expect(run.callFailed(Self.roleNotFound, at: now) == [
                .report(.retrying(.role, reason: reason, seconds: delay)), .sleep(seconds: delay, reason: .retry(reason)),
            ])
            now += delay
            #expect(run.slept(at: now) == [.call(attach)])
        }
        let attached = ProvisioningEvent.step(.role, .attached, detail: IAMClient.s3ReadOnlyPolicyARN)
        #expect(run.callSucceeded(attached, at: now) == [.report(attached), .observe(groupID: nil)])
    }

    @Test func theRetryLineSaysWhyAndWhen() {
        #expect(ProvisioningEvent.retrying(.cluster, reason: "IAM role not yet visible to Redshift", seconds: 4).retryText
            == "IAM role not yet visible to Redshift, retrying in 4 s")
        #expect(ProvisioningEvent.retrying(.role, reason: "IAM role not yet visible to IAM", seconds: 0.25).line
            == "1 IAM role   retrying      IAM role not yet visible to IAM, retrying in 0.25 s")
    }

    @Test func theWindowComesFromTheConfig() throws {
        let file = try INIFile(parsing: "[DWH]\nDWH_IAM_RETRY_SECONDS = 300\n", source: "dwh.cfg")
        #expect(ProvisioningRetry(config: try DWHConfig(file: file)).propagationWindow == 300)
        #expect(ProvisioningRetry(config: try DWHConfig()).propagationWindow == 120)
    }

    @Test func propagationRetriesEndWithTheWindow() {
        var run = Self.up(window: 10)
        _ = run.observed(Self.role, at: 0)
        var now = 0.0
        for delay in [1.0, 2, 4] {
            _ = run.callFailed(Self.roleNotFound, at: now)
            now += delay
            _ = run.slept(at: now)
        }
        // 7 s spent; the next pause (8 s) would end after the 10 s window.
        guard case .aws(let error) = Self.roleNotFound else { return }
        #expect(run.callFailed(Self.roleNotFound, at: now) == [.fail(.stillFailing(error, seconds: 7))])
        #expect(ProvisioningError.stillFailing(error, seconds: 7).description.hasSuffix(
            "still so after retrying for 7 s; run the same command again, or allow longer with [DWH] DWH_IAM_RETRY_SECONDS"))
    }

    @Test func createClusterNamingTheRoleIsRetriedOtherInvalidParameterValuesAreNot() {
        var run = Self.up()
        _ = run.observed(Self.roleAndPolicy, at: 0)
        let reason = "IAM role not yet visible to Redshift"
        #expect(run.callFailed(Self.roleNotValid, at: 1) == [
            .report(.retrying(.cluster, reason: reason, seconds: 1)), .sleep(seconds: 1, reason: .retry(reason)),
        ])
        #expect(run.slept(at: 2) == [.call(.createCluster(roleARN: Plan.roleARN))])
        let badNodeType = Self.error(.redshift, "CreateCluster", "InvalidParameterValue", "Invalid node type: dc9.huge")
        #expect(run.callFailed(badNodeType, at: 3) == [.fail(badNodeType)])
    }

    @Test func aMissingPolicyIsNotIAMLag() {
        var run = Self.up()
        _ = run.observed(Self.role, at: 0)
        let noPolicy = Self.error(.iam, "AttachRolePolicy", "NoSuchEntity",
                                  "Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.", status: 404)
        #expect(run.callFailed(noPolicy, at: 1) == [.fail(noPolicy)])
    }

    @Test func deleteConflictIsRetriedOnlyRightAfterThisRunDetached() {
        let conflict = Self.error(.iam, "DeleteRole", "DeleteConflict", "Cannot delete entity, must detach all policies first.", status: 409)
        let onlyRole = ObservedResources(role: Plan.role, securityGroup: Plan.group)
        // The role has nothing attached from the start: the conflict is real (an instance profile, say).
        var untouched = Self.down()
        #expect(untouched.observed(onlyRole, at: 0) == [
            .report(.step(.cluster, .alreadyDone, detail: "no cluster dwhCluster")),
            .report(.step(.ingress, .alreadyDone, detail: "no sparkify rule on port 5439")),
            .call(.deleteRole),
        ])
        #expect(untouched.callFailed(conflict, at: 1) == [.fail(conflict)])

        var run = Self.down()
        _ = run.observed(Self.roleAndPolicy, at: 0)
        let detached = ProvisioningEvent.step(.role, .detached, detail: IAMClient.s3ReadOnlyPolicyARN)
        _ = run.callSucceeded(detached, at: 1)
        #expect(run.observed(onlyRole, at: 2) == [.call(.deleteRole)])
        let reason = "detached policy not yet visible to IAM"
        #expect(run.callFailed(conflict, at: 3) == [
            .report(.retrying(.role, reason: reason, seconds: 1)), .sleep(seconds: 1, reason: .retry(reason)),
        ])
        #expect(run.slept(at: 4) == [.call(.deleteRole)])
    }

    // MARK: Waits survive transient errors

    @Test func aThrottledLookInsideTheWaitIsPolledAgainNotAnAbortedRun() {
        var run = Self.up()
        _ = run.observed(Self.withCluster("creating", endpoint: false), at: 0)
        _ = run.slept(at: 15)
        let reason = "Redshift DescribeClusters throttled (Throttling)"
        #expect(run.callFailed(Self.throttled, at: 16) == [
            .report(.retrying(.cluster, reason: reason, seconds: 15)), .sleep(seconds: 15, reason: .retry(reason)),
        ])
        #expect(run.slept(at: 31) == [.observe(groupID: "sg-1")])
        let unavailable = Self.error(.redshift, "DescribeClusters", "ServiceUnavailable", status: 503)
        #expect(run.callFailed(unavailable, at: 32) == [
            .report(.retrying(.cluster, reason: "Redshift DescribeClusters answered ServiceUnavailable (HTTP 503)", seconds: 15)),
            .sleep(seconds: 15, reason: .retry("Redshift DescribeClusters answered ServiceUnavailable (HTTP 503)")),
        ])
        _ = run.slept(at: 47)
        let noAnswer = ProvisioningError.aws(AWSError(code: AWSError.networkFailure, message: "connection refused",
                                                       service: .iam, action: "GetRole"))
        #expect(run.callFailed(noAnswer, at: 48) == [
            .report(.retrying(.cluster, reason: "IAM GetRole got no answer (connection refused)", seconds: 15)),
            .sleep(seconds: 15, reason: .retry("IAM GetRole got no answer (connection refused)")),
        ])
        _ = run.slept(at: 63)
        // The wait's clock kept running through the failures.
        #expect(run.observed(Self.withCluster("creating", endpoint: false), at: 64) == [
            .report(.clusterStatus(identifier: "dwhcluster", status: "creating", elapsedSeconds: 64)),
            .sleep(seconds: 15, reason: .poll),
        ])
    }

    @Test(arguments: [
        ("Throttling", 400, "Redshift DescribeClusters throttled (Throttling)"),
        ("ThrottlingException", 400, "Redshift DescribeClusters throttled (ThrottlingException)"),
        ("RequestLimitExceeded", 400, "Redshift DescribeClusters throttled (RequestLimitExceeded)"),
        ("SlowDown", 503, "Redshift DescribeClusters throttled (SlowDown)"),
        ("InternalFailure", 500, "Redshift DescribeClusters answered InternalFailure (HTTP 500)"),
        ("HTTP502", 502, "Redshift DescribeClusters answered HTTP502 (HTTP 502)"),
        ("HTTP507", 507, "Redshift DescribeClusters answered HTTP507 (HTTP 507)"),
    ])
    func passingFailuresOfALook(code: String, status: Int, reason: String) {
        let error = AWSError(code: code, message: "", httpStatus: status, service: .redshift, action: "DescribeClusters")
        #expect(ProvisioningRetry.transientReason(error) == reason)
    }

    @Test(arguments: [("AccessDenied", 403), ("InvalidParameterValue", 400), ("ClusterNotFound", 404)])
    func finalFailuresOfALook(code: String, status: Int) {
        let error = AWSError(code: code, message: "", httpStatus: status, service: .redshift, action: "DescribeClusters")
        #expect(ProvisioningRetry.transientReason(error) == nil)
    }

    @Test func retryAfterStretchesThePause() {
        var run = Self.up(poll: 0.2)
        _ = run.observed(Self.withCluster("creating", endpoint: false), at: 0)
        _ = run.slept(at: 0.2)
        let slowDown = Self.error(.redshift, "DescribeClusters", "Throttling", status: 400, retryAfter: 3)
        let reason = "Redshift DescribeClusters throttled (Throttling)"
        #expect(run.callFailed(slowDown, at: 0.3) == [
            .report(.retrying(.cluster, reason: reason, seconds: 3)), .sleep(seconds: 3, reason: .retry(reason)),
        ])
        _ = run.slept(at: 3.3)
        // Without the header: the policy's throttling backoff (0.5 s, then 1 s), never less than the poll interval.
        #expect(run.callFailed(Self.throttled, at: 3.4) == [
            .report(.retrying(.cluster, reason: reason, seconds: 1)), .sleep(seconds: 1, reason: .retry(reason)),
        ])
    }

    @Test func theTimeoutIsTheWaitsOnlyEnd() {
        var run = Self.up(timeout: 60)
        _ = run.observed(Self.withCluster("creating", endpoint: false), at: 0)
        _ = run.slept(at: 15)
        _ = run.callFailed(Self.throttled, at: 16)
        _ = run.slept(at: 31)
        #expect(run.callFailed(Self.throttled, at: 61) == [
            .fail(.timedOut(identifier: "dwhCluster", status: "creating", seconds: 61)),
        ])
        var polled = Self.up(timeout: 60)
        _ = polled.observed(Self.withCluster("modifying"), at: 0)
        _ = polled.slept(at: 60)
        #expect(polled.observed(Self.withCluster("modifying"), at: 60) == [
            .report(.clusterStatus(identifier: "dwhcluster", status: "modifying", elapsedSeconds: 60)),
            .fail(.timedOut(identifier: "dwhCluster", status: "modifying", seconds: 60)),
        ])
    }

    @Test func outsideAWaitOnlyThrottlingIsWaitedOutAndOnlyForTheWindow() {
        var run = Self.up(window: 20)
        let throttledRole = Self.error(.iam, "GetRole", "Throttling", "Rate exceeded")
        let reason = "IAM GetRole throttled (Throttling)"
        #expect(run.callFailed(throttledRole, at: 0) == [
            .report(.retrying(.role, reason: reason, seconds: 15)), .sleep(seconds: 15, reason: .retry(reason)),
        ])
        #expect(run.slept(at: 15) == [.observe(groupID: nil)])
        guard case .aws(let error) = throttledRole else { return }
        #expect(run.callFailed(throttledRole, at: 15) == [.fail(.stillFailing(error, seconds: 15))])

        // A dead endpoint or a refusal fails at once: no wait to bound the retries.
        var unreachable = Self.up()
        let noAnswer = ProvisioningError.aws(AWSError(code: AWSError.networkFailure, message: "connection refused",
                                                       service: .iam, action: "GetRole"))
        #expect(unreachable.callFailed(noAnswer, at: 0) == [.fail(noAnswer)])
        var denied = Self.up()
        _ = denied.observed(Self.withCluster("creating", endpoint: false), at: 0)
        _ = denied.slept(at: 15)
        let accessDenied = Self.error(.redshift, "DescribeClusters", "AccessDenied", status: 403)
        #expect(denied.callFailed(accessDenied, at: 16) == [.fail(accessDenied)])
    }

    @Test func slowDeletionIsWaitedOutThenTheRuleAndRoleGo() {
        var run = Self.down()
        var deleting = Self.everything
        deleting.cluster = Plan.cluster("deleting")
        #expect(run.observed(Self.everything, at: 0) == [.call(.deleteCluster(finalSnapshot: nil))])
        let event = ProvisioningEvent.step(.cluster, .deleting, detail: "dwhCluster (no final snapshot)")
        _ = run.callSucceeded(event, at: 1)
        #expect(run.observed(deleting, at: 2) == [
            .report(.clusterStatus(identifier: "dwhcluster", status: "deleting", elapsedSeconds: 0)),
            .sleep(seconds: 15, reason: .poll),
        ])
        _ = run.slept(at: 17)
        _ = run.callFailed(Self.throttled, at: 18)
        #expect(run.slept(at: 33) == [.observe(groupID: "sg-1")])
        var gone = Self.everything
        gone.cluster = nil
        #expect(run.observed(gone, at: 34) == [
            .report(.step(.cluster, .deleted, detail: "dwhCluster")),
            .call(.revokeIngress(Self.rule)),
        ])
    }

    @Test func cancellationEndsTheRunAtOnce() {
        var run = Self.up()
        _ = run.observed(Self.withCluster("creating", endpoint: false), at: 0)
        _ = run.slept(at: 15)
        #expect(run.callFailed(.cancelled, at: 16) == [.fail(.cancelled)])
    }

    @Test func anInputTheRunDidNotAskForIsReportedNotDropped() {
        var run = Self.up()
        _ = run.observed(Self.withCluster("creating", endpoint: false), at: 0)
        #expect(run.callSucceeded(.step(.role, .created, detail: Plan.roleARN), at: 1) == [
            .fail(.illegalInput("callSucceeded", state: "waiting for a pause to end")),
        ])
        #expect(run.isOver)
        #expect(run.slept(at: 2) == [.fail(.illegalInput("slept", state: "over"))])
    }
}
