import AWS
import Foundation
import Warehouse

/// The runbook as a state machine value (the postgres-nio model): each input is a `mutating` method that
/// returns the ``EngineAction``s to carry out — observe, run a step, ask for confirmation, cancel, emit an
/// event — and never touches AWS, the database or a terminal. The console and the headless CLI each
/// drive one of these.
///
/// Step states are derived from the latest ``Observation``; the engine adds only what an observation
/// cannot show: the step running in this process (with its progress), a step that just finished (until
/// the next observation confirms it), and a failure (until the step is retried or the truth changes).
/// One long step runs at a time; connect (4) and row counts (R) may run beside it.
public struct RunbookEngine: Sendable {
    public private(set) var observation: Observation
    /// Steps running in this process, with the text their runbook line shows.
    public private(set) var running: [RunbookStep: String] = [:]
    /// The destructive step waiting for the operator's word.
    public private(set) var pendingConfirmation: Confirmation?
    /// The console's "only new objects / everything", waiting for the operator's word.
    public private(set) var pendingChoice: ETLChoice?
    /// The ETL running (or about to) loads only new objects: the operator chose so.
    public private(set) var runsIncrementally = false
    /// The sources are being compared with etl_objects before `e`'s question can be asked.
    public private(set) var comparing = false
    private var chosenMode: ETLMode?
    /// Step 5's final snapshot (`iac down --snapshot`): its question says so.
    public var finalSnapshot: String?

    private struct Failure: Sendable {
        var reason: String
        /// The step's derived state when it failed: a different one means the world changed since.
        var derived: StepState
    }

    private var failures: [RunbookStep: Failure] = [:]
    /// Finished steps' states until the next observation shows the truth itself.
    private var finished: [RunbookStep: StepState] = [:]
    private var cancelling: RunbookStep?
    private(set) var rates: [PipelineStage: ProgressRate] = [:]
    /// The tables the running ETL's finished transforms rebuilt, with the rows they reported: a look
    /// that counted a table before its stage committed cannot know them, so they stand over any look
    /// until the run is over (nothing else writes the tables under the run lock).
    private var rebuiltCounts: [String: Int] = [:]
    private var listingClosed = false
    /// What the faces were last told.
    private var shown: [RunbookStep: StepState] = [:]
    private var shownCluster: ClusterSummary?
    private var shownCounts: RowCounts?

    public init(observation: Observation) {
        self.observation = observation
    }

    /// The state the runbook panel shows for `step`.
    public func state(of step: RunbookStep) -> StepState {
        if let detail = running[step] { return .running(detail) }
        if let failure = failures[step] { return .failed(failure.reason) }
        return finished[step] ?? observation.derivedState(of: step)
    }

    /// The "list S3" line is open: listed, but no staging stage has reported its total yet.
    var isListing: Bool { rates[.listing] != nil && !listingClosed }

    /// The long step running now, if any.
    public var runningLongStep: RunbookStep? { RunbookStep.allCases.first { $0.isLong && running[$0] != nil } }

    // MARK: Inputs

    /// The face is up: show every step as far as the (possibly empty) observation tells, and look.
    public mutating func start() -> [EngineAction] {
        publish() + [.observe(.everything)]
    }

    /// What AWS and the database report now. `stale`: steps that finished after this observation began
    /// looking — it cannot show their effect yet, so their "done" line stays until a later one does.
    public mutating func observed(_ observation: Observation, stale: Set<RunbookStep> = []) -> [EngineAction] {
        // A look begun while the ETL ran may have counted a table before its stage committed.
        self.observation = running[.etl] == nil && !stale.contains(.etl) ? observation : Self.counting(rebuiltCounts, over: observation)
        finished = finished.filter { stale.contains($0.key) }
        failures = failures.filter { step, failure in observation.derivedState(of: step) == failure.derived }
        return publish() + (observation.asksAWSWhyTheHostIsSilent ? [.observe(.aws)] : [])
    }

    /// The operator asked for `step` (a key in the console, a command headless). `confirmed`: the answer
    /// is already yes (`--yes`). `offeringChoice`: the face can ask "only new objects / everything"
    /// (the console): an ETL first compares the sources with etl_objects (``EngineAction/previewIncremental``).
    public mutating func requested(_ step: RunbookStep, confirmed: Bool = false, offeringChoice: Bool = false) -> [EngineAction] {
        if let pending = pendingConfirmation {
            return refuse(step, "answer the question for \(pending.step.label) first")
        }
        if pendingChoice != nil { return refuse(step, "answer the question for \(RunbookStep.etl.label) first") }
        if comparing { return refuse(step, "\(RunbookStep.etl.label) is looking for new objects: a moment") }
        if running[step] != nil { return refuse(step, "\(step.label) is already running") }
        if step.isLong, let other = runningLongStep {
            return refuse(step, "\(other.label) is running: wait for it, or cancel it (Esc / Ctrl-C)")
        }
        if case .blocked(let reason) = observation.derivedState(of: step) { return refuse(step, reason) }
        if step == .etl || step == .createTables, case .known(let facts) = observation.database, let holder = facts.runLock {
            return refuse(step, "\(holder) is in progress — wait, or cancel it there")
        }
        if !confirmed, let confirmation = confirmationNeeded(for: step) {
            pendingConfirmation = confirmation
            return [.emit(.confirmationRequested(confirmation)), .askConfirmation(confirmation)]
        }
        if step == .etl, offeringChoice, chosenMode == nil {
            comparing = true
            return [.emit(.comparing), .previewIncremental]
        }
        failures[step] = nil
        running[step] = Self.startingText(step)
        if step == .etl {
            rates.removeAll()
            rebuiltCounts.removeAll()
            runsIncrementally = chosenMode == .newObjects
            chosenMode = nil
        }
        return publish() + [.run(step)]
    }

    /// What an incremental run would stage now, for the ETL the operator asked for: without a previous
    /// run it starts at once (a full run, as always); otherwise the operator is asked.
    public mutating func incrementalPreviewed(_ preview: IncrementalPreview) -> [EngineAction] {
        guard comparing else { return ignored("the look for new objects", "no ETL was asked for") }
        comparing = false
        guard let choice = ETLChoice(preview) else { return start(.etl, mode: .everything) }
        pendingChoice = choice
        return [.emit(.choiceRequested(choice))]
    }

    /// The operator's answer to ``pendingChoice``; nil: the dialog was dismissed.
    public mutating func etlChosen(_ mode: ETLMode?) -> [EngineAction] {
        guard let choice = pendingChoice else { return ignored("a choice", "no question is waiting") }
        pendingChoice = nil
        guard let mode else { return refuse(.etl, "not started: nothing was changed") }
        guard choice.modes.contains(mode) else {
            return refuse(.etl, "only a full run can give the right tables: \(choice.fullRebuildReason ?? "")")
        }
        return start(.etl, mode: mode)
    }

    /// Requests the ETL the operator has answered for; the mode never outlives the request (a refused
    /// one leaves the next `e` to ask again).
    private mutating func start(_ step: RunbookStep, mode: ETLMode) -> [EngineAction] {
        chosenMode = mode
        let actions = requested(step, confirmed: true)
        chosenMode = nil
        return actions
    }

    /// The operator's reply to ``pendingConfirmation``; nil: the dialog was dismissed. `finalSnapshot`:
    /// step 5's optional field in the console — a snapshot to take before the cluster is deleted.
    public mutating func confirmationAnswered(_ reply: String?, finalSnapshot: String? = nil) -> [EngineAction] {
        guard let confirmation = pendingConfirmation else { return ignored("an answer", "no question is waiting") }
        pendingConfirmation = nil
        guard let reply, confirmation.accepts(reply) else {
            return refuse(confirmation.step, "not confirmed: nothing was changed")
        }
        if let finalSnapshot, !finalSnapshot.isEmpty, confirmation.snapshotPrompt != nil {
            if let problem = RedshiftClusterSnapshot.identifierProblem(finalSnapshot) {
                return refuse(confirmation.step, "final snapshot '\(finalSnapshot)': a snapshot identifier \(problem); nothing was changed")
            }
            self.finalSnapshot = finalSnapshot
        }
        return requested(confirmation.step, confirmed: true)
    }

    /// A running step has news for its runbook line ("creating (45 s)").
    public mutating func stepProgressed(_ step: RunbookStep, detail: String) -> [EngineAction] {
        guard running[step] != nil, cancelling != step else { return [] }
        running[step] = detail
        return publish()
    }

    /// The running ETL reported progress.
    public mutating func stageProgressed(_ sample: StageSample) -> [EngineAction] {
        guard running[.etl] != nil else { return ignored("\(sample.stage.title) progress", "no ETL is running") }
        rates[sample.stage, default: ProgressRate()].add(sample)
        if sample.stage == .listing { listingClosed = false }
        var actions: [EngineAction] = []
        if cancelling != .etl {
            running[.etl] = sample.stage.title
            actions = publish()
        }
        return actions + [.emit(.stageProgress(StageReport(rates[sample.stage]!)!))]
    }

    /// An ETL stage ended. After a staging stage, look at the database again so the tables panel shows
    /// the new counts. A transform reports the rows now in its table, and that is its count: counting
    /// the whole warehouse again would scan both staging tables while the other transform lane works
    /// (and wait on the tables it locks).
    public mutating func stageFinished(_ sample: StageSample, outcome: ETLOutcome, message: String? = nil) -> [EngineAction] {
        guard running[.etl] != nil else { return ignored("the end of \(sample.stage.title)", "no ETL is running") }
        rates[sample.stage, default: ProgressRate()].add(sample)
        if sample.stage == .listing { listingClosed = true }
        var report = StageReport(rates[sample.stage]!)!
        report.eta = outcome == .succeeded ? 0 : nil
        var actions: [EngineAction] = [.emit(.stageFinished(report, outcome: StageOutcome(outcome), message: message))]
        guard outcome == .succeeded, case .stage(let stage) = sample.stage, let table = stage.table else { return actions }
        if stage.isStaging { return actions + [.observe(.database)] }
        rebuiltCounts[table.name] = sample.rows
        observation = Self.counting(rebuiltCounts, over: observation)
        return actions + publish()
    }

    /// `observation` with `rows` as the counts of the tables they name (those it counted at all).
    static func counting(_ rows: [String: Int], over observation: Observation) -> Observation {
        guard !rows.isEmpty, case .known(var facts) = observation.database, var counts = facts.tables else { return observation }
        for index in counts.tables.indices {
            if let rebuilt = rows[counts.tables[index].name] { counts.tables[index].rows = rebuilt }
        }
        facts.tables = counts
        var observation = observation
        observation.database = .known(facts)
        return observation
    }

    /// Step R counted: its counts are what the database holds now (the tables panel, `counts --json`).
    public mutating func countsReported(_ counts: RowCounts) -> [EngineAction] {
        guard running[.counts] != nil, case .known(var facts) = observation.database else { return [] }
        facts.tables = counts
        observation.database = .known(facts)
        // Counted beside a running ETL: its finished transforms' counts are newer than what R may have seen.
        if running[.etl] != nil { observation = Self.counting(rebuiltCounts, over: observation) }
        return publish()
    }

    /// The step the driver ran has ended. Then look again: the observation, not this report, decides
    /// what the step's line says from now on.
    public mutating func stepFinished(_ step: RunbookStep, _ outcome: StepOutcome) -> [EngineAction] {
        guard running.removeValue(forKey: step) != nil else { return ignored("the end of \(step.label)", "it is not running") }
        if cancelling == step { cancelling = nil }
        // A snapshot named in step 5's dialog was for that run only.
        if step == .cleanUp { finalSnapshot = nil }
        switch outcome {
        case .succeeded(let detail):
            finished[step] = .done(detail)
        case .failed(let reason):
            failures[step] = Failure(reason: reason, derived: observation.derivedState(of: step))
        case .cancelled:
            failures[step] = Failure(reason: Self.cancelledText(step), derived: observation.derivedState(of: step))
        }
        return [.emit(.result(step, outcome))] + publish() + [.observe(step.usesAWS ? .everything : .database)]
    }

    /// Esc / Ctrl-C: cancel the running long step — only it. With a question open, it is the answer no.
    public mutating func cancelRequested() -> [EngineAction] {
        if pendingConfirmation != nil { return confirmationAnswered(nil) }
        if pendingChoice != nil { return etlChosen(nil) }
        guard let step = runningLongStep else { return refuse(nil, "nothing is running") }
        guard cancelling != step else { return refuse(step, "\(step.label) is already being cancelled") }
        cancelling = step
        running[step] = "cancelling"
        return publish() + [.cancel(step)]
    }

    // MARK: Decisions

    /// The question a destructive step asks first, or nil when nothing would be destroyed.
    public func confirmationNeeded(for step: RunbookStep) -> Confirmation? {
        switch step {
        case .cleanUp:
            let facts = observation.aws.value
            // What the cluster panel shows: Redshift reports identifiers in lower case.
            let identifier = facts?.cluster?.identifier ?? observation.clusterIdentifier
            let deletesCluster = facts == nil || facts?.cluster != nil
            var rest: [String] = []
            if facts == nil || facts?.ingress.contains(where: \.sparkify) == true { rest.append("revoke its ingress rule") }
            if facts == nil || facts?.role != nil { rest.append("delete role \(observation.roleName)") }
            guard deletesCluster || !rest.isEmpty else { return nil }
            func prompt(_ snapshot: String?) -> String {
                let cluster = snapshot.map { "take final snapshot \($0) of cluster \(identifier), delete the cluster" }
                    ?? "delete cluster \(identifier) and all its data (no final snapshot)"
                return "Clean up will " + Self.sentence((deletesCluster ? [cluster] : []) + rest) + "."
            }
            // Without --snapshot the console's dialog offers a field for one.
            return Confirmation(step: .cleanUp, prompt: prompt(finalSnapshot), answer: .type(identifier),
                                snapshotPrompt: deletesCluster && finalSnapshot == nil ? prompt(Confirmation.snapshotPlaceholder) : nil)
        case .createTables:
            guard let facts = observation.database.value, facts.tables != nil else {
                return Confirmation(step: .createTables,
                                    prompt: "Create tables drops every staging and star table; their rows were not counted.",
                                    answer: .yes)
            }
            let populated = facts.populatedTables
            guard !populated.isEmpty else { return nil }
            let listed = populated.map { "\($0.name) (\($0.rows ?? 0) \($0.rows == 1 ? "row" : "rows"))" }
            return Confirmation(step: .createTables,
                                prompt: "Create tables drops " + Self.sentence(listed) + " and creates them empty.",
                                answer: .yes)
        case .cluster:
            // On real AWS a new cluster costs money by the hour: say what step 2 creates and what it costs.
            guard observation.target == .aws, !observation.emulated, let plan = observation.aws.value?.clusterPlan,
                  plan.createsCluster else { return nil }
            return Confirmation(step: .cluster, prompt: plan.clusterPrompt, answer: .yes)
        case .iamRole, .openPort, .connect, .etl, .counts, .pause, .resume:
            return nil
        }
    }

    /// Said when the operator quits: a cluster on real AWS keeps costing money (the decision is
    /// ``ClusterSummary/exitWarning(at:)``'s, which the console's quit dialog shares).
    public func exitWarning(at now: Date) -> String? { ClusterSummary(observation).exitWarning(at: now) }

    // MARK: Helpers

    private func refuse(_ step: RunbookStep?, _ reason: String) -> [EngineAction] {
        [.emit(.refused(step, reason: reason))]
    }

    /// An input that is illegal in the current state (a driver's bug or a race): said, not silently
    /// dropped. News of a step that is not running is not one: a goal reports the steps it found done.
    private func ignored(_ input: String, _ reason: String) -> [EngineAction] {
        [.emit(.warning("ignored \(input): \(reason)"))]
    }

    /// Events for what changed since the faces were last told: step lines, the cluster panel, the counts.
    private mutating func publish() -> [EngineAction] {
        var actions: [EngineAction] = []
        // Pause and resume are news only once one has run (they are not runbook lines).
        for step in RunbookStep.allCases where !step.isClusterAction || running[step] != nil || shown[step] != nil {
            let state = state(of: step)
            if shown[step] != state {
                shown[step] = state
                actions.append(.emit(.stepState(step, state)))
            }
        }
        var cluster = ClusterSummary(observation)
        // A pause or resume shows its live wait where the cluster's status is: the observation lags it.
        cluster.change = running[.pause] ?? running[.resume]
        if cluster != shownCluster {
            shownCluster = cluster
            actions.append(.emit(.cluster(cluster)))
        }
        if let counts = observation.database.value?.tables, counts != shownCounts {
            shownCounts = counts
            actions.append(.emit(.counts(counts)))
        }
        return actions
    }

    static func startingText(_ step: RunbookStep) -> String {
        switch step {
        case .iamRole: return "creating the role"
        case .cluster: return "creating the cluster"
        case .openPort: return "opening the port"
        case .connect: return "connecting"
        case .createTables: return "creating tables"
        case .etl: return "starting"
        case .counts: return "counting"
        case .cleanUp: return "cleaning up"
        case .pause: return "pausing"
        case .resume: return "resuming"
        }
    }

    static func cancelledText(_ step: RunbookStep) -> String {
        switch step {
        case .etl: return "cancelled: the stage was rolled back, final tables keep their previous rows"
        case .createTables: return "cancelled: rolled back, the tables are as they were"
        default: return "cancelled"
        }
    }

    /// "a", "a and b", "a, b and c"
    static func sentence(_ parts: [String]) -> String {
        parts.count <= 1 ? parts.joined() : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }
}
