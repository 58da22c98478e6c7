import ArgumentParser
import Config
import Foundation
import Runbook
import Synchronization

/// A runbook step run without a screen, on the same engine and session as the console: the engine
/// decides (preconditions, confirmation), the session acts, this prints. `--json`: every event one
/// object per line on stdout; otherwise the command's own lines on stdout, warnings and errors on
/// stderr, a live progress line on stderr when it is a terminal. Ctrl-C cancels the running stage.
struct HeadlessRun {
    let global: GlobalOptions
    /// What `--yes` means for this command ("drop tables that hold rows").
    var confirmHint = "pass --yes to confirm"

    /// Builds the step's world from the config in force (`--config`, ./dwh.cfg, the sandbox's profile).
    static func world(_ global: GlobalOptions, printer: Printer) throws -> RunbookWorld {
        do {
            guard let config = try global.loadConfig(warn: { printer.stderr($0) }).config else {
                throw ConfigError.unreadable(path: "dwh.cfg",
                                             reason: "no such file: pass --config FILE, create ./dwh.cfg, or run `sparkify sandbox up`")
            }
            return try RunbookWorld.make(config: config, report: printer.event)
        } catch {
            printer.stderr("error: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// Looks at AWS and the database, runs `step` (confirmed by `--yes`), and ends with its exit code.
    func run(_ step: RunbookStep, work: StepWork, printer: Printer, confirmed: Bool) async throws {
        let session = RunbookSession(work: work, onEvent: printer.event)
        let interrupted = Atomic(false)
        let interrupt = CancelOnInterrupt {
            interrupted.store(true, ordering: .relaxed)
            session.cancel()
        }
        defer { interrupt.stop() }

        session.start(observing: step.usesAWS || work.world.configuredDatabase == nil ? .everything : .database)
        await session.settled()
        if interrupted.load(ordering: .relaxed) { throw ExitCode(ExitStatus.cancelled) }
        session.request(step, confirmed: confirmed)
        await session.settled()
        printer.endProgress()
        // A cluster on real AWS costs money after this command ends: say so every time.
        if let warning = session.engine.exitWarning(at: Date()) { printer.stderr("warning: " + warning) }

        if let question = session.engine.pendingConfirmation {
            printer.stderr("error: \(question.prompt) \(confirmHint)")
            throw ExitCode(ExitStatus.usage)
        }
        guard let outcome = printer.outcome(of: step) else {
            // Refused (its reason is printed): a precondition the operator must meet first.
            throw ExitCode(ExitStatus.failed)
        }
        if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
    }
}

/// Prints a session's events for one headless command and remembers how its steps ended.
final class Printer: Sendable {
    private let json: Bool
    private let quiet: Bool
    private let describe: @Sendable (RunbookEvent) -> String?
    private let live = isatty(STDERR_FILENO) == 1 ? LiveLine() : nil
    private let outcomes = Mutex<[RunbookStep: StepOutcome]>([:])
    private let lastDraw = Mutex(Date.distantPast)

    init(_ global: GlobalOptions, describe: @escaping @Sendable (RunbookEvent) -> String? = { _ in nil }) {
        json = global.json
        quiet = global.quiet
        self.describe = describe
    }

    func outcome(of step: RunbookStep) -> StepOutcome? { outcomes.withLock { $0[step] } }

    @Sendable func event(_ event: RunbookEvent) {
        if case .result(let step, let outcome) = event { outcomes.withLock { $0[step] = outcome } }
        if json { Swift.print(event.jsonLine) }
        switch event {
        case .stageProgress(let report):
            guard !json, !quiet, let live else { return }
            // At most ten redraws a second.
            let due = lastDraw.withLock { last in
                let now = Date()
                guard now.timeIntervalSince(last) >= 0.1 else { return false }
                last = now
                return true
            }
            if due { live.show(report.progressLine()) }
        case .result(_, .failed(let reason)):
            stderr("error: " + reason)
        case .result(_, .cancelled):
            stderr("cancelled: the running stage was rolled back; finished stages and final tables keep their rows")
        case .refused(let step, let reason):
            stderr("error: " + (step.map { "\($0.label): " } ?? "") + reason)
        case .warning(let message):
            stderr("warning: " + message)
        default:
            guard !json, !quiet || event.isResult, let line = describe(event) else { return }
            live?.clear()
            Swift.print(line)
        }
    }

    func endProgress() { live?.clear() }

    func stderr(_ line: String) {
        live?.clear()
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension RunbookEvent {
    var isResult: Bool {
        if case .result = self { return true }
        return false
    }
}
