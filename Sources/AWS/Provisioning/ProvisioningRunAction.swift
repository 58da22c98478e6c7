extension ProvisioningRun {
    /// What the run wants done next. ``Provisioner`` carries these out, in order, and reports back
    /// through the run's inputs; the run itself never touches AWS or a clock.
    public enum Action: Sendable, Equatable {
        /// Look at what exists (``Provisioner/observe(_:groupID:)``) and report it (``ProvisioningRun/observed(_:at:)``),
        /// or the error (``ProvisioningRun/callFailed(_:at:)``).
        case observe(groupID: String?)
        /// Carry out one action of the plan; report the event that describes it
        /// (``ProvisioningRun/callSucceeded(_:at:)``) or the error.
        case call(ProvisioningAction)
        /// Wait, then report ``ProvisioningRun/slept(at:)``.
        case sleep(seconds: Double, reason: SleepReason)
        /// Hand the event to the caller (console log, stderr, `--json`).
        case report(ProvisioningEvent)
        /// The goal is reached: this is what exists now.
        case finish(ObservedResources)
        case fail(ProvisioningError)
    }

    /// Why the run pauses.
    public enum SleepReason: Sendable, Equatable {
        /// Between two looks at a changing cluster.
        case poll
        /// The last change does not show yet (IAM and EC2 are eventually consistent): try it again.
        case settle
        /// A call or look failed for a reason that passes (IAM propagation, throttling, 5xx); the text
        /// says which, as the retry's log line does.
        case retry(String)
    }
}
