import Foundation
import Runbook
import Synchronization

/// Prints a session's events for one headless command and remembers how its steps ended. `--json`:
/// every event one line on stdout (``JSONTranscript``: step R's result carries the counts), a step's
/// `result` after the events of the look that follows it (``flushResults()``); otherwise
/// the command's own lines (`describe`) on stdout, warnings and errors on stderr, the running stage's
/// progress on the live line when stderr is a terminal.
final class Printer: Sendable {
    private let json: Bool
    private let quiet: Bool
    private let describe: @Sendable (RunbookEvent) -> String?
    private let outcomes = Mutex<[RunbookStep: StepOutcome]>([:])
    private let transcript = Mutex(JSONTranscript())
    private let heldResults = Mutex<[String]>([])

    init(_ global: GlobalOptions, describe: @escaping @Sendable (RunbookEvent) -> String? = { _ in nil }) {
        json = global.json
        quiet = global.quiet
        self.describe = describe
    }

    func outcome(of step: RunbookStep) -> StepOutcome? { outcomes.withLock { $0[step] } }

    @Sendable func event(_ event: RunbookEvent) {
        if case .result(let step, let outcome) = event { outcomes.withLock { $0[step] = outcome } }
        if json {
            let line = transcript.withLock { $0.line(for: event) }
            // The look that follows a step prints after its result; the result waits for it (flushResults).
            if event.isResult { heldResults.withLock { $0.append(line) } } else { print(line) }
        }
        switch event {
        case .stageProgress(let report):
            guard !json, !quiet else { return }
            Output.live?.show(report.progressLine())
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
            Output.live?.clear()
            print(line)
        }
    }

    /// `--json`: prints the `result` lines held back since the step ended, once the session has settled —
    /// so a step's result is the last line of its part, and the command's last line is its result.
    func flushResults() {
        for line in heldResults.withLock({ held in defer { held.removeAll() }; return held }) { print(line) }
    }

    /// `iac status --json`'s last line (see ``JSONTranscript/statusLine(at:failure:)``).
    func statusLine(failure: String?) -> String {
        transcript.withLock { $0.statusLine(at: Date(), failure: failure) }
    }

    func endProgress() { Output.live?.clear() }

    func stderr(_ line: String) { Output.stderr(line) }
}

extension RunbookEvent {
    var isResult: Bool {
        if case .result = self { return true }
        return false
    }
}
