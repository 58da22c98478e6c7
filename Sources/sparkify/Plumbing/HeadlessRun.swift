import ArgumentParser
import Config
import Foundation
import Runbook

/// Runbook steps run without a screen, on the same engine and session as the console: the engine
/// decides (preconditions, confirmation), the session acts, the ``Printer`` prints. SIGINT, SIGTERM and
/// SIGHUP cancel the running step (``SignalCancellation``).
struct HeadlessRun {
    let global: GlobalOptions
    /// What `--yes` means for this command ("drop tables that hold rows").
    var confirmHint = "pass --yes to confirm"

    /// The steps' world from `config` (default: the config in force, which must exist). The options are
    /// `iac up/down`'s: poll interval and timeout of the cluster waits, step 3's rule.
    static func world(_ global: GlobalOptions, printer: Printer, config: DWHConfig? = nil,
                      pollInterval: Double? = nil, timeout: Double? = nil,
                      cidr: String? = nil, allowAnywhere: Bool = false, needsDatabase: Bool = true) throws -> RunbookWorld {
        let config = try config ?? global.requireConfig()
        do {
            return try RunbookWorld.make(config: config, pollInterval: pollInterval, timeout: timeout, cidr: cidr,
                                         allowAnywhere: allowAnywhere, needsDatabase: needsDatabase, report: printer.event)
        } catch {
            throw Output.fail(error, status: ExitStatus.usage)
        }
    }

    /// Looks at AWS and the database, then runs `steps` in turn (`confirmed` by `--yes`), stopping at the
    /// first that does not succeed; ends with the exit code. Returns the engine as it ended.
    @discardableResult
    func run(_ steps: [RunbookStep], work: StepWork, printer: Printer, confirmed: Bool) async throws -> RunbookEngine {
        let session = RunbookSession(work: work, onEvent: printer.event)
        let signals = SignalCancellation { _ in
            // Only a long step can be cancelled; a quick one (connect, counts) just finishes first.
            if session.engine.runningLongStep != nil { session.cancel() }
        }
        defer { signals.stop() }

        let usesAWS = steps.contains { $0.usesAWS }
        session.start(observing: usesAWS || work.world.configuredDatabase == nil ? .everything : .database)
        await session.settled()
        var status = ExitStatus.ok
        for step in steps where status == ExitStatus.ok && signals.received == nil {
            session.request(step, confirmed: confirmed)
            await session.settled()
            printer.flushResults()
            if let question = session.engine.pendingConfirmation {
                printer.stderr("error: \(question.prompt) \(confirmHint)")
                status = ExitStatus.usage
            } else if let outcome = printer.outcome(of: step) {
                status = outcome.exitStatus
            } else {
                // Refused (its reason is printed): a precondition the operator must meet first.
                status = ExitStatus.failed
            }
        }
        let engine = session.engine
        try end(engine, status: status, signals: signals, printer: printer)
        return engine
    }

    /// Only looks (`iac status`): the engine after one observation of `scope`.
    func observe(work: StepWork, printer: Printer, scope: ObservationScope) async throws -> RunbookEngine {
        let session = RunbookSession(work: work, onEvent: printer.event)
        let signals = SignalCancellation { _ in }
        defer { signals.stop() }
        session.start(observing: scope)
        await session.settled()
        try end(session.engine, status: ExitStatus.ok, signals: signals, printer: printer)
        return session.engine
    }

    /// The warning about a cluster that costs money, then the exit code: the signal's when one stopped
    /// the command, else `status`.
    private func end(_ engine: RunbookEngine, status: Int32, signals: SignalCancellation, printer: Printer) throws {
        printer.flushResults()
        printer.endProgress()
        // A cluster on real AWS costs money after this command ends: say so every time.
        if let warning = engine.exitWarning(at: Date()) { printer.stderr("warning: " + warning) }
        if let signal = signals.received, let code = signals.exitStatus {
            printer.stderr("sparkify: stopped by \(SignalCancellation.name(signal))")
            throw ExitCode(code)
        }
        if status != ExitStatus.ok { throw ExitCode(status) }
    }
}
