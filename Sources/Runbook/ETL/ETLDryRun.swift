import Config
import Warehouse

/// `etl --dry-run`: the ``ETLPlan`` of a run, on the dialect given or else the one the database's
/// `version()` reports (that connection sends nothing else). S3 and IAM are asked only what the COPYs need
/// (``CopyFacts``). With `incremental`, S3 also lists both sources and the database is asked what
/// `etl_objects` holds — even with a dialect given, as only the database knows what it has loaded.
/// Nothing is written anywhere: no table, no etl_runs row, no lock, no manifest.
public enum ETLDryRun {
    public static func plan(world: RunbookWorld, dialect forced: Dialect?, stages: Set<ETLStage> = [],
                            maxError: Int = 0, incremental: Bool = false) async throws -> ETLPlan {
        let settings = world.configuredDatabase
        let incremental = incremental && stages.isEmpty
        var dialect = forced
        var loaded: [LoadedObject] = []
        if incremental || forced == nil {
            guard let settings else {
                throw ConfigError.missing(location: world.config.file.location("CLUSTER", "HOST"), hint: incremental
                    ? "an incremental dry run reads etl_objects to know what is new: set the database, or leave out --incremental"
                    : "pass --dialect redshift|postgres to plan without a database, or set the database whose dialect to plan for")
            }
            let connection = try await Connection.open(settings, observer: world.statements)
            dialect = dialect ?? connection.dialect
            if incremental {
                do throws(DatabaseError) {
                    loaded = try await LoadedObjectLog(connection: connection).all()
                } catch where error.sqlState == SQLState.undefinedTable {
                    loaded = []  // a database made before etl_objects existed: the run rebuilds in full
                } catch {
                    await connection.close()
                    throw error
                }
            }
            await connection.close()
        }
        guard let dialect else { preconditionFailure("a dialect is forced or read above") }
        var facts = CopyFacts()
        var warnings: [String] = []
        if dialect == .redshift { (facts, warnings) = await world.copyFacts(database: settings) }
        var plan: ETLPlan
        if incremental {
            let listed = try await listings(world.config, source: ObjectSource(s3: world.s3), maxError: maxError)
            plan = try ETLPlan.incremental(config: world.config, dialect: dialect, maxError: maxError, copyFacts: facts,
                                           listed: listed, loaded: loaded)
        } else {
            plan = try ETLPlan.make(config: world.config, dialect: dialect, stages: stages, maxError: maxError, copyFacts: facts)
        }
        plan.warnings = warnings + plan.warnings
        return plan
    }

    /// Both staging sources' objects, as the run lists them.
    static func listings(_ config: DWHConfig, source: ObjectSource, maxError: Int) async throws -> [ETLStage: [SourceObject]] {
        var listed: [ETLStage: [SourceObject]] = [:]
        for (stage, spec) in try StagingSpec.specs(config: config, maxError: maxError) {
            listed[stage] = try await source.list(spec.source)
        }
        return listed
    }
}
