import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Thin process running: commands that run to completion (initdb, pg_ctl) and daemons that outlive
/// sparkify (moto_server). Secrets never travel as arguments: callers pass them in `environment` or in
/// 0600 files. All calls block; callers run them through ``onOwnThread(_:_:)``.
enum Subprocess {
    /// What a finished command said. `output` holds stdout and stderr interleaved.
    struct Outcome: Sendable {
        var status: Int32
        var output: String
    }

    /// Runs `command` to completion and captures its output. The output goes through an unlinked
    /// temporary file, not a pipe: a daemon the command leaves behind (pg_ctl start) cannot hold it open.
    static func run(_ command: [String], environment: [String: String] = [:],
                    directory: String? = nil) throws(SandboxError) -> Outcome {
        var template = Array((FileManager.default.temporaryDirectory.path + "/sparkify-output-XXXXXX").utf8CString)
        let output = mkstemp(&template)
        guard output >= 0 else { throw .system(call: "mkstemp", errno: errno) }
        _ = fcntl(output, F_SETFD, FD_CLOEXEC)
        unlink(template)
        defer { close(output) }
        let pid = try spawn(command, environment: environment, output: .descriptor(output),
                            directory: directory, newSession: false)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + status & 0x7f
        lseek(output, 0, SEEK_SET)
        let text = FileHandle(fileDescriptor: output, closeOnDealloc: false).readDataToEndOfFile()
        return Outcome(status: exitStatus, output: String(decoding: text, as: UTF8.self))
    }

    /// Runs `command` and throws with its output unless it exits 0.
    @discardableResult
    static func check(_ command: [String], environment: [String: String] = [:],
                      directory: String? = nil) throws(SandboxError) -> String {
        let outcome = try run(command, environment: environment, directory: directory)
        guard outcome.status == 0 else {
            throw .commandFailed(command: display(command), status: outcome.status, output: outcome.output)
        }
        return outcome.output
    }

    /// Starts a daemon in a session of its own (so a terminal's signals and sparkify's exit do not reach
    /// it), stdin from /dev/null, stdout and stderr appended to `logPath`. Returns its pid, which is also
    /// its process group id.
    static func spawnDaemon(_ command: [String], environment: [String: String],
                            logPath: String) throws(SandboxError) -> pid_t {
        try spawn(command, environment: environment, output: .file(logPath), directory: nil, newSession: true)
    }

    private enum Output {
        case descriptor(Int32)
        case file(String)
    }

    private static func spawn(_ command: [String], environment: [String: String], output: Output,
                              directory: String?, newSession: Bool) throws(SandboxError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        switch output {
        case .descriptor(let fd): posix_spawn_file_actions_adddup2(&actions, fd, 1)
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        }
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing of ours (sockets, other commands' output) leaks into the child, let alone a daemon.
        for fd in openDescriptors() where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        if let directory, let addChdir = Self.addChdir {
            _ = addChdir(&actions, directory)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let session = newSession ? spawnSetSID : 0
        posix_spawnattr_setflags(&attributes, Int16(session | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let fullEnvironment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let argv = command.map { strdup($0) } + [nil]
        let envp = fullEnvironment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw .commandFailed(command: display(command), status: -1, output: String(cString: strerror(result)))
        }
        return pid
    }

    /// glibc's posix_spawn_file_actions_addchdir_np (2.29+), which Swift does not import: as root,
    /// commands run as `postgres` from a directory that account can enter.
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>,
                                                 UnsafePointer<CChar>) -> Int32
    private static let addChdir: AddChdir? = dlsym(nil, "posix_spawn_file_actions_addchdir_np")
        .map { unsafeBitCast($0, to: AddChdir.self) }

    /// glibc's POSIX_SPAWN_SETSID (2.26+), which Swift does not import.
    private static let spawnSetSID: Int32 = 0x80

    /// This process's open file descriptors (those in use while listing included; closing an already
    /// closed one in the child is harmless).
    private static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }

    /// Whether `pid` is a live process (a zombie child of ours is reaped and counts as gone).
    static func isAlive(_ pid: pid_t) -> Bool {
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { return false }
        if kill(pid, 0) == 0 { return !isZombie(pid) }
        return errno == EPERM
    }

    /// The process's command line (NUL-separated arguments joined by spaces), or nil when it is gone.
    static func commandLine(_ pid: pid_t) -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return nil }
        return String(decoding: data.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }

    /// Sends SIGTERM to the process group `pid` leads, waits up to `grace` seconds for it to go, then
    /// SIGKILLs what is left. Returns when no process of the group is alive.
    static func terminateGroup(_ pid: pid_t, grace: TimeInterval = 10) {
        kill(-pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while isAlive(pid) || groupExists(pid) {
            if Date() > deadline {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
            }
            usleep(20_000)
        }
    }

    private static func groupExists(_ pgid: pid_t) -> Bool {
        kill(-pgid, 0) == 0 && !isZombie(pgid)
    }

    private static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[close...].dropFirst(2).first == "Z"
    }

    /// A command as it would be typed, for messages. Arguments never hold secrets.
    static func display(_ command: [String]) -> String {
        command.map { $0.contains(" ") || $0.isEmpty ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}
