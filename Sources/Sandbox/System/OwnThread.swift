import Foundation

/// Runs blocking work (process waits, socket probes, polling loops) on a thread of its own, never on
/// the Swift concurrency pool, and bridges the result back to `async`.
func onOwnThread<T: Sendable>(_ name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.name = "sparkify.sandbox.\(name)"
        thread.start()
    }
}
