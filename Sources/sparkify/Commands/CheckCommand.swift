import ArgumentParser
import Foundation
import Runbook

/// Step 4 on the runbook engine: prove the database answers — connect (TLS for every non-loopback
/// host), `SELECT version()`, and report the dialect, the version and the round trip.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Step 4: connect to the warehouse database and show its dialect, version and latency.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var dialect: DialectOption

    func run() async throws {
        let printer = Printer(global) { event in
            guard case .result(.connect, .succeeded(let detail)) = event else { return nil }
            return "4 connect    ok            " + detail
        }
        var work = StepWork(world: try HeadlessRun.world(global, printer: printer))
        work.dialect = dialect.forced
        try await HeadlessRun(global: global).run([.connect], work: work, printer: printer, confirmed: true)
    }
}
