import Warehouse

/// How the operator chose to run the ETL when a previous run recorded what it loaded.
public enum ETLMode: String, Sendable, Equatable {
    /// `etl --incremental`: stage only the new objects, update the final tables in place.
    case newObjects = "new_objects"
    /// A full run: reload every object, rebuild every table.
    case everything
}

/// The question `e` asks when `etl_objects` lists a previous run's objects (issue 14): "only new
/// objects (N) / everything", N counted before asking (``IncrementalPreview``). When an incremental
/// run would rebuild in full anyway, it says why and offers only everything.
public struct ETLChoice: Sendable, Equatable {
    /// One staging stage's count: `new` of the `listed` objects are not in etl_objects.
    public struct StageCount: Sendable, Equatable {
        public var stage: PipelineStage
        public var new: Int
        public var listed: Int

        public init(stage: PipelineStage, new: Int, listed: Int) {
            self.stage = stage
            self.new = new
            self.listed = listed
        }
    }

    /// Per staging stage, in run order; empty when only everything is offered.
    public var stages: [StageCount]
    /// Why only everything is offered; nil when only new objects can be loaded.
    public var fullRebuildReason: String?

    public init(stages: [StageCount], fullRebuildReason: String? = nil) {
        self.stages = stages
        self.fullRebuildReason = fullRebuildReason
    }

    /// The question for `preview`; nil when there is nothing to ask (no previous run: a full run as before).
    public init?(_ preview: IncrementalPreview) {
        switch preview {
        case .noPreviousRun:
            return nil
        case .newObjects(let new, let listed):
            let staging = ETLStage.allCases.filter(\.isStaging)
            self.init(stages: staging.map { StageCount(stage: .stage($0), new: new[$0] ?? 0, listed: listed[$0] ?? 0) })
        case .fullRebuild(let reason):
            self.init(stages: [], fullRebuildReason: reason)
        case .unavailable(let problem):
            self.init(stages: [], fullRebuildReason: "what is new cannot be told: \(problem)")
        }
    }

    /// N: the new objects of every stage.
    public var newObjects: Int { stages.reduce(0) { $0 + $1.new } }

    /// What the operator may choose, in the order offered.
    public var modes: [ETLMode] { fullRebuildReason == nil ? [.newObjects, .everything] : [.everything] }

    /// The choice's own words: "only new objects (3)", "everything".
    public func label(_ mode: ETLMode) -> String {
        switch mode {
        case .newObjects: return "only new objects (\(newObjects))"
        case .everything: return "everything"
        }
    }

    /// The question, one sentence: what is new, or why everything must be loaded.
    public var prompt: String {
        if let fullRebuildReason {
            return "A previous run recorded what it loaded, but only a full run can give the right tables: \(fullRebuildReason)."
        }
        let parts = stages.map { "\($0.stage.title) \($0.new) new of \($0.listed) objects" }
        return "A previous run recorded what it loaded. " + RunbookEngine.sentence(parts) + "."
    }
}
