import AWS
import Warehouse

/// The one stream both faces consume: the console's panels reduce it (``RunbookSnapshot``), headless
/// prints it (``RunbookEvent/jsonLine`` with `--json`, text lines otherwise). Its payloads are the
/// runbook's own types: no AWS or Warehouse type crosses to a face.
public enum RunbookEvent: Sendable, Equatable {
    /// A step's state changed (and, once at start, every step's first state).
    case stepState(RunbookStep, StepState)
    /// A running ETL stage moved on.
    case stageProgress(StageReport)
    case stageFinished(StageReport, outcome: StageOutcome, message: String?)
    /// One attempt of one AWS call.
    case awsCall(LoggedAWSCall)
    /// One SQL statement.
    case sqlStatement(LoggedStatement)
    /// One look at AWS and the database: one log line, its calls and statements in the detail.
    case observed(ObservationNote)
    case warning(String)
    /// A request the engine did not carry out, and why ("C Create tables is running…"); nil step: not
    /// about one step (cancel with nothing running).
    case refused(RunbookStep?, reason: String)
    /// How a step that ran ended.
    case result(RunbookStep, StepOutcome)
    /// A destructive step waits for the operator's word.
    case confirmationRequested(Confirmation)
    /// `e` in the console: the sources are being compared with etl_objects before anything runs.
    case comparing
    /// `e` after a previous run: "only new objects (N) / everything" waits for the operator's word.
    case choiceRequested(ETLChoice)
    /// The cluster panel's facts changed.
    case cluster(ClusterSummary)
    /// Fresh row counts.
    case counts(TableCounts)

    /// The AWS client's record of a call, as an event.
    public static func awsCall(_ record: AWSCallRecord) -> RunbookEvent { .awsCall(LoggedAWSCall(record)) }
    /// A connection's record of a statement, as an event.
    public static func sqlStatement(_ record: StatementRecord) -> RunbookEvent { .sqlStatement(LoggedStatement(record)) }
    /// The warehouse's counts, as an event.
    public static func counts(_ counts: RowCounts) -> RunbookEvent { .counts(TableCounts(counts)) }
}
