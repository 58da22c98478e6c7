import Config
import Warehouse

/// `etl --dry-run`: the ``ETLPlan`` of a run, on the dialect given or else the one the database's
/// `version()` reports (that connection sends nothing else). S3 and IAM are asked only what the COPYs need
/// (``CopyFacts``).
/// Nothing is written anywhere: no table, no etl_runs row, no lock.
public enum ETLDryRun {
    public static func plan(world: RunbookWorld, dialect forced: Dialect?, stages: Set<ETLStage> = [],
                            maxError: Int = 0) async throws -> ETLPlan {
        let settings = world.configuredDatabase
        let dialect: Dialect
        if let forced {
            dialect = forced
        } else {
            guard let settings else {
                throw ConfigError.missing(location: world.config.file.location("CLUSTER", "HOST"),
                                          hint: "pass --dialect redshift|postgres to plan without a database, or set the database whose dialect to plan for")
            }
            let connection = try await Connection.open(settings, observer: world.statements)
            dialect = connection.dialect
            await connection.close()
        }
        var facts = CopyFacts()
        var warnings: [String] = []
        if dialect == .redshift { (facts, warnings) = await world.copyFacts(database: settings) }
        var plan = try ETLPlan.make(config: world.config, dialect: dialect, stages: stages, maxError: maxError, copyFacts: facts)
        plan.warnings = warnings
        return plan
    }
}
