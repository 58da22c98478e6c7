/// One `iac up` / `iac down` run as a state machine value (the postgres-nio model, like the runbook's
/// engine): each input — started, observed, a call succeeded or failed, slept — returns the
/// ``Action``s to carry out, and the run never touches AWS or a clock (times come in as seconds since
/// the run began). ``Provisioner`` is the thin loop that carries the actions out.
///
/// The run decides what ``ProvisioningPlan`` cannot see from one observation: which steps were already
/// reported, how long the cluster has been waited for, an action the last look does not show yet,
/// and which failures pass — IAM propagation right after a change, throttled or failed looks while
/// waiting for the cluster, throttled looks at any time (``ProvisioningRetry``).
public struct ProvisioningRun: Sendable {
    public let goal: ProvisioningGoal
    public let target: ProvisioningTarget
    /// Seconds between two looks at a changing cluster.
    public var pollInterval: Double
    /// Seconds to wait for the cluster before giving up (a later run resumes the wait). The wait's only end
    /// other than the cluster arriving: failed looks inside it are retried until then.
    public var timeout: Double
    public var retry: ProvisioningRetry

    private enum Next: Sendable {
        case observe
        case call(ProvisioningAction)
    }

    private enum State: Sendable {
        case idle
        case observing
        case calling(ProvisioningAction)
        case sleeping(then: Next)
        case finished
    }

    private var state = State.idle
    private var reported: Set<ProvisioningStep> = []
    /// The cluster's security group, remembered for the looks after the cluster is gone.
    private var groupID: String?
    private var waitStarted: Double?
    private var lastStatus: RedshiftClusterStatus?
    /// The cluster step ran in this run: say "available" / "deleted" once it is over.
    private var clusterTouched = false
    private var previous: ProvisioningAction?
    private var repeats = 0
    private var detachedPolicy = false
    /// The current call's propagation retries: when its first failure was, how many so far.
    private var propagationStarted: Double?
    private var propagationAttempts = 0
    private var failedLooks = 0
    /// When looks outside a wait began being throttled.
    private var throttledSince: Double?

    public init(goal: ProvisioningGoal, target: ProvisioningTarget, pollInterval: Double = 15, timeout: Double = 1800,
                retry: ProvisioningRetry = .standard) {
        self.goal = goal
        self.target = target
        self.pollInterval = pollInterval
        self.timeout = timeout
        self.retry = retry
    }

    /// True once the run has finished or failed.
    public var isOver: Bool {
        if case .finished = state { return true }
        return false
    }

    // MARK: Inputs

    public mutating func started() -> [Action] {
        guard case .idle = state else { return illegal("started") }
        state = .observing
        return [.observe(groupID: nil)]
    }

    /// What exists now: the plan's next action, with whatever needs reporting first.
    public mutating func observed(_ observed: ObservedResources, at now: Double) -> [Action] {
        guard case .observing = state else { return illegal("observed") }
        failedLooks = 0
        throttledSince = nil
        if let id = observed.securityGroup?.id, observed.cluster != nil { groupID = id }
        let action = ProvisioningPlan.next(goal, target, observed: observed)

        var actions: [Action] = []
        if clusterTouched, action.step != .cluster {
            clusterTouched = false
            actions.append(.report(clusterOver(observed)))
        }
        if !action.isWait { waitStarted = nil }
        if action != previous {
            propagationStarted = nil
            propagationAttempts = 0
        }
        if action == previous, !action.isWait {
            repeats += 1
            // IAM and EC2 are eventually consistent: give a change a moment to show, then do it again.
            guard repeats <= 3 else { return actions + fail(.notConverging(action: "\(action)")) }
            state = .sleeping(then: .call(action))
            return actions + [.sleep(seconds: min(pollInterval, 2), reason: .settle)]
        }
        repeats = 0
        previous = action

        switch action {
        case .done:
            state = .finished
            return actions + reportUntouched(before: nil, observed) + [.finish(observed)]
        case .fail(let error):
            return actions + fail(error)
        case .waitForCluster(let status), .waitForClusterGone(let status):
            actions += reportUntouched(before: .cluster, observed)
            reported.insert(.cluster)
            clusterTouched = true
            lastStatus = status
            let started = waitStarted ?? now
            waitStarted = started
            actions.append(.report(.clusterStatus(identifier: observed.cluster?.identifier ?? target.clusterIdentifier,
                                                  status: status.text, elapsedSeconds: Int(now - started))))
            if now - started >= timeout { return actions + fail(timedOut(now)) }
            state = .sleeping(then: .observe)
            return actions + [.sleep(seconds: pollInterval, reason: .poll)]
        default:
            let step = action.step!
            actions += reportUntouched(before: step, observed)
            reported.insert(step)
            if step == .cluster { clusterTouched = true }
            state = .calling(action)
            return actions + [.call(action)]
        }
    }

    /// The call asked for is done; `event` says what it did (the role's ARN, the cluster's size).
    public mutating func callSucceeded(_ event: ProvisioningEvent, at now: Double) -> [Action] {
        guard case .calling(let action) = state else { return illegal("callSucceeded") }
        if case .detachPolicy = action { detachedPolicy = true }
        state = .observing
        return [.report(event), .observe(groupID: groupID)]
    }

    /// The look or the call asked for failed.
    public mutating func callFailed(_ error: ProvisioningError, at now: Double) -> [Action] {
        switch state {
        case .observing:
            guard case .aws(let aws) = error, let reason = ProvisioningRetry.transientReason(aws) else { return fail(error) }
            failedLooks += 1
            let delay = retry.pollDelay(failures: failedLooks, error: aws, pollInterval: pollInterval)
            if let started = waitStarted {
                // Inside the wait, a throttled or failed look means "look again later": only the timeout ends it.
                if now - started >= timeout { return fail(timedOut(now)) }
            } else {
                // Outside it, only throttling is waited out (for the retry window): a dead endpoint fails fast.
                guard RetryPolicy.classify(status: aws.httpStatus, code: aws.code) == .throttled else { return fail(error) }
                let first = throttledSince ?? now
                throttledSince = first
                guard now - first + delay <= retry.propagationWindow else {
                    return fail(.stillFailing(aws, seconds: Int(now - first)))
                }
            }
            let step = previous?.step ?? goal.steps[0]
            state = .sleeping(then: .observe)
            return [.report(.retrying(step, reason: reason, seconds: delay)), .sleep(seconds: delay, reason: .retry(reason))]
        case .calling(let action):
            guard case .aws(let aws) = error, let step = action.step else { return fail(error) }
            if ProvisioningPlan.isAlreadyDone(action, errorCode: aws.code) {
                state = .observing
                return [.report(.step(step, .alreadyDone, detail: aws.code)), .observe(groupID: groupID)]
            }
            guard let reason = ProvisioningRetry.propagationReason(action, aws, detachedByThisRun: detachedPolicy) else {
                return fail(error)
            }
            let first = propagationStarted ?? now
            propagationStarted = first
            propagationAttempts += 1
            let delay = retry.propagationDelay(attempt: propagationAttempts)
            guard now - first + delay <= retry.propagationWindow else {
                return fail(.stillFailing(aws, seconds: Int(now - first)))
            }
            state = .sleeping(then: .call(action))
            return [.report(.retrying(step, reason: reason, seconds: delay)), .sleep(seconds: delay, reason: .retry(reason))]
        case .idle, .sleeping, .finished:
            return illegal("callFailed")
        }
    }

    /// The pause asked for is over.
    public mutating func slept(at now: Double) -> [Action] {
        guard case .sleeping(let next) = state else { return illegal("slept") }
        switch next {
        case .observe:
            state = .observing
            return [.observe(groupID: groupID)]
        case .call(let action):
            state = .calling(action)
            return [.call(action)]
        }
    }

    // MARK: Decisions

    private mutating func fail(_ error: ProvisioningError) -> [Action] {
        state = .finished
        return [.fail(error)]
    }

    /// An input the run did not ask for (a driver's bug): said, not dropped; the run ends.
    private mutating func illegal(_ input: String) -> [Action] {
        let now: String
        switch state {
        case .idle: now = "not started"
        case .observing: now = "waiting for a look"
        case .calling(let action): now = "waiting for \(action)"
        case .sleeping: now = "waiting for a pause to end"
        case .finished: now = "over"
        }
        return fail(.illegalInput(input, state: now))
    }

    private func timedOut(_ now: Double) -> ProvisioningError {
        .timedOut(identifier: target.clusterIdentifier, status: lastStatus?.text ?? "changing",
                  seconds: Int(now - (waitStarted ?? now)))
    }

    /// The cluster step's last line: available (with the endpoint) or deleted.
    private func clusterOver(_ observed: ObservedResources) -> ProvisioningEvent {
        switch goal {
        case .up: break
        case .down: return .step(.cluster, .deleted, detail: target.clusterIdentifier)
        case .pause: return .step(.cluster, .paused, detail: observed.cluster?.identifier ?? target.clusterIdentifier)
        case .resume: break
        }
        let detail = observed.cluster.flatMap { cluster in
            cluster.endpoint.map { "\(cluster.identifier) \($0.address):\($0.port)" }
        }
        return .step(.cluster, .available, detail: detail ?? target.clusterIdentifier)
    }

    /// Steps before `step` that needed nothing, each reported once as already done.
    private mutating func reportUntouched(before step: ProvisioningStep?, _ observed: ObservedResources) -> [Action] {
        var actions: [Action] = []
        for earlier in goal.steps.prefix(while: { $0 != step }) where !reported.contains(earlier) {
            reported.insert(earlier)
            actions.append(.report(.step(earlier, .alreadyDone, detail: ProvisioningPlan.alreadyDoneDetail(
                earlier, goal: goal, target: target, observed: observed))))
        }
        return actions
    }
}
