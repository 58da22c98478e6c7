import Config
import Warehouse

/// What `etl` would do on one dialect, stage by stage: the S3 prefixes it reads and every statement it
/// sends, in order (`sparkify etl --dry-run`, issue #8). Pure, and built from the same builders the run
/// uses — ``StagingSpec`` and `LoadPlan` (client-side loader), ``RedshiftStaging``'s statements, `TransformSQL`,
/// `QualityChecks` — so what it prints is what runs.
public struct ETLPlan: Sendable, Equatable {
    public struct Stage: Sendable, Equatable {
        public var stage: ETLStage
        /// The S3 prefixes (or directories) and files the stage reads.
        public var reads: [String]
        /// In the order they are sent; a stage in a transaction has its BEGIN and COMMIT here.
        public var statements: [String]
        /// Sent only after the stage rejected records (MAXERROR) or failed loading them.
        public var onRejects: [String] = []
        /// How the stage does what its SQL does not say (the client-side loader's COPY options).
        public var notes: [String] = []
        /// An incremental run's staging stage: what it loads and how (see `ETLPlan+Incremental`).
        public var newObjects: NewObjects?

        public init(stage: ETLStage, reads: [String], statements: [String], onRejects: [String] = [], notes: [String] = []) {
            self.stage = stage
            self.reads = reads
            self.statements = statements
            self.onRejects = onRejects
            self.notes = notes
        }
    }

    public var dialect: Dialect
    public var stages: [Stage]
    /// What the plan had to assume (a bucket whose region S3 would not say).
    public var warnings: [String] = []
    /// `etl --incremental`: only the new objects are staged and the tables updated in place.
    public var incremental = false

    /// The stages `etl` runs for `requested` (all when empty), in their fixed order.
    public static func order(_ requested: Set<ETLStage>) -> [ETLStage] {
        ETLStage.allCases.filter { requested.isEmpty || requested.contains($0) }
    }

    /// How the transform stages among `stages` run: lane after lane inside, lanes side by side. On
    /// PostgreSQL two lanes, each on a connection of its own, so both of a small server's cores work:
    /// songplays → users → time (time reads songplays) and songs → artists (both read staging_songs),
    /// which take about as long as each other (bench/transforms.sh). Each stage is still its own
    /// transaction. Redshift plans its queries across its slices itself: there they run one by one.
    public static func transformLanes(_ stages: [ETLStage], dialect: Dialect) -> [[ETLStage]] {
        let transforms = stages.filter { !$0.isStaging && $0 != .checks }
        guard dialect == .postgres else { return transforms.isEmpty ? [] : [transforms] }
        let second: Set<ETLStage> = [.songs, .artists]
        return [transforms.filter { !second.contains($0) }, transforms.filter(second.contains)].filter { !$0.isEmpty }
    }

    /// The plan of a run of `requested` on `dialect`; `copyFacts` as the run would have them (Redshift).
    public static func make(config: DWHConfig, dialect: Dialect, stages requested: Set<ETLStage> = [], maxError: Int = 0,
                            copyFacts: CopyFacts = CopyFacts()) throws(ConfigError) -> ETLPlan {
        let stages = order(requested)
        let specs = stages.contains(where: \.isStaging) ? try StagingSpec.specs(config: config, maxError: maxError) : [:]
        let lanes = transformLanes(stages, dialect: dialect)
        var planned: [Stage] = []
        for stage in stages {
            if let spec = specs[stage] {
                let reads = [spec.source.description] + (spec.jsonPaths.map { [$0.description] } ?? [])
                switch dialect {
                case .redshift:
                    guard let sql = try RedshiftStaging.statements(stage, config: config, facts: copyFacts, maxError: maxError) else { continue }
                    planned.append(Stage(stage: stage, reads: reads, statements: sql.transaction,
                                         onRejects: [sql.failedCopyID, sql.loadErrors]))
                case .postgres:
                    let load = LoadPlan(table: spec.table, options: spec.options)
                    planned.append(Stage(stage: stage, reads: reads, statements: ["BEGIN", load.clearStatement, load.copyStatement, "COMMIT"],
                                         notes: [Self.clientSide(spec)]))
                }
            } else if stage == .checks {
                planned.append(Stage(stage: stage, reads: [], statements: QualityChecks.all.map(\.sql)))
            } else {
                planned.append(Stage(stage: stage, reads: [], statements: ["BEGIN"] + TransformSQL.statements(for: stage, dialect: dialect) + ["COMMIT"],
                                     notes: laneNote(stage, lanes: lanes).map { [$0] } ?? []))
            }
        }
        return ETLPlan(dialect: dialect, stages: planned)
    }

    /// Where a transform runs when the lanes are more than one: e.g. "lane 2 of 2 (songs → artists), beside
    /// the other on a connection of its own".
    static func laneNote(_ stage: ETLStage, lanes: [[ETLStage]]) -> String? {
        guard lanes.count > 1, let index = lanes.firstIndex(where: { $0.contains(stage) }) else { return nil }
        return "lane \(index + 1) of \(lanes.count) (\(lanes[index].map(\.rawValue).joined(separator: " → "))), "
            + "beside the other on a connection of its own"
    }

    /// The Redshift COPY options the client-side loader applies to the rows it sends through COPY FROM STDIN.
    static func clientSide(_ spec: StagingSpec) -> String {
        let format = spec.jsonPaths.map { "FORMAT AS JSON '\($0.description)'" } ?? "FORMAT AS JSON 'auto'"
        let time = spec.options.timeFormat == .standard ? "" : " TIMEFORMAT '\(spec.options.timeFormat.rawValue)'"
        return "client-side loader: lists and fetches the objects itself and applies Redshift's \(format)\(time) "
            + "MAXERROR \(spec.options.maxError); rejected records go to load_errors"
    }
}
