import Config
import Warehouse

/// The plan of `etl --incremental --dry-run` (issue 14): from a fresh listing and what `etl_objects`
/// holds, what the run would stage — only the new objects, into the new-rows tables; on Redshift as one
/// COPY of a manifest or one COPY per object (``RedshiftNewObjectsCopy``) — and the one transaction that
/// updates the tables in place. When the run would rebuild in full instead, the full plan with the
/// reason as a warning. Pure.
extension ETLPlan {
    /// Stands for the run's id in a dry run's manifest keys: the id is made when the run starts.
    public static let runIDPlaceholder = "<run-id>"

    /// What an incremental staging stage loads, and how.
    public struct NewObjects: Sendable, Equatable {
        public enum Form: String, Sendable, Equatable {
            case manifest
            case perObject = "per_object"
            case nothingNew = "nothing_new"
            /// PostgreSQL: the client-side loader fetches the new objects itself.
            case clientSide = "client_side"
        }

        public var form: Form
        public var new: Int
        public var listed: Int
        /// Form manifest: where it is written (with ``ETLPlan/runIDPlaceholder``) and its entries.
        public var manifest: String?
        public var manifestEntries: Int?

        public init(form: Form, new: Int, listed: Int, manifest: String? = nil, manifestEntries: Int? = nil) {
            self.form = form
            self.new = new
            self.listed = listed
            self.manifest = manifest
            self.manifestEntries = manifestEntries
        }
    }

    /// `listed`: both staging stages' listings; `loaded`: every `etl_objects` row.
    public static func incremental(config: DWHConfig, dialect: Dialect, maxError: Int = 0, copyFacts: CopyFacts = CopyFacts(),
                                   listed: [ETLStage: [SourceObject]], loaded: [LoadedObject]) throws(ConfigError) -> ETLPlan {
        let decision = IncrementalPlan.decide(listed: listed, loaded: loaded)
        guard case .incremental(let new, let counts) = decision else {
            if case .fullRebuild(let reason) = decision { return try rebuild(config, dialect, maxError, copyFacts, reason: reason) }
            return try rebuild(config, dialect, maxError, copyFacts, reason: "no plan")
        }
        let specs = try StagingSpec.specs(config: config, maxError: maxError)
        var plan = ETLPlan(dialect: dialect, stages: [], incremental: true)
        var redshiftCopies: [RedshiftNewObjectsCopy] = []
        var recorded: [LoadedObject] = []
        for stage in ETLStage.allCases where stage.isStaging {
            guard let spec = specs[stage] else { continue }
            let objects = new[stage] ?? []
            let newRows = IncrementalSQL.newRows(spec.table)
            var planned = Stage(stage: stage, reads: [spec.source.description] + (spec.jsonPaths.map { [$0.description] } ?? []),
                                statements: IncrementalSQL.prepareNewRows(spec.table),
                                notes: ["\(objects.count) new of \(counts[stage] ?? 0) objects"])
            switch dialect {
            case .redshift:
                guard let base = try RedshiftCopy.staging(config: config, regions: copyFacts.regions, roleARN: copyFacts.roleARN,
                                                          maxError: maxError).first(where: { $0.table.name == spec.table.name }) else { continue }
                let copy = RedshiftNewObjectsCopy(stage: stage, new: objects, base: base, into: newRows,
                                                  prefix: config.sources.manifestPrefix, regions: copyFacts.regions,
                                                  runID: runIDPlaceholder)
                if copy.form == .perObject, let clash = RedshiftNewObjectsCopy.prefixClash(new: objects, listed: listed[stage] ?? []) {
                    return try rebuild(config, dialect, maxError, copyFacts, reason: clash)
                }
                redshiftCopies.append(copy)
                planned.statements += copy.copies.flatMap { [$0, "SELECT pg_last_copy_count()"] }
                planned.notes.append(copy.summary)
                planned.newObjects = NewObjects(copy, new: objects.count, listed: counts[stage] ?? 0)
            case .postgres:
                if !objects.isEmpty { planned.statements.append(LoadPlan(table: newRows, options: spec.options).copyStatement) }
                planned.notes.append(clientSide(spec))
                planned.newObjects = NewObjects(form: objects.isEmpty ? .nothingNew : .clientSide, new: objects.count,
                                                listed: counts[stage] ?? 0)
            }
            recorded += objects.map { LoadedObject(stage: stage, key: $0.name, etag: $0.etag, size: $0.size, runID: runIDPlaceholder) }
            plan.stages.append(planned)
        }
        if let warning = RedshiftNewObjectsCopy.speedWarning(redshiftCopies) { plan.warnings.append(warning) }
        plan.stages += transforms(dialect, recording: recorded)
        plan.stages.append(Stage(stage: .checks, reads: [], statements: QualityChecks.all.map(\.sql)))
        return plan
    }

    /// The final transaction, stage by stage as the run reports them: from the songplays stage's BEGIN
    /// to the time stage's COMMIT, with the new rows' append to staging and their record at its end.
    static func transforms(_ dialect: Dialect, recording objects: [LoadedObject]) -> [Stage] {
        let stages = ETLStage.allCases.filter { !$0.isStaging && $0 != .checks }
        return stages.map { stage in
            var statements = IncrementalSQL.statements(for: stage) + [stage.table!.countQuery]
            var notes: [String] = []
            if stage == stages.first {
                statements = [IncrementalSQL.eventOrder, "BEGIN"] + TransformSQL.tuning(dialect) + statements
                notes = ["the first SELECT checks that the new events come after the loaded ones (else the run rebuilds in full); "
                         + "then one transaction to the COMMIT under time: a failed or cancelled run changes no table, etl_objects included"]
            }
            if stage == stages.last {
                statements += IncrementalSQL.appendToStaging + LoadedObjectLog.insertStatements(objects) + ["COMMIT"]
                notes = ["etl_objects' row_count is each object's staged rows (NULL here, and for a manifest's objects on Redshift)"]
            }
            return Stage(stage: stage, reads: [], statements: statements, notes: notes)
        }
    }

    /// The full run's plan, saying why it is not incremental.
    private static func rebuild(_ config: DWHConfig, _ dialect: Dialect, _ maxError: Int, _ facts: CopyFacts,
                                reason: String) throws(ConfigError) -> ETLPlan {
        var plan = try make(config: config, dialect: dialect, maxError: maxError, copyFacts: facts)
        plan.warnings.append("full rebuild instead of an incremental run: \(reason)")
        return plan
    }
}

extension ETLPlan.NewObjects {
    init(_ copy: RedshiftNewObjectsCopy, new: Int, listed: Int) {
        switch copy.form {
        case .nothingNew: self.init(form: .nothingNew, new: new, listed: listed)
        case .perObject: self.init(form: .perObject, new: new, listed: listed)
        case .manifest(let manifest):
            self.init(form: .manifest, new: new, listed: listed, manifest: manifest.url, manifestEntries: manifest.objects.count)
        }
    }
}
