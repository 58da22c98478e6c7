import AWS
import Foundation
import Warehouse

/// Events as text: the log panel's lines and headless output without `--json`.
extension RunbookEvent {
    /// The log line for this event; nil for events the log does not show (step states, progress,
    /// cluster facts, counts — they have panels of their own).
    public var logEntry: LogRing.Entry? {
        switch self {
        case .awsCall(let call):
            var parts = [call.service.displayName, call.action, call.httpStatus.map(String.init) ?? "no response"]
            if let code = call.errorCode { parts.append(code) }
            if let id = call.requestID { parts.append(id) }
            parts.append("\(Int((call.latency * 1000).rounded())) ms")
            if call.attempt > 1 { parts.append("(attempt \(call.attempt))") }
            if let note = call.note { parts.append("— " + note) }
            return .init(call.errorCode == nil ? .aws : .error, parts.joined(separator: " "))
        case .sqlStatement(let statement):
            let time = String(format: "%.1f ms", statement.seconds * 1000)
            if let error = statement.error {
                return .init(.error, "SQL \(statement.firstLine) — failed \(error.sqlState ?? "-"): \(error.message) (\(time))")
            }
            let rows = statement.rows.map { "\($0) \($0 == 1 ? "row" : "rows"), " } ?? ""
            return .init(.sql, "SQL \(statement.firstLine) — \(rows)\(time)")
        case .observed(let note):
            return .init(note.databaseProblem == nil ? .observe : .warning, note.summary, detail: note.detail)
        case .warning(let message):
            return .init(.warning, "warning: \(message)")
        case .refused(let step, let reason):
            return .init(.warning, (step.map { "\($0.label): " } ?? "") + "not done: \(reason)")
        case .result(let step, let outcome):
            let text = "\(step.label) \(outcome.name)" + (outcome.detail.map { ": \($0)" } ?? "")
            return .init(outcome == .cancelled || outcome.exitStatus == 1 ? .error : .step, text)
        case .stageFinished(let report, let outcome, let message):
            let sample = report.sample
            // Listing finds objects; it loads no rows.
            var parts = sample.stage == .listing ? [] : ["\(sample.rows) rows"]
            if sample.objectsDone > 0 { parts.append("\(sample.objectsDone) objects") }
            if sample.bytes > 0 { parts.append(Self.byteText(sample.bytes)) }
            parts.append(String(format: "%.1f s", sample.elapsed))
            var text = "\(sample.stage.title) \(outcome.rawValue): " + parts.joined(separator: ", ")
            if let message { text += " — \(message)" }
            return .init(outcome == .succeeded ? .stage : .error, text)
        case .confirmationRequested(let confirmation):
            return .init(.step, "\(confirmation.step.label) asks: \(confirmation.prompt) (\(confirmation.instruction))")
        case .comparing:
            return .init(.step, "\(RunbookStep.etl.label): \(Self.comparingText)")
        case .choiceRequested(let choice):
            return .init(.step, "\(RunbookStep.etl.label) asks: \(choice.prompt) ("
                         + choice.modes.map(choice.label).joined(separator: " / ") + ")")
        case .stepState, .stageProgress, .cluster, .counts:
            return nil
        }
    }

    /// What ``comparing`` says.
    public static let comparingText = "comparing the sources with what the last run loaded…"

    /// "512 B", "3.2 KB", "14.6 MB", "1.2 GB" (1024-based).
    public static func byteText(_ bytes: Int) -> String {
        let units = ["KB", "MB", "GB", "TB"]
        guard bytes >= 1024 else { return "\(bytes) B" }
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.1f %@", value, units[unit])
    }
}
