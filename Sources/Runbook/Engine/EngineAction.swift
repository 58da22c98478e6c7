/// What the engine wants done: the driver (console or headless) carries these out, in order, and
/// reports back through the engine's inputs. The engine itself never touches AWS, the database or a
/// terminal.
public enum EngineAction: Sendable, Equatable {
    /// Look at AWS and/or the database and report an ``Observation`` (``RunbookEngine/observed(_:)``).
    case observe(ObservationScope)
    /// Run the step (confirmed already when it needed it); report progress and the end
    /// (``RunbookEngine/stepFinished(_:_:)``).
    case run(RunbookStep)
    /// Show the question and report the reply (``RunbookEngine/confirmationAnswered(_:)``); headless
    /// without `--yes`, refuse with exit 2.
    case askConfirmation(Confirmation)
    /// Compare the S3 sources with etl_objects (``ETLRunner/previewIncremental()``) and report what an
    /// incremental run would stage (``RunbookEngine/incrementalPreviewed(_:)``).
    case previewIncremental
    /// Cancel the running step: abort transfers, PQcancel the query, roll back.
    case cancel(RunbookStep)
    /// Hand the event to the face (panels, log, `--json` line).
    case emit(RunbookEvent)
}

/// What an observation needs to look at.
public enum ObservationScope: String, Sendable, Equatable {
    /// AWS (role, cluster, ingress) and the database (connect, tables, the last run).
    case everything
    case aws
    case database
}
