import Foundation
import Synchronization

/// The edge where the engine's decisions become effects (postgres-nio's channel handler): it feeds the
/// operator's intents and the world's reports into a ``RunbookEngine`` and carries out the actions it
/// returns — observe, run a step on a task of its own, cancel that task, hand events to the face.
///
/// Both faces drive one of these: the console (keys → intents, events → panels) and headless commands.
/// Inputs may come from any thread; the engine is behind a lock and events reach `onEvent` in the order
/// the engine emitted them. `onEvent` must not call back into the session (queue the event instead).
public final class RunbookSession: Sendable {
    private struct State: Sendable {
        var engine: RunbookEngine
        var tasks: [RunbookStep: Task<Void, Never>] = [:]
        var observations = 0
        /// Looks for new objects before `e`'s question (``EngineAction/previewIncremental``) under way.
        var previews = 0
        /// What the last preview listed, for the incremental run the operator may choose next.
        var previewListing: SourceListing?
        /// Observations are numbered as they start; an older one that lands after a newer one is stale.
        var lastStarted = 0
        var newestAWS = 0
        var newestDatabase = 0
        /// For each step that finished, the number of the last observation started before it did.
        var finishedAfter: [RunbookStep: Int] = [:]
    }

    /// Looks at the world: `previous` with the parts `scope` names looked at again.
    public typealias Observe = @Sendable (_ scope: ObservationScope, _ previous: Observation) async -> Observation

    private let state: Mutex<State>
    let work: StepWork
    private let observe: Observe
    private let onEvent: @Sendable (RunbookEvent) -> Void

    /// `observe`: how to look (default: the world's ``RunbookObserver``; tests pass their own).
    public init(work: StepWork, observe: Observe? = nil, onEvent: @escaping @Sendable (RunbookEvent) -> Void) {
        self.work = work
        let world = work.world
        self.observe = observe ?? { scope, previous in await world.observer(for: previous).observe(scope, previous: previous) }
        self.onEvent = onEvent
        var observation = Observation(config: work.world.config)
        observation.emulated = work.world.emulated
        var engine = RunbookEngine(observation: observation)
        engine.finalSnapshot = work.finalSnapshot
        state = Mutex(State(engine: engine))
    }

    /// The engine as it stands (for a face's questions: pending confirmation, the running step, the exit warning).
    public var engine: RunbookEngine { state.withLock { $0.engine } }

    // MARK: Intents

    /// Shows every step's state and looks at AWS and the database (or only at `scope`: a headless
    /// database command on a configured host need not ask AWS).
    public func start(observing scope: ObservationScope = .everything) {
        input { engine in
            engine.start().map { action in
                if case .observe = action { return .observe(scope) }
                return action
            }
        }
    }

    /// The operator asked for `step`; `confirmed`: `--yes` answered the question in advance;
    /// `offeringChoice`: the face can ask "only new objects / everything" before an ETL (the console).
    public func request(_ step: RunbookStep, confirmed: Bool = false, offeringChoice: Bool = false) {
        input { $0.requested(step, confirmed: confirmed, offeringChoice: offeringChoice) }
    }

    /// The answer to the pending "only new objects / everything"; nil dismisses it.
    public func choose(_ mode: ETLMode?) { input { $0.etlChosen(mode) } }

    /// The reply to the pending confirmation; nil dismisses it. `finalSnapshot`: step 5's snapshot field.
    public func answer(_ reply: String?, finalSnapshot: String? = nil) {
        input { $0.confirmationAnswered(reply, finalSnapshot: finalSnapshot) }
    }

    /// Esc / Ctrl-C: cancel the running long step.
    public func cancel() { input { $0.cancelRequested() } }

    /// Look again (the console's `r` counts through step R; this is for a face that wants a refresh).
    public func refresh(_ scope: ObservationScope = .everything) { input { _ in [.observe(scope)] } }

    /// Waits until no step runs and no observation is outstanding.
    public func settled() async {
        while state.withLock({ !$0.tasks.isEmpty || $0.observations > 0 || $0.previews > 0 }) {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    // MARK: The edge

    private func input(_ decide: (inout RunbookEngine) -> [EngineAction]) {
        state.withLock { state in
            perform(decide(&state.engine), in: &state)
        }
    }

    /// Runs under the lock: events go out in order, and each task is registered before it can report.
    private func perform(_ actions: [EngineAction], in state: inout State) {
        for action in actions {
            switch action {
            case .emit(let event):
                onEvent(event)
            case .observe(let scope):
                state.observations += 1
                state.lastStarted += 1
                let number = state.lastStarted
                let previous = state.engine.observation
                Task.detached { [self] in
                    let fresh = await observe(scope, previous)
                    self.state.withLock { state in
                        state.observations -= 1
                        // Merge only what was looked at, and only when nothing newer has landed meanwhile
                        // (counts taken before a stage committed must not replace those taken after).
                        var merged = state.engine.observation
                        if scope != .database, number > state.newestAWS {
                            merged.aws = fresh.aws
                            state.newestAWS = number
                        }
                        if scope != .aws, number > state.newestDatabase {
                            merged.database = fresh.database
                            merged.etlRun = fresh.etlRun
                            state.newestDatabase = number
                        }
                        let stale = Set(state.finishedAfter.filter { $0.value >= number }.keys)
                        // One log line per look (its calls and statements in the line's detail).
                        let note: [EngineAction] = fresh.note.map { [.emit(.observed($0))] } ?? []
                        perform(note + state.engine.observed(merged, stale: stale), in: &state)
                    }
                }
            case .previewIncremental:
                state.previews += 1
                let observation = state.engine.observation
                Task.detached { [self, work] in
                    let (preview, listing) = await work.previewIncremental(observation)
                    self.state.withLock { state in
                        state.previews -= 1
                        state.previewListing = listing
                        perform(state.engine.incrementalPreviewed(preview), in: &state)
                    }
                }
            case .run(let step):
                let observation = state.engine.observation
                var work = work
                // The operator chose "only new objects" in the console (headless: `etl --incremental`).
                if step == .etl, state.engine.runsIncrementally {
                    work.incremental = true
                    work.listing = state.previewListing
                }
                // A listing serves the one run that follows its question.
                if step == .etl { state.previewListing = nil }
                // The console's step 5 may have named a final snapshot in its dialog.
                if step == .cleanUp { work.finalSnapshot = state.engine.finalSnapshot }
                state.tasks[step] = Task.detached { [self] in
                    let outcome = await work.run(step, observation: observation) { news in self.report(news) }
                    self.state.withLock { state in
                        state.tasks[step] = nil
                        state.finishedAfter[step] = state.lastStarted
                        perform(state.engine.stepFinished(step, outcome), in: &state)
                    }
                }
            case .cancel(let step):
                state.tasks[step]?.cancel()
            case .askConfirmation:
                // The face shows `.confirmationRequested` (already emitted) and calls `answer`.
                break
            }
        }
    }

    private func report(_ news: StepNews) {
        input { engine in
            switch news {
            case .provisioning(let event): return engine.provisioningReported(event)
            case .etl(let event): return engine.etlReported(event)
            case .warning(let text): return [.emit(.warning(text))]
            case .counted(let counts): return engine.countsReported(counts)
            }
        }
    }
}
