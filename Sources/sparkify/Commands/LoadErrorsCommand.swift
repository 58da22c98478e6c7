import ArgumentParser
import Runbook
import Warehouse

/// `sparkify load-errors`: the records a run's staging loads rejected under MAXERROR (issue #10).
struct LoadErrorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load-errors",
        abstract: "Show the records a run rejected: file, line, column, reason, raw text (load_errors / STL_LOAD_ERRORS).")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("run"), help: "The run id (default: the latest; see `sparkify runs`).") var runID: String?
    @OptionGroup var dialect: DialectOption

    func run() async throws {
        let context = try await AnalysisContext(global, dialect: dialect.forced)
        let analysis = context.analysis, runID = runID
        guard let found = try await context.perform({ () async throws(DatabaseError) in try await analysis.loadErrors(runID: runID) }) else {
            Output.stderr("error: " + (runID.map { "no run \($0) in etl_runs: see `sparkify runs`" }
                ?? "no ETL run recorded yet: run `sparkify etl`"))
            throw ExitCode(ExitStatus.failed)
        }
        print(global.json ? RunHistoryReport.loadErrorsJSON(found) : RunHistoryReport.loadErrorLines(found).joined(separator: "\n"))
    }
}
