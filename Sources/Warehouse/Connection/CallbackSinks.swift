import Foundation

/// Where libpq's callbacks (notice receiver) and the statement observer deliver, behind a lock so the
/// handlers can be replaced from any thread. libpq holds an unretained pointer to it; the connection
/// keeps it alive for as long as the handle exists.
final class CallbackSinks: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var noticeHandler: (@Sendable (Notice) -> Void)?
    private let observer: StatementObserver?

    init(observer: StatementObserver?) {
        self.observer = observer
    }

    func setNoticeHandler(_ handler: (@Sendable (Notice) -> Void)?) {
        lock.withLock { noticeHandler = handler }
    }

    func notice(_ notice: Notice) {
        lock.withLock { noticeHandler }?(notice)
    }

    func observe(_ record: StatementRecord) {
        observer?(record)
    }
}
