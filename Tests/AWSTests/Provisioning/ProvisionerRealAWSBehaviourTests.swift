@testable import AWS
import Config
import Testing
import TestSupport

/// `Provisioner` through ``ControlPlaneProxy``: moto with real AWS's IAM lag, throttled polls and slow
/// creation and deletion in front. Without the retry and wait rules each of these runs aborts.
@Suite struct ProvisionerRealAWSBehaviourTests {
    /// Fast backoff for the tests (the lag lasts a second or two, not minutes).
    static let policy = RetryPolicy(baseDelay: .milliseconds(10), throttlingBaseDelay: .milliseconds(50))
    static let retry = ProvisioningRetry(propagationWindow: 20, propagationDelay: 0.25, maxPropagationDelay: 1,
                                         policy: policy)

    static func provisioner(_ proxy: ControlPlaneProxy, records: Recorder<AWSCallRecord>? = nil) -> Provisioner {
        let aws = AWSClient(settings: proxy.settings, observer: { records?.append($0) }, retry: policy)
        return Provisioner(aws: aws, pollInterval: 0.05, timeout: 60, retry: retry)
    }

    static func collect(_ body: (@Sendable (ProvisioningEvent) -> Void) async throws -> Void) async throws
        -> [ProvisioningEvent]
    {
        let events = Recorder<ProvisioningEvent>()
        try await body(events.append)
        return events.all
    }

    static func retries(_ events: [ProvisioningEvent]) -> [String] {
        events.compactMap { event in
            guard case .retrying(let step, let reason, _) = event else { return nil }
            return "\(step.rawValue): \(reason)"
        }
    }

    @Test func upSucceedsFirstTimeThroughIAMLagThrottledPollsAndASlowCreation() async throws {
        let proxy = try await ControlPlaneProxy.start(.init(
            iamLag: .init(attach: 1, createCluster: 3),
            throttleDescribes: .init(fraction: 0.8), creatingPolls: 4))
        let provisioner = Self.provisioner(proxy)
        let target = ProvisionerMotoTests.target()

        let events = try await Self.collect { events in
            _ = try await provisioner.up(target, cidr: uniqueCIDR(), events: events)
        }
        let counters = try proxy.counters()
        #expect(counters["iam_lag_attach", default: 0] >= 1)
        #expect(counters["iam_lag_create_cluster", default: 0] >= 1)
        #expect(counters["throttled", default: 0] >= 3)
        #expect(counters["creating_polls"] == 4)
        let retries = Set(Self.retries(events))
        // Throttled polls are retried by the AWS client itself first; the wait retries only what gets past it.
        #expect(retries.isSuperset(of: ["role: IAM role not yet visible to IAM",
                                        "cluster: IAM role not yet visible to Redshift"]))
        #expect(events.filter { if case .clusterStatus(_, "creating", _) = $0 { true } else { false } }.count == 4)
        let steps = events.compactMap { event -> String? in
            guard case .step(let step, let outcome, _) = event else { return nil }
            return "\(step.rawValue) \(outcome.rawValue)"
        }
        #expect(steps == ["role created", "role attached", "cluster creating", "cluster available", "ingress authorized"])

        try proxy.set(.init())
        _ = try await provisioner.down(target, finalSnapshot: nil, events: { _ in })
    }

    @Test func downWaitsOutASlowDeletionAndTheDetachLag() async throws {
        let proxy = try await ControlPlaneProxy.start(.init())
        let provisioner = Self.provisioner(proxy)
        let target = ProvisionerMotoTests.target()
        let cidr = uniqueCIDR()
        _ = try await provisioner.up(target, cidr: cidr, events: { _ in })

        try proxy.set(.init(deleteConflict: 1, throttleDescribes: .init(fraction: 0.8, retryAfterMs: 200),
                            deletingPolls: 3))
        let events = try await Self.collect { events in
            _ = try await provisioner.down(target, finalSnapshot: nil, events: events)
        }
        let counters = try proxy.counters()
        #expect(counters["deleting_polls"] == 3)
        #expect(counters["delete_conflict", default: 0] >= 1)
        #expect(Set(Self.retries(events)).contains("role: detached policy not yet visible to IAM"))
        #expect(events.last == .step(.role, .deleted, detail: "arn:aws:iam::123456789012:role/\(target.roleName)"))

        // Nothing is left: moto asked directly, not through the proxy.
        let moto = Provisioner(aws: AWSClient(settings: try await MotoFixture.settings()))
        #expect(try await moto.iam.role(named: target.roleName) == nil)
        #expect(try await moto.redshift.cluster(identifier: target.clusterIdentifier) == nil)
        let group = try #require(try await moto.observe(target).securityGroup)
        #expect(!group.ingressRules.contains { $0.cidr == cidr })
    }

    @Test func throttledAnswersCarryRetryAfter() async throws {
        let proxy = try await ControlPlaneProxy.start(.init(throttleDescribes: .init(fraction: 1, retryAfterMs: 1500)))
        let aws = AWSClient(settings: proxy.settings, retry: RetryPolicy(maxAttempts: 1))
        let spec = try ProvisionerMotoTests.target().clusterSpec(roleARN: "arn:aws:iam::123456789012:role/any")
        _ = try await RedshiftClient(aws).createCluster(spec)
        let error = await awsErrorCode { () async throws(AWSError) in
            _ = try await RedshiftClient(aws).cluster(identifier: spec.identifier)
        }
        #expect(error?.code == "Throttling")
        #expect(error?.retryAfter == 1.5)
        _ = try await RedshiftClient(AWSClient(settings: try await MotoFixture.settings()))
            .deleteCluster(identifier: spec.identifier, finalSnapshot: nil)
    }

    @Test func aSkewedClockEndsTheRunAtOnce() async throws {
        let proxy = try await ControlPlaneProxy.start(.init(skewedActions: ["GetRole"]))
        let records = Recorder<AWSCallRecord>()
        let provisioner = Self.provisioner(proxy, records: records)
        await #expect {
            _ = try await provisioner.up(ProvisionerMotoTests.target(), cidr: uniqueCIDR(), events: { _ in })
        } throws: { error in
            guard case .aws(let aws) = error as? ProvisioningError else { return false }
            return aws.code == "RequestTimeTooSkewed"
        }
        #expect(records.all.map(\.action) == ["GetRole"])
        #expect(try proxy.counters()["skewed"] == 1)
    }
}
