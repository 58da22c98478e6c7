import ArgumentParser
import Foundation
import Runbook
import Synchronization

/// `sparkify counts` (step R) on the runbook engine: rows per staging and star table, with the time of
/// the count. The database is found as `check` and `etl` find it (the configured host, else the
/// cluster steps 1–3 built; the sandbox's profile when no config is given).
struct CountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counts",
        abstract: "Step R: count the rows of every staging and star table.",
        discussion: #"--json prints the engine's events, then {"event": "result", "step": "counts", "outcome": "succeeded", "tables": {"staging_events": N, ...}, "at": "ISO-8601"}; a missing table is null."#)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var dialect: DialectOption

    func run() async throws {
        let counted = Mutex<String?>(nil)
        let printer = Printer(global) { event in
            switch event {
            case .counts(let counts):
                counted.withLock { $0 = counts.text }
                return nil
            case .result(.counts, .succeeded):
                return counted.withLock { $0 }
            default:
                return nil
            }
        }
        var work = StepWork(world: try HeadlessRun.world(global, printer: printer))
        work.dialect = dialect.forced
        try await HeadlessRun(global: global).run([.counts], work: work, printer: printer, confirmed: true)
    }
}
