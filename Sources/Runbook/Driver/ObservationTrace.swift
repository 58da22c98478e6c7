import AWS
import Synchronization
import Warehouse

/// What one observation asked, collected while it runs (from its task for AWS calls, from the connection's
/// thread for statements) and folded into an ``ObservationNote`` at the end instead of one log line each.
final class ObservationTrace: Sendable {
    /// The observation the current task runs for: the world's AWS observer hands its calls here.
    @TaskLocal static var current: ObservationTrace?

    private let lines = Mutex<(calls: Int, detail: [String])>((0, []))

    func add(_ call: AWSCallRecord) {
        let text = RunbookEvent.awsCall(call).logEntry?.text ?? call.action
        lines.withLock { $0.calls += 1; $0.detail.append(text) }
    }

    func add(_ statement: StatementRecord) {
        let text = RunbookEvent.sqlStatement(statement).logEntry?.text ?? statement.firstLine
        lines.withLock { $0.detail.append(text) }
    }

    /// An AWS client's observer: calls made while observing fold into that observation's line, every
    /// other call is reported as an event of its own.
    static func awsObserver(reporting report: @escaping @Sendable (RunbookEvent) -> Void) -> @Sendable (AWSCallRecord) -> Void {
        { call in
            if let trace = current { trace.add(call) } else { report(.awsCall(call)) }
        }
    }

    var calls: Int { lines.withLock { $0.calls } }
    var detail: [String] { lines.withLock { $0.detail } }
}
