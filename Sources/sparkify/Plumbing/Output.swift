import ArgumentParser
import Foundation
import Runbook
import Synchronization

/// Where every command's words go (PRODUCT §5): results on stdout (one JSON object per line with
/// `--json`, encoded as the engine encodes its events), warnings and errors on stderr, and one live
/// progress line on stderr when it is a terminal — erased before anything else is written there.
enum Output {
    /// The live line; nil when stderr is not a terminal (scripts get no progress bars).
    static let live: LiveLine? = isatty(STDERR_FILENO) == 1 ? LiveLine() : nil

    /// One line on stderr ("error: …", "warning: …").
    static func stderr(_ line: String) {
        live?.clear()
        // A terminal that hung up (SIGHUP) cannot be written to; that is no reason to crash.
        try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
    }

    /// `value` as one `--json` line on stdout.
    static func json<T: Encodable>(_ value: T) {
        print(RunbookEvent.jsonLine(value))
    }

    /// The error in full on stderr, then the exit code to throw.
    static func fail(_ error: any Error, status: Int32) -> ExitCode {
        stderr("error: \(error)")
        return ExitCode(status)
    }
}

/// One status line on a terminal, overwritten in place (at most ten times a second) and erased before
/// other output.
final class LiveLine: Sendable {
    private struct Shown {
        var open = false
        var lastDraw = Date.distantPast
    }
    private let shown = Mutex(Shown())

    /// Draws `text` unless the last draw was under 0.1 s ago; `force`: draw anyway (a final state).
    func show(_ text: String, force: Bool = false) {
        shown.withLock { shown in
            let now = Date()
            guard force || now.timeIntervalSince(shown.lastDraw) >= 0.1 else { return }
            shown.lastDraw = now
            try? FileHandle.standardError.write(contentsOf: Data(("\r\u{1B}[K" + text).utf8))
            shown.open = true
        }
    }

    func clear() {
        shown.withLock { shown in
            if shown.open { try? FileHandle.standardError.write(contentsOf: Data("\r\u{1B}[K".utf8)) }
            shown.open = false
        }
    }
}

/// Exit codes of PRODUCT §5; a signal that cancelled the work adds its own (128 + its number).
enum ExitStatus {
    static let ok: Int32 = 0
    static let failed: Int32 = 1
    static let usage: Int32 = 2
    static let cancelled: Int32 = 130
}
