import Foundation
import Warehouse

/// Where one stage of an ETL run is: what the progress bars and `--json` lines show.
public struct StageProgress: Sendable, Equatable {
    public var stage: ETLStage
    /// Objects loaded so far and in all (staging stages; nil totals for transforms).
    public var objectsDone: Int
    public var objectsTotal: Int?
    /// An incremental run's staging stage: the objects listed, of which `objectsTotal` are new (the
    /// panel's "N new of M objects"); nil when the stage loads everything it lists.
    public var objectsListed: Int?
    public var rows: Int
    public var bytes: Int
    public var bytesTotal: Int?
    public var elapsed: TimeInterval

    public init(stage: ETLStage, objectsDone: Int = 0, objectsTotal: Int? = nil, objectsListed: Int? = nil, rows: Int = 0,
                bytes: Int = 0, bytesTotal: Int? = nil, elapsed: TimeInterval = 0) {
        self.stage = stage
        self.objectsDone = objectsDone
        self.objectsTotal = objectsTotal
        self.objectsListed = objectsListed
        self.rows = rows
        self.bytes = bytes
        self.bytesTotal = bytesTotal
        self.elapsed = elapsed
    }
}

/// What an ETL run reports as it goes, in order: the console's ETL panel and `sparkify etl` draw from it.
public enum ETLEvent: Sendable, Equatable {
    case runStarted(runID: String, stages: [ETLStage])
    /// A staging stage is listing its source.
    case listing(stage: ETLStage, location: String)
    case stageStarted(StageProgress)
    /// After each object (staging) or statement batch.
    case stageProgress(StageProgress)
    case stageFinished(StageProgress, outcome: ETLOutcome, message: String?)
    case checksReported(QualityReport)
    /// Something the operator must hear though the run goes on (records skipped under MAXERROR, a run
    /// lock taken over from a dead session).
    case warning(String)
    /// Something the operator should know about how the run goes, e.g. why an incremental run
    /// rebuilds in full.
    case notice(String)
    case runFinished(runID: String, outcome: ETLOutcome, seconds: TimeInterval)
}
