import ArgumentParser
import Foundation
import Runbook
import Warehouse

/// `sparkify etl [--stage NAME]...`: step E headless (PRODUCT §3, §5) on the runbook engine — the same
/// run the console's `e` starts. Ctrl-C, SIGTERM and SIGHUP cancel the running stage (exit 130, 143, 129).
struct ETLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "etl",
        abstract: "Load staging_events and staging_songs, build songplays, users, songs, artists and time, run the checks.",
        discussion: """
            Stages run in this order, each in its own transaction (a failed or cancelled stage leaves its table \
            as it was and stops the run): \(ETLStage.allCases.map(\.rawValue).joined(separator: ", ")). \
            Ctrl-C (SIGINT), SIGTERM and SIGHUP cancel the running stage cleanly: it rolls back, the run is \
            recorded as cancelled, and the exit code is 130, 143 or 129.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("stage"), help: ArgumentHelp("Run only this stage; repeat for several.", valueName: "NAME"))
    var stages: [String] = []

    @Option(help: "MAXERROR for the staging loads: the load fails once it has this many bad records (0 or 1: at the first); bad records go to load_errors.")
    var maxError = 0

    @OptionGroup var dialect: DialectOption

    @Flag(help: "Print every statement the run would send (on --dialect, else the database's own) and the S3 prefixes it would read; change nothing.")
    var dryRun = false

    @Flag(help: "Stage only objects that are new since the last complete run and update the tables in place (a changed or deleted object makes it a full rebuild, and says why).")
    var incremental = false

    func validate() throws {
        if incremental && !stages.isEmpty {
            throw ValidationError("--incremental runs every stage: leave out --stage")
        }
        let known = Set(ETLStage.allCases.map(\.rawValue))
        for stage in stages where !known.contains(stage) {
            throw ValidationError("unknown stage '\(stage)': use one of \(ETLStage.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard (0...CopyOptions.maxErrorLimit).contains(maxError) else {
            throw ValidationError("--max-error must be between 0 and \(CopyOptions.maxErrorLimit)")
        }
    }

    func run() async throws {
        let printer = Printer(global, describe: Self.line)
        // A dry run on a named dialect never connects: a config without [CLUSTER] will do.
        var work = StepWork(world: try HeadlessRun.world(global, printer: printer, needsDatabase: !(dryRun && dialect.forced != nil)))
        work.stages = Set(stages.compactMap(ETLStage.init(rawValue:)))
        work.maxError = maxError
        work.dialect = dialect.forced
        work.incremental = incremental
        if dryRun { return try await ETLDryRunOutput.print(work, global: global, printer: printer) }
        try await HeadlessRun(global: global).run([.etl], work: work, printer: printer, confirmed: true)
    }

    /// A line per finished stage and the run's result.
    @Sendable static func line(_ event: RunbookEvent) -> String? {
        switch event {
        case .stageFinished(let report, .succeeded, _) where report.stage != .listing:
            return finishedLine(report)
        case .result(.etl, .succeeded(let detail)):
            return "etl succeeded: \(detail)"
        default:
            return nil
        }
    }

    /// "staging_events 8056 rows  30 objects  3.6 MB  1.2 s  6713 rows/s", "checks         17 checks passed  0.1 s"
    static func finishedLine(_ report: StageReport) -> String {
        let sample = report.sample
        let name = sample.stage.title.padding(toLength: 15, withPad: " ", startingAt: 0)
        let seconds = String(format: "%.1f s", sample.elapsed)
        if sample.stage == .stage(.checks) { return name + "\(sample.rows) checks passed  " + seconds }
        var parts = [name + "\(sample.rows) rows"]
        if sample.objectsTotal != nil || sample.objectsDone > 0 { parts.append("\(sample.objectsDone) objects") }
        if sample.bytes > 0 { parts.append(RunbookEvent.byteText(sample.bytes)) }
        parts.append(seconds)
        if sample.objectsDone > 0, sample.elapsed > 0 { parts.append("\(Int(Double(sample.rows) / sample.elapsed)) rows/s") }
        return parts.joined(separator: "  ")
    }
}
