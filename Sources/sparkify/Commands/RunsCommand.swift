import ArgumentParser
import Runbook
import Warehouse

/// `sparkify runs`: the ETL runs `etl_runs` records, newest first, with their stages (issue #10).
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the recorded ETL runs: start, duration, outcome, rows; --json adds each stage.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "How many runs, newest first.") var last = 20
    @OptionGroup var dialect: DialectOption

    func run() async throws {
        let context = try await AnalysisContext(global, dialect: dialect.forced)
        let analysis = context.analysis, last = max(1, last)
        let runs = try await context.perform { () async throws(DatabaseError) in try await analysis.runs(limit: last) }
        print(global.json ? RunHistoryReport.runsJSON(runs) : RunHistoryReport.runLines(runs).joined(separator: "\n"))
    }
}
