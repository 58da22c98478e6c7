import AWS
import Warehouse

/// The one stream both faces consume: the console's panels reduce it (``RunbookSnapshot``), headless
/// prints it (``RunbookEvent/jsonLine`` with `--json`, text lines otherwise).
public enum RunbookEvent: Sendable, Equatable {
    /// A step's state changed (and, once at start, every step's first state).
    case stepState(RunbookStep, StepState)
    /// A running ETL stage moved on.
    case stageProgress(StageReport)
    case stageFinished(StageReport, outcome: ETLOutcome, message: String?)
    /// One attempt of one AWS call.
    case awsCall(AWSCallRecord)
    /// One SQL statement.
    case sqlStatement(StatementRecord)
    case warning(String)
    /// A request the engine did not carry out, and why ("C Create tables is running…"); nil step: not
    /// about one step (cancel with nothing running).
    case refused(RunbookStep?, reason: String)
    /// How a step that ran ended.
    case result(RunbookStep, StepOutcome)
    /// A destructive step waits for the operator's word.
    case confirmationRequested(Confirmation)
    /// The cluster panel's facts changed.
    case cluster(ClusterSummary)
    /// Fresh row counts.
    case counts(RowCounts)
}
