import ArgumentParser
import Foundation
import Warehouse

/// `sparkify create-tables` (step C): drop and create the staging and star tables in one transaction.
/// Refuses (exit 2) when any of them holds rows, unless `--yes`.
struct CreateTablesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-tables",
        abstract: "Drop and create the staging and star tables (etl_runs and load_errors are kept).",
        discussion: "Tables that hold rows are only dropped with --yes.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var dialect: DialectOption
    @Flag(help: "Confirm dropping tables that hold rows.") var yes = false

    func run() async throws {
        let context = try DatabaseContext(global)
        let connection = try await context.connect(dialect: dialect.forced)
        let populated = try await context.perform { () async throws(DatabaseError) in
            try await TableSetup.populatedTables(on: connection)
        }
        if !populated.isEmpty && !yes {
            let listed = populated.map { "\($0.name) (\($0.rows ?? 0) \($0.rows == 1 ? "row" : "rows"))" }.joined(separator: ", ")
            DatabaseContext.stderr("error: \(listed) would be dropped: run `sparkify create-tables --yes` to confirm")
            throw ExitCode(ExitStatus.usage)
        }
        try await context.perform { () async throws(DatabaseError) in try await TableSetup.recreate(on: connection) }
        await connection.close()
        let created = (WarehouseSchema.staging + WarehouseSchema.star).map(\.name)
        if global.json {
            let names = created.map { "\"\($0)\"" }.joined(separator: ", ")
            print(#"{"result": "create-tables", "dialect": "\#(connection.dialect.rawValue)", "created": [\#(names)], "dropped_rows": \#(populated.compactMap(\.rows).reduce(0, +))}"#)
        } else if !global.quiet {
            print("created \(created.joined(separator: ", ")) (\(connection.dialect.rawValue)); kept etl_runs and load_errors")
        }
    }
}
