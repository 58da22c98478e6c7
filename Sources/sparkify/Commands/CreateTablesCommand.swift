import ArgumentParser
import Foundation
import Runbook
import Warehouse

/// `sparkify create-tables` (step C) on the runbook engine: drop and create the staging and star tables
/// in one transaction. Over tables that hold rows the engine asks first: headless, `--yes` answers.
struct CreateTablesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-tables",
        abstract: "Drop and create the staging and star tables (etl_runs and load_errors are kept, etl_objects emptied).",
        discussion: "Tables that hold rows are only dropped with --yes.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var dialect: DialectOption
    @Flag(help: "Confirm dropping tables that hold rows.") var yes = false

    func run() async throws {
        let printer = Printer(global) { event in
            guard case .result(.createTables, .succeeded(let detail)) = event else { return nil }
            return "created " + (WarehouseSchema.staging + WarehouseSchema.star).map(\.name).joined(separator: ", ")
                + " — \(detail); kept etl_runs and load_errors; emptied etl_objects (the next --incremental run loads everything)"
        }
        var work = StepWork(world: try HeadlessRun.world(global, printer: printer))
        work.dialect = dialect.forced
        try await HeadlessRun(global: global, confirmHint: "Run `sparkify create-tables --yes` to confirm.")
            .run([.createTables], work: work, printer: printer, confirmed: yes)
    }
}
