import Foundation
import Synchronization

/// SIGINT (Ctrl-C), SIGTERM and SIGHUP cancel the work instead of ending the process, so the running
/// stage rolls back and its run row is closed; the command then exits with 128 + the signal's number
/// (130, 143, 129: what a shell reports for a process the signal ended). While one of these exists the
/// three signals are caught; ``stop()`` gives them back their default.
final class SignalCancellation: @unchecked Sendable {
    static let caught: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Touched only in `init` and `stop`, by the command's task.
    private let sources: [DispatchSourceSignal]
    private let first = FirstSignal()

    private final class FirstSignal: Sendable {
        let number = Atomic<Int32>(0)
    }

    /// `cancel` runs (on a dispatch queue) for each signal that arrives.
    init(_ cancel: @escaping @Sendable (_ signal: Int32) -> Void) {
        let first = first
        sources = Self.caught.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                _ = first.number.compareExchange(expected: 0, desired: number, ordering: .relaxed)
                cancel(number)
            }
            source.resume()
            return source
        }
    }

    /// The first signal that arrived, if any.
    var received: Int32? {
        let number = first.number.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }

    /// The exit code for the first signal: 128 + its number; nil when none arrived.
    var exitStatus: Int32? { received.map { 128 + $0 } }

    /// "SIGTERM"
    static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        default: return "signal \(number)"
        }
    }

    func stop() {
        for (source, number) in zip(sources, Self.caught) {
            source.cancel()
            signal(number, SIG_DFL)
        }
    }
}

extension SignalCancellation {
    /// Runs `body` in a task that SIGINT, SIGTERM and SIGHUP cancel. The signals are caught before the
    /// task starts, so one that arrives as the work begins cancels it instead of killing the process.
    /// Returns how the task ended and the exit code of the first signal, if one arrived.
    static func cancelling<T: Sendable>(_ body: @escaping @Sendable () async throws -> T)
        async -> (result: Result<T, any Error>, signalled: Int32?)
    {
        let cancelTask = Mutex<(@Sendable () -> Void)?>(nil)
        let signals = SignalCancellation { _ in cancelTask.withLock { $0 }?() }
        defer { signals.stop() }
        let task = Task { try await body() }
        cancelTask.withLock { $0 = { task.cancel() } }
        // A signal caught before the task could be cancelled.
        if signals.received != nil { task.cancel() }
        let result = await task.result
        return (result, signals.exitStatus)
    }
}
