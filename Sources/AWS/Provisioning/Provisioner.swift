/// Carries out ``ProvisioningRun``'s actions — observe, call, sleep, report — until the run says done
/// (the run asks ``ProvisioningPlan`` for each next action). Existing resources are states: an action that fails because it is already
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
    /// Which failures pass (IAM propagation, throttled looks) and for how long.
    public var retry: ProvisioningRetry

    public init(aws: AWSClient, pollInterval: Double = 15, timeout: Double = 1800, retry: ProvisioningRetry = .standard) {
        iam = IAMClient(aws)
        redshift = RedshiftClient(aws)
        ec2 = EC2Client(aws)
        sts = STSClient(aws)
        self.pollInterval = pollInterval
        self.timeout = timeout
        self.retry = retry
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

    /// `iac pause` / `iac resume`: the cluster paused (or available again), waited for. Returns what exists at the end.
    public func pause(_ target: ProvisioningTarget, events: @Sendable (ProvisioningEvent) -> Void) async throws(ProvisioningError)
        -> ObservedResources { try await run(.pause, target, events: events) }

    public func resume(_ target: ProvisioningTarget, events: @Sendable (ProvisioningEvent) -> Void) async throws(ProvisioningError)
        -> ObservedResources { try await run(.resume, target, events: events) }

    /// The target cluster's snapshots (`iac status`, `iac up --from-snapshot`), oldest first.
    public func snapshots(_ target: ProvisioningTarget) async throws(ProvisioningError) -> [RedshiftClusterSnapshot] {
        try await call { () async throws(AWSError) in try await redshift.snapshots(clusterIdentifier: target.clusterIdentifier) }
    }

    /// Carries out a ``ProvisioningRun``'s actions until it finishes or fails: the decisions are the run's.
    public func run(_ goal: ProvisioningGoal, _ target: ProvisioningTarget,
                    events: @Sendable (ProvisioningEvent) -> Void) async throws(ProvisioningError) -> ObservedResources {
        let clock = ContinuousClock()
        let start = clock.now
        func now() -> Double {
            let (seconds, attoseconds) = start.duration(to: clock.now).components
            return Double(seconds) + Double(attoseconds) / 1e18
        }
        var machine = ProvisioningRun(goal: goal, target: target, pollInterval: pollInterval, timeout: timeout,
                                      retry: retry)
        var pending = machine.started()
        var observed = ObservedResources()
        while !pending.isEmpty {
            let action = pending.removeFirst()
            switch action {
            case .observe(let groupID):
                do {
                    observed = try await observe(target, groupID: groupID)
                    pending += machine.observed(observed, at: now())
                } catch { pending += machine.callFailed(error, at: now()) }
            case .call(let call):
                do { pending += machine.callSucceeded(try await perform(call, target, observed), at: now()) }
                catch { pending += machine.callFailed(error, at: now()) }
            case .sleep(let seconds, _):
                try await pause(seconds)
                pending += machine.slept(at: now())
            case .report(let event):
                events(event)
            case .finish(let observed):
                return observed
            case .fail(let error):
                throw error
            }
        }
        preconditionFailure("a provisioning run ends in finish or fail")
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
        case .restoreCluster(let roleARN, let snapshot):
            let cluster = try await call { () async throws(AWSError) in
                try await redshift.restoreCluster(identifier: target.clusterIdentifier, snapshot: snapshot, port: target.port,
                                                  iamRoleARNs: [roleARN])
            }
            return .step(.cluster, .restoring, detail: "\(cluster.identifier) from snapshot \(snapshot)")
        case .pauseCluster:
            let cluster = try await call { () async throws(AWSError) in
                try await redshift.pauseCluster(identifier: target.clusterIdentifier)
            }
            return .step(.cluster, .pausing, detail: "\(cluster.identifier): compute stops billing, storage is still billed")
        case .resumeCluster:
            let cluster = try await call { () async throws(AWSError) in
                try await redshift.resumeCluster(identifier: target.clusterIdentifier)
            }
            return .step(.cluster, .resuming, detail: cluster.identifier)
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
            preconditionFailure("\(action) is decided by ProvisioningRun, not called")
        }
    }

    private func call<T>(_ body: () async throws(AWSError) -> T) async throws(ProvisioningError) -> T {
        do { return try await body() } catch { throw error.isCancellation ? .cancelled : .aws(error) }
    }

    private func pause(_ seconds: Double) async throws(ProvisioningError) {
        do { try await Task.sleep(for: .milliseconds(Int(seconds * 1000))) } catch { throw .cancelled }
    }
}
