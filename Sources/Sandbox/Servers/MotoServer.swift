import Config
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `moto_server` on 127.0.0.1, emulating S3, IAM, EC2, STS and the Redshift control plane. It runs in
/// a session of its own and outlives the sparkify process that started it; ``stop()`` ends its whole
/// process group. Its state lives in memory only.
public struct MotoServer: Sendable {
    public let port: Int
    /// Where its output goes (appended).
    public let logFile: String
    let executable: String

    /// Locates `moto_server` on PATH; throws (with the fix) when it is missing.
    public init(port: Int, logFile: String, path: String? = ProcessInfo.processInfo.environment["PATH"])
        throws(SandboxError)
    {
        guard let executable = Self.find(on: path ?? "") else { throw .motoMissing }
        self.port = port
        self.logFile = logFile
        self.executable = executable
    }

    /// http://127.0.0.1:PORT — what `[AWS] ENDPOINT` / `AWS_ENDPOINT_URL` point at.
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    /// The command line. Without the variable, attaching AWS-managed policies (AmazonS3ReadOnlyAccess)
    /// fails with NoSuchEntity.
    var command: [String] { [executable, "-H", "127.0.0.1", "-p", String(port)] }
    static let environment = ["MOTO_IAM_LOAD_MANAGED_POLICIES": "true"]

    /// Starts it and waits until it answers HTTP. Returns its pid (also its process group id).
    public func start(timeout: TimeInterval = 60) async throws(SandboxError) -> pid_t {
        do {
            return try await onOwnThread("moto-start") { try startNow(timeout: timeout) }
        } catch let error as SandboxError { throw error } catch { throw .state(path: logFile, reason: "\(error)") }
    }

    /// Ends the process group `pid` leads (a pid ``start(timeout:)`` returned) and waits until it is
    /// gone and the port is free.
    public func stop(pid: pid_t) async {
        _ = try? await onOwnThread("moto-stop") { stopNow(pid: pid) }
    }

    /// ``stop(pid:)``, blocking the calling thread: for process-exit handlers, which cannot await.
    public func stopBlocking(pid: pid_t) {
        stopNow(pid: pid)
    }

    /// Whether `pid` is a live moto_server serving this port.
    public func isRunning(pid: pid_t) -> Bool { Self.isRunning(pid: pid, port: port) }

    /// ``isRunning(pid:)`` for a remembered pid, without needing the binary (status, down). Checks the
    /// command line, so a pid reused by another program after a reboot is not mistaken for moto.
    public static func isRunning(pid: pid_t, port: Int) -> Bool {
        guard pid > 0, Subprocess.isAlive(pid), let line = Subprocess.commandLine(pid) else { return false }
        return line.contains("moto_server") && line.contains("-p \(port)")
    }

    /// Stops a remembered moto_server — only if ``isRunning(pid:port:)`` says it is one.
    static func stop(pid: pid_t, port: Int) async {
        guard isRunning(pid: pid, port: port) else { return }
        _ = try? await onOwnThread("moto-stop") { stopNow(pid: pid, port: port) }
    }

    // MARK: - Blocking steps

    func startNow(timeout: TimeInterval) throws(SandboxError) -> pid_t {
        guard LoopbackPort.isFree(port) else {
            throw .portBusy(port: port, service: "moto_server", hint: "Stop what listens there or choose another port.")
        }
        let logStart = LogFile.size(logFile)
        let pid = try Subprocess.spawnDaemon(command, environment: Self.environment, logPath: logFile)
        let deadline = Date().addingTimeInterval(timeout)
        while LoopbackPort.httpStatus(port, path: "/moto-api/") == nil {
            guard Subprocess.isAlive(pid) else {
                let log = LogFile.tail(logFile, since: logStart)
                if LogFile.saysAddressInUse(log) {
                    throw .portBusy(port: port, service: "moto_server",
                                    hint: "Another program took it as moto_server started; choose another port.")
                }
                throw .exited(service: "moto_server on port \(port)", log: log)
            }
            guard Date() < deadline else {
                stopNow(pid: pid)
                throw .notReady(service: "moto_server on port \(port)", seconds: Int(timeout),
                                log: LogFile.tail(logFile))
            }
            usleep(50_000)
        }
        return pid
    }

    func stopNow(pid: pid_t) { Self.stopNow(pid: pid, port: port) }

    static func stopNow(pid: pid_t, port: Int) {
        guard pid > 0, Subprocess.isAlive(pid) else { return }
        Subprocess.terminateGroup(pid)
        let deadline = Date().addingTimeInterval(10)
        while LoopbackPort.isListening(port) && Date() < deadline { usleep(20_000) }
    }

    /// The first executable `moto_server` in the PATH-style list `path`.
    static func find(on path: String) -> String? {
        path.split(separator: ":").map { "\($0)/moto_server" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
