import Foundation

/// What the console's panels show, folded from the event stream (events in, picture out; pure). The
/// panels render a snapshot; they never look at AWS or the database.
public struct RunbookSnapshot: Sendable, Equatable {
    public struct StepLine: Sendable, Equatable {
        public var step: RunbookStep
        public var state: StepState

        public init(step: RunbookStep, state: StepState) {
            self.step = step
            self.state = state
        }
    }

    public struct TableLine: Sendable, Equatable {
        public var name: String
        /// nil: the table does not exist.
        public var rows: Int?
        /// Rows since the start of the latest ETL run (before any run: since the previous count); nil for
        /// the first count or when either count is missing.
        public var change: Int?

        public init(name: String, rows: Int?, change: Int?) {
            self.name = name
            self.rows = rows
            self.change = change
        }
    }

    public struct StageLine: Sendable, Equatable {
        public var stage: PipelineStage
        /// nil until the stage reports.
        public var report: StageReport?
        /// `running` from its first report until it finishes; nil before.
        public var outcome: StageOutcome?
        public var message: String?

        public init(stage: PipelineStage, report: StageReport? = nil, outcome: StageOutcome? = nil, message: String? = nil) {
            self.stage = stage
            self.report = report
            self.outcome = outcome
            self.message = message
        }
    }

    /// Every step in runbook order with its state (pending until told otherwise); pause and resume
    /// join once the engine says something about them.
    public private(set) var steps: [StepLine]
    public private(set) var cluster: ClusterSummary?
    public private(set) var tables: [TableLine] = []
    /// When the counts were taken.
    public private(set) var countedAt: Date?
    /// Each table's rows when the latest ETL run started: what the change column compares with.
    public private(set) var rowsAtRunStart: [String: Int?]?
    /// One line per ETL stage (listing first), reset when a run starts.
    public private(set) var stages: [StageLine] = Self.emptyStages
    public private(set) var log: LogRing
    /// The question the console's dialog shows, until it is answered (the step runs, or is refused).
    public private(set) var confirmation: Confirmation?

    /// `logCapacity`: lines the log keeps — enough for an ETL's every GetObject on the sample (~2,000).
    public init(logCapacity: Int = 5_000) {
        steps = RunbookStep.runbook.map { StepLine(step: $0, state: .pending) }
        log = LogRing(capacity: logCapacity)
    }

    public func state(of step: RunbookStep) -> StepState {
        steps.first { $0.step == step }?.state ?? .pending
    }

    public mutating func apply(_ event: RunbookEvent) {
        if let entry = event.logEntry { log.append(entry) }
        switch event {
        case .stepState(let step, let state):
            // A new run starts with empty stage lines; the last run's stay on screen until then.
            if step == .etl, state.isRunning, !self.state(of: .etl).isRunning {
                stages = Self.emptyStages
                rowsAtRunStart = Dictionary(tables.map { ($0.name, $0.rows) }, uniquingKeysWith: { first, _ in first })
            }
            if let index = steps.firstIndex(where: { $0.step == step }) { steps[index].state = state }
            else { steps.append(StepLine(step: step, state: state)) }
            // The engine still waits for an answer while other news about the step arrives.
            if confirmation?.step == step, state.isRunning { confirmation = nil }
        case .stageProgress(let report):
            update(report.stage) { line in
                line.report = report
                line.outcome = .running
            }
        case .stageFinished(let report, let outcome, let message):
            update(report.stage) { line in
                line.report = report
                line.outcome = outcome
                line.message = message
            }
        case .cluster(let summary):
            cluster = summary
        case .counts(let counts):
            let previous = tables
            tables = counts.tables.map { table in
                let before = rowsAtRunStart.map { $0[table.name] ?? nil } ?? previous.first { $0.name == table.name }?.rows
                let change = before.flatMap { before in table.rows.map { $0 - before } }
                return TableLine(name: table.name, rows: table.rows, change: change)
            }
            countedAt = counts.at
        case .confirmationRequested(let question):
            confirmation = question
        case .refused(let step, _):
            if let step, confirmation?.step == step { confirmation = nil }
        case .result, .awsCall, .sqlStatement, .observed, .warning, .comparing, .choiceRequested:
            break
        }
    }

    private mutating func update(_ stage: PipelineStage, _ change: (inout StageLine) -> Void) {
        guard let index = stages.firstIndex(where: { $0.stage == stage }) else { return }
        change(&stages[index])
    }

    static let emptyStages = PipelineStage.all.map { StageLine(stage: $0) }
}
