#if canImport(Glibc)
import Glibc
#endif

/// What went wrong bringing the sandbox (or a test server) up or down, and what to do about it.
/// Messages never contain the database password.
public enum SandboxError: Error, Sendable, CustomStringConvertible {
    /// No PostgreSQL server binaries (initdb, pg_ctl, postgres) were found.
    case postgresMissing(searched: String)
    /// `moto_server` is not on PATH.
    case motoMissing
    /// Something else holds a port the sandbox needs.
    case portBusy(port: Int, service: String, hint: String)
    /// A `--data` directory that cannot be seeded from.
    case badDataDirectory(path: String, reason: String)
    /// An option's value cannot be used.
    case invalidOption(option: String, reason: String)
    /// The request conflicts with what already runs.
    case alreadyRunning(what: String, hint: String)
    /// Uploading the data failed.
    case seeding(key: String, reason: String)
    /// The operator interrupted it; what had started is stopped.
    case cancelled
    /// A server did not start (or stop) in time; `log` is the tail of its log.
    case notReady(service: String, seconds: Int, log: String)
    /// A server's process ended while it was starting; `log` is the tail of its log.
    case exited(service: String, log: String)
    /// A command exited non-zero; `output` is what it printed.
    case commandFailed(command: String, status: Int32, output: String)
    /// The state directory cannot be used.
    case state(path: String, reason: String)
    /// A system call failed.
    case system(call: String, errno: Int32)

    public var description: String {
        switch self {
        case .postgresMissing(let searched):
            return "PostgreSQL server binaries (initdb, pg_ctl) not found in \(searched). "
                + "Install them: `apt-get install postgresql`."
        case .motoMissing:
            return "moto_server not found on PATH. Install it: `pip install 'moto[server]'`."
        case .portBusy(let port, let service, let hint):
            return "port \(port) on 127.0.0.1 (for \(service)) is already in use. \(hint)"
        case .badDataDirectory(let path, let reason):
            return "--data \(path): \(reason)"
        case .invalidOption(let option, let reason):
            return "\(option): \(reason)"
        case .alreadyRunning(let what, let hint):
            return "\(what) is already running. \(hint)"
        case .seeding(let key, let reason):
            return "seeding \(key) failed: \(reason)"
        case .cancelled:
            return "cancelled; what this run had started is stopped"
        case .notReady(let service, let seconds, let log):
            return "\(service) did not become ready within \(seconds) s." + Self.indented(log)
        case .exited(let service, let log):
            return "\(service) exited while starting." + Self.indented(log)
        case .commandFailed(let command, let status, let output):
            return "`\(command)` failed (exit status \(status))." + Self.indented(output)
        case .state(let path, let reason):
            return "sandbox state \(path): \(reason)"
        case .system(let call, let code):
            return "\(call) failed: \(String(cString: strerror(code)))"
        }
    }

    /// Whether the operator's input or machine set-up is at fault (exit code 2), not a failure of a
    /// running step (exit code 1).
    public var isUsageError: Bool {
        switch self {
        case .postgresMissing, .motoMissing, .portBusy, .badDataDirectory, .state, .alreadyRunning, .invalidOption:
            return true
        case .notReady, .exited, .commandFailed, .system, .seeding, .cancelled: return false
        }
    }

    /// The last lines of a command's output or a log, indented under the message.
    private static func indented(_ text: String, lines: Int = 15) -> String {
        let tail = text.split(separator: "\n", omittingEmptySubsequences: true).suffix(lines)
        return tail.isEmpty ? "" : "\n" + tail.map { "  | " + $0 }.joined(separator: "\n")
    }
}
