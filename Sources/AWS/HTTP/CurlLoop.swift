import CCurl
import Foundation
import Synchronization

/// The one thread that drives a curl multi handle: it adds submitted transfers, runs them all with
/// `curl_multi_perform`, hands finished ones back, and sleeps in `curl_multi_poll` until a socket is
/// ready or `curl_multi_wakeup` says a command is waiting. Connections stay in the multi handle's
/// cache between transfers, so consecutive requests to one host reuse them.
final class CurlLoop: Sendable {
    enum Command {
        case add(Transfer)
        case remove(Transfer)
        case resume(Transfer)
        case shutdown
    }

    private struct Inbox {
        var commands: [Command] = []
        /// Set by the thread before it frees the multi handle; later commands are dropped.
        var closed = false
    }

    /// `CURLM *` — used by the loop thread, and by `curl_multi_wakeup`, which is thread-safe.
    private nonisolated(unsafe) let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())

    init(maxConnections: Int) {
        _ = Self.globalInit
        multi = curl_multi_init()
        _ = sparkify_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maxConnections)
        let thread = Thread { [self] in run() }
        thread.name = "sparkify-curl"
        thread.start()
    }

    /// `curl_global_init` once per process, before any handle exists.
    private static let globalInit: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// Queues a command and wakes the thread. Returns false when the loop has stopped.
    @discardableResult
    func send(_ command: Command) -> Bool {
        inbox.withLock { inbox in
            guard !inbox.closed else { return false }
            inbox.commands.append(command)
            _ = curl_multi_wakeup(multi)
            return true
        }
    }

    private func run() {
        var active: [UnsafeMutableRawPointer: Transfer] = [:]
        var shuttingDown = false
        while true {
            let commands = inbox.withLock { inbox in
                defer { inbox.commands.removeAll() }
                return inbox.commands
            }
            for command in commands {
                switch command {
                case .add(let transfer):
                    guard !transfer.isFinished else { continue }
                    if curl_multi_add_handle(multi, transfer.easy) == CURLM_OK {
                        active[transfer.easy] = transfer
                    } else {
                        transfer.complete(CURLE_FAILED_INIT)
                    }
                case .remove(let transfer):
                    if active.removeValue(forKey: transfer.easy) != nil {
                        curl_multi_remove_handle(multi, transfer.easy)
                    }
                case .resume(let transfer):
                    if active[transfer.easy] != nil { transfer.unpause() }
                case .shutdown:
                    shuttingDown = true
                }
            }
            // Stop once asked to and every transfer already handed out has ended.
            if shuttingDown && active.isEmpty {
                let stop = inbox.withLock { inbox in
                    guard inbox.commands.isEmpty else { return false }
                    inbox.closed = true
                    return true
                }
                if stop { break }
                continue
            }

            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var left: Int32 = 0
            while let message = curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                      let transfer = active.removeValue(forKey: easy) else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi, easy)
                transfer.complete(code)
            }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        curl_multi_cleanup(multi)
    }
}
