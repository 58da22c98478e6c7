import Foundation
import Runbook
import Warehouse

/// What `sparkify etl` prints: a line per finished stage and the run's result on stdout, a live progress
/// line on stderr when it is a terminal; with `--json`, one object per event on stdout instead.
struct ETLOutput: Sendable {
    let json: Bool
    let quiet: Bool
    private let live = isatty(2) == 1 ? LiveProgress() : nil

    init(json: Bool, quiet: Bool) {
        self.json = json
        self.quiet = quiet
    }

    @Sendable func event(_ event: ETLEvent) {
        if json {
            emit(Self.record(event))
            return
        }
        switch event {
        case .stageProgress(let progress):
            if !quiet { live?.show(Self.progressLine(progress)) }
        case .stageStarted(let progress):
            if !quiet { live?.show(Self.progressLine(progress)) }
        case .stageFinished(let progress, let outcome, let message):
            live?.clear()
            if !quiet || outcome != .succeeded { print(Self.finishedLine(progress, outcome: outcome, message: message)) }
        case .checksReported(let report):
            if !quiet { report.results.forEach { print("  " + $0.description) } }
        case .runStarted, .listing, .runFinished:
            break
        }
    }

    func finished(_ summary: ETLRunner.Summary) {
        if json {
            emit(["result": "etl", "run_id": summary.runID, "outcome": "succeeded",
                  "seconds": Self.rounded(summary.seconds)] as [String: any Sendable])
        } else {
            print("run \(summary.runID) succeeded in \(String(format: "%.1f", summary.seconds)) s")
        }
    }

    func warn(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    func error(_ text: String) {
        live?.clear()
        if json { emit(["event": "error", "error": text] as [String: any Sendable]) }
        FileHandle.standardError.write(Data(("error: " + text + "\n").utf8))
    }

    // MARK: Text

    static func progressLine(_ p: StageProgress) -> String {
        var parts = [p.stage.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)]
        if let fraction = p.fraction {
            let filled = Int(fraction * 20)
            parts.append("[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 20 - filled) + "]")
        }
        if let total = p.objectsTotal { parts.append("\(p.objectsDone)/\(total) objects") }
        parts.append("\(p.rows) rows")
        if p.bytes > 0 { parts.append(byteCount(p.bytes)) }
        if p.elapsed > 0 { parts.append("\(Int(p.rowsPerSecond)) rows/s") }
        if let eta = p.eta { parts.append("ETA \(Int(eta.rounded())) s") }
        return parts.joined(separator: "  ")
    }

    static func finishedLine(_ p: StageProgress, outcome: ETLOutcome, message: String?) -> String {
        let name = p.stage.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
        guard outcome == .succeeded else { return "\(name)\(outcome.rawValue): \(message ?? "")" }
        if p.stage == .checks { return name + "\(p.rows) checks passed  " + String(format: "%.1f s", p.elapsed) }
        var parts = [name + "\(p.rows) rows"]
        if p.objectsTotal != nil || p.objectsDone > 0 { parts.append("\(p.objectsDone) objects") }
        if p.bytes > 0 { parts.append(byteCount(p.bytes)) }
        parts.append(String(format: "%.1f s", p.elapsed))
        if p.objectsDone > 0, p.elapsed > 0 { parts.append("\(Int(p.rowsPerSecond)) rows/s") }
        return parts.joined(separator: "  ")
    }

    static func byteCount(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : String(format: "%.1f KB", Double(bytes) / 1024)
    }

    // MARK: JSON

    static func record(_ event: ETLEvent) -> [String: any Sendable] {
        switch event {
        case .runStarted(let runID, let stages):
            return ["event": "run_started", "run_id": runID, "stages": stages.map(\.rawValue)]
        case .listing(let stage, let location):
            return ["event": "listing", "stage": stage.rawValue, "location": location]
        case .stageStarted(let p):
            return progress("stage_started", p)
        case .stageProgress(let p):
            return progress("stage_progress", p)
        case .stageFinished(let p, let outcome, let message):
            var record = progress("stage_finished", p)
            record["outcome"] = outcome.rawValue
            if let message { record["message"] = message }
            return record
        case .checksReported(let report):
            return ["event": "checks", "passed": report.passed,
                    "results": report.results.map { ["name": $0.name, "passed": $0.passed, "detail": $0.detail] as [String: any Sendable] }]
        case .runFinished(let runID, let outcome, let seconds):
            return ["event": "run_finished", "run_id": runID, "outcome": outcome.rawValue, "seconds": rounded(seconds)]
        }
    }

    private static func progress(_ name: String, _ p: StageProgress) -> [String: any Sendable] {
        var record: [String: any Sendable] = ["event": name, "stage": p.stage.rawValue, "rows": p.rows,
                                              "seconds": rounded(p.elapsed)]
        if p.bytes > 0 { record["bytes"] = p.bytes }
        if p.objectsTotal != nil || p.objectsDone > 0 { record["objects_done"] = p.objectsDone }
        if let total = p.objectsTotal { record["objects_total"] = total }
        return record
    }

    private static func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }

    private func emit(_ object: [String: any Sendable]) {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return
        }
        print(String(decoding: data, as: UTF8.self))
    }
}

/// One status line on stderr, redrawn in place (at most ten times a second).
final class LiveProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date.distantPast
    private var shown = false

    func show(_ line: String) {
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(last) >= 0.1 else { return }
            last = now
            shown = true
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        }
    }

    func clear() {
        lock.withLock {
            guard shown else { return }
            shown = false
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        }
    }
}
