import Foundation
import Synchronization

/// Work to do when the test process exits (stopping servers, removing their directories), newest first.
enum ExitCleanup {
    private static let actions = Mutex<[@Sendable () -> Void]>([])

    static func register(_ action: @escaping @Sendable () -> Void) {
        let first = actions.withLock { list in
            list.append(action)
            return list.count == 1
        }
        if first { atexit { ExitCleanup.runAll() } }
    }

    private static func runAll() {
        let list = actions.withLock { list in
            defer { list.removeAll() }
            return list
        }
        list.reversed().forEach { $0() }
    }
}
