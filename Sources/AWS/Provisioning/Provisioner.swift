/// Carries out ``ProvisioningPlan``: observe, ask the plan for the next action, do it, observe again —
/// until the plan says done. Existing resources are states: an action that fails because it is already
/// the case (EntityAlreadyExists, ClusterAlreadyExists, InvalidPermission.Duplicate, …) is reported as
/// "already done" and the run goes on.
public struct Provisioner: Sendable {
    public let iam: IAMClient
    public let redshift: RedshiftClient
    public let ec2: EC2Client
    public let sts: STSClient
    /// Seconds between DescribeClusters polls.
    public var pollInterval: Double
    /// Seconds to wait for the cluster before giving up (a later run resumes the wait).
    public var timeout: Double

    public init(aws: AWSClient, pollInterval: Double = 15, timeout: Double = 1800) {
        iam = IAMClient(aws)
        redshift = RedshiftClient(aws)
        ec2 = EC2Client(aws)
        sts = STSClient(aws)
        self.pollInterval = pollInterval
        self.timeout = timeout
    }

    public func callerIdentity() async throws(ProvisioningError) -> CallerIdentity {
        try await call { () async throws(AWSError) in try await sts.callerIdentity() }
    }

    /// What exists now. The security group is the cluster's VPC group, else `groupID` (remembered from an
    /// earlier look, for after the cluster is gone), else the `default` group of the default VPC.
    public func observe(_ target: ProvisioningTarget, groupID: String? = nil) async throws(ProvisioningError)
        -> ObservedResources
    {
        var observed = ObservedResources()
        observed.role = try await call { () async throws(AWSError) in
            try await iam.role(named: target.roleName)
        }
        if observed.role != nil {
            observed.attachedPolicyARNs = try await call { () async throws(AWSError) in
                try await iam.attachedPolicies(role: target.roleName).map(\.arn)
            }
        }
        observed.cluster = try await call { () async throws(AWSError) in
            try await redshift.cluster(identifier: target.clusterIdentifier)
        }
        let cluster = observed.cluster
        observed.securityGroup = try await call { () async throws(AWSError) in
            if let id = cluster?.vpcSecurityGroupIDs.first ?? groupID { return try await ec2.securityGroup(id: id) }
            let vpcID: String?
            if let id = cluster?.vpcID { vpcID = id } else { vpcID = try await ec2.defaultVpc()?.id }
            guard let vpcID else { return nil }
            return try await ec2.securityGroup(vpcID: vpcID, name: "default")
        }
        return observed
    }

    /// Steps 1–3 (or up to `through`). Returns what exists at the end (role, available cluster, ingress rule).
    public func up(_ target: ProvisioningTarget, cidr: String, through last: ProvisioningStep = .ingress,
                   events: @Sendable (ProvisioningEvent) -> Void) async throws(ProvisioningError) -> ObservedResources {
        try await run(.up(cidr: cidr, through: last), target, events: events)
    }

    /// Step 5. Returns what exists at the end (nothing of the target's).
    public func down(_ target: ProvisioningTarget, finalSnapshot: String?, revokeCIDRs: [String] = [],
                     events: @Sendable (ProvisioningEvent) -> Void) async throws(ProvisioningError) -> ObservedResources {
        try await run(.down(finalSnapshot: finalSnapshot, revokeCIDRs: revokeCIDRs), target, events: events)
    }

    /// Observes, acts, observes again until the plan says done; reports each step once.
    public func run(_ goal: ProvisioningGoal, _ target: ProvisioningTarget,
                    events: @Sendable (ProvisioningEvent) -> Void) async throws(ProvisioningError) -> ObservedResources {
        let clock = ContinuousClock()
        var reported: Set<ProvisioningStep> = []
        var groupID: String?
        var waitStarted: ContinuousClock.Instant?
        var clusterTouched = false
        var previous: ProvisioningAction?
        var repeats = 0

        func reportUntouched(before step: ProvisioningStep?, _ observed: ObservedResources) {
            for earlier in goal.steps.prefix(while: { $0 != step }) where !reported.contains(earlier) {
                reported.insert(earlier)
                events(.step(earlier, .alreadyDone, detail: ProvisioningPlan.alreadyDoneDetail(
                    earlier, goal: goal, target: target, observed: observed)))
            }
        }

        while true {
            let observed = try await observe(target, groupID: groupID)
            if let id = observed.securityGroup?.id, observed.cluster != nil { groupID = id }
            let action = ProvisioningPlan.next(goal, target, observed: observed)

            if clusterTouched, action.step != .cluster {
                clusterTouched = false
                let cluster = observed.cluster
                if case .up = goal {
                    events(.step(.cluster, .available, detail: cluster?.endpoint.map {
                        "\(cluster!.identifier) \($0.address):\($0.port)" } ?? target.clusterIdentifier))
                } else {
                    events(.step(.cluster, .deleted, detail: target.clusterIdentifier))
                }
            }
            if !action.isWait { waitStarted = nil }
            if action == previous, !action.isWait {
                repeats += 1
                // IAM and EC2 are eventually consistent: give a change a moment to show.
                guard repeats <= 3 else { throw .notConverging(action: "\(action)") }
                try await pause(min(pollInterval, 2))
            } else {
                repeats = 0
            }
            previous = action

            switch action {
            case .done:
                reportUntouched(before: nil, observed)
                return observed
            case .fail(let error):
                throw error
            case .waitForCluster(let status), .waitForClusterGone(let status):
                reportUntouched(before: .cluster, observed)
                reported.insert(.cluster)
                clusterTouched = true
                let started = waitStarted ?? clock.now
                waitStarted = started
                let elapsed = started.duration(to: clock.now).components.seconds
                events(.clusterStatus(identifier: observed.cluster?.identifier ?? target.clusterIdentifier,
                                      status: status.text, elapsedSeconds: Int(elapsed)))
                if Double(elapsed) >= timeout {
                    throw .timedOut(identifier: target.clusterIdentifier, status: status.text, seconds: Int(elapsed))
                }
                try await pause(pollInterval)
            default:
                let step = action.step!
                reportUntouched(before: step, observed)
                reported.insert(step)
                if step == .cluster { clusterTouched = true }
                do {
                    events(try await perform(action, target, observed))
                } catch let error {
                    guard case .aws(let awsError) = error,
                          ProvisioningPlan.isAlreadyDone(action, errorCode: awsError.code) else { throw error }
                    events(.step(step, .alreadyDone, detail: awsError.code))
                }
            }
        }
    }

    /// Does one action; returns the event that reports it.
    private func perform(_ action: ProvisioningAction, _ target: ProvisioningTarget,
                         _ observed: ObservedResources) async throws(ProvisioningError) -> ProvisioningEvent {
        switch action {
        case .createRole:
            let role = try await call { () async throws(AWSError) in
                try await iam.createRole(name: target.roleName)
            }
            return .step(.role, .created, detail: role.arn)
        case .attachPolicy(let arn):
            try await call { () async throws(AWSError) in
                try await iam.attachRolePolicy(role: target.roleName, policyARN: arn)
            }
            return .step(.role, .attached, detail: arn)
        case .createCluster(let roleARN):
            let spec = try target.clusterSpec(roleARN: roleARN)
            let cluster = try await call { () async throws(AWSError) in
                try await redshift.createCluster(spec)
            }
            return .step(.cluster, .creating,
                         detail: "\(cluster.identifier) \(spec.nodeType) × \(spec.clusterType == "single-node" ? 1 : spec.numberOfNodes)")
        case .authorizeIngress(let rule):
            try await call { () async throws(AWSError) in
                try await ec2.authorizeIngress(rule)
            }
            return .step(.ingress, .authorized, detail: rule.description)
        case .deleteCluster(let snapshot):
            _ = try await call { () async throws(AWSError) in
                try await redshift.deleteCluster(identifier: target.clusterIdentifier, finalSnapshot: snapshot)
            }
            return .step(.cluster, .deleting, detail: target.clusterIdentifier
                + (snapshot.map { " (final snapshot \($0))" } ?? " (no final snapshot)"))
        case .revokeIngress(let rule):
            try await call { () async throws(AWSError) in
                try await ec2.revokeIngress(rule)
            }
            return .step(.ingress, .revoked, detail: rule.description)
        case .detachPolicy(let arn):
            try await call { () async throws(AWSError) in
                try await iam.detachRolePolicy(role: target.roleName, policyARN: arn)
            }
            return .step(.role, .detached, detail: arn)
        case .deleteRole:
            try await call { () async throws(AWSError) in try await iam.deleteRole(name: target.roleName) }
            return .step(.role, .deleted, detail: observed.role?.arn ?? target.roleName)
        case .waitForCluster, .waitForClusterGone, .done, .fail:
            preconditionFailure("\(action) is handled by the run loop")
        }
    }

    private func call<T>(_ body: () async throws(AWSError) -> T) async throws(ProvisioningError) -> T {
        do { return try await body() } catch { throw error.isCancellation ? .cancelled : .aws(error) }
    }

    private func pause(_ seconds: Double) async throws(ProvisioningError) {
        do { try await Task.sleep(for: .milliseconds(Int(seconds * 1000))) } catch { throw .cancelled }
    }
}
