import Warehouse

/// The staging sources as the console's preview listed them, for the incremental run the operator then
/// chose: the run compares these with `etl_objects` instead of listing again (on the sandbox listing
/// 15k song objects is most of an incremental run). It loads what the question counted; an object added
/// after the look waits for the next run, and one changed or removed since fails its fetch (the ETag is
/// checked against the listing's), so nothing stale is loaded.
public struct SourceListing: Sendable, Equatable {
    var objects: [ETLStage: [SourceObject]]
}

/// What `etl --incremental` would do now, asked before a run (the console's choice when `e` is pressed):
/// ``IncrementalPlan``'s decision over a fresh listing and `etl_objects`, reduced to counts and reasons.
/// Computed by ``ETLRunner/previewIncremental()``; nothing is loaded or changed.
public enum IncrementalPreview: Sendable, Equatable {
    /// `etl_objects` holds nothing: no earlier run recorded what it loaded, a run is a full one.
    case noPreviousRun
    /// Only new objects would be staged: per staging stage, how many are new and how many were listed.
    case newObjects(new: [ETLStage: Int], listed: [ETLStage: Int])
    /// An incremental run would rebuild everything instead (a loaded object changed or is gone, a
    /// manifest source), and why.
    case fullRebuild(reason: String)
    /// The comparison itself failed (S3 or the database did not answer), and why.
    case unavailable(String)

    /// The plan's decision as a preview.
    public init(_ plan: IncrementalPlan) {
        switch plan {
        case .incremental(let new, let listed): self = .newObjects(new: new.mapValues(\.count), listed: listed)
        case .fullRebuild(let reason): self = .fullRebuild(reason: reason)
        }
    }
}
