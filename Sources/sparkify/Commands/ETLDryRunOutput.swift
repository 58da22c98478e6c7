import ArgumentParser
import Config
import Runbook
import Warehouse

/// `etl --dry-run`: the run's plan as a SQL script on stdout, or with `--json` one `planned_stage` object
/// per stage (and a `warning` object per assumption). Exit 2 for a config that cannot be planned, 1 when
/// the database (asked only for its dialect) cannot be reached.
enum ETLDryRunOutput {
    struct StageLine: Encodable {
        var event = "planned_stage"
        var dialect: String
        var stage: String
        var reads: [String]
        var statements: [String]
        var onRejects: [String]
        var notes: [String]
        /// An incremental run's staging stage: `form` (manifest, per_object, nothing_new, client_side),
        /// `new_objects`, `listed_objects`, and for a manifest its `manifest` URL and `manifest_entries`.
        var incremental: NewObjectsLine?
    }

    struct NewObjectsLine: Encodable {
        var form: String
        var newObjects: Int
        var listedObjects: Int
        var manifest: String?
        var manifestEntries: Int?

        init(_ new: ETLPlan.NewObjects) {
            form = new.form.rawValue
            newObjects = new.new
            listedObjects = new.listed
            manifest = new.manifest
            manifestEntries = new.manifestEntries
        }

        enum CodingKeys: String, CodingKey {
            case form, manifest
            case newObjects = "new_objects", listedObjects = "listed_objects", manifestEntries = "manifest_entries"
        }
    }

    struct WarningLine: Encodable {
        var event = "warning"
        var message: String
    }

    static func print(_ work: StepWork, global: GlobalOptions, printer: Printer) async throws {
        let plan: ETLPlan
        do {
            plan = try await ETLDryRun.plan(world: work.world, dialect: work.dialect, stages: work.stages, maxError: work.maxError,
                                            incremental: work.incremental)
        } catch let error as ConfigError {
            printer.stderr("error: \(error)")
            throw ExitCode(ExitStatus.usage)
        } catch {
            printer.stderr("error: \(error)")
            throw ExitCode(ExitStatus.failed)
        }
        guard global.json else { return Swift.print(plan.script, terminator: "") }
        for warning in plan.warnings { Output.json(WarningLine(message: warning)) }
        for stage in plan.stages {
            Output.json(StageLine(dialect: plan.dialect.rawValue, stage: stage.stage.rawValue, reads: stage.reads,
                                     statements: stage.statements, onRejects: stage.onRejects, notes: stage.notes,
                                     incremental: stage.newObjects.map(NewObjectsLine.init)))
        }
    }
}
