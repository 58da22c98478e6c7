import Foundation
import Testing

/// Runs the built `sparkify` as a script would: its own working directory, a HOME without ~/.aws, an
/// environment the test chooses. Output goes through files, so large outputs cannot fill a pipe.
struct SparkifyRunner {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String

        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
    }

    static let hangGuardSeconds: Double = 900
    /// What `run` returns for a command the hang guard killed (no exit status is negative).
    static let hungStatus: Int32 = -1

    /// Claimed once: the exit and the hang guard race to end one wait.
    final class Once: @unchecked Sendable {
        private let lock = NSLock()
        private var claimed = false

        func claim() -> Bool {
            lock.withLock {
                defer { claimed = true }
                return !claimed
            }
        }
    }

    /// A hang guard, far above any run's time on a loaded machine: unless the exit claimed `ended` first,
    /// kills `pid` after ``hangGuardSeconds`` and ends the wait with ``hungStatus``, so a command (or a lost
    /// exit notification) that never ends fails its test with what it printed instead of hanging the suite.
    static func guardHang(_ pid: Int32, _ ended: Once, end: @escaping @Sendable (Int32) -> Void) {
        DispatchQueue.global().asyncAfter(deadline: .now() + hangGuardSeconds) {
            guard ended.claim() else { return }
            kill(pid, SIGKILL)
            end(hungStatus)
        }
    }

    /// A fresh directory, used as both the working directory and HOME.
    let directory: String
    var environment: [String: String]

    init(environment: [String: String]) throws {
        directory = FileManager.default.temporaryDirectory.path + "/sparkify-cli-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var base = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        base["HOME"] = directory
        base["XDG_STATE_HOME"] = directory + "/state"
        self.environment = base.merging(environment) { $1 }
    }

    /// The built `sparkify`, next to the test executable.
    static func executable() throws -> String {
        let tests = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var directory = URL(fileURLWithPath: tests).deletingLastPathComponent()
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("sparkify").path
    }

    /// Runs `sparkify` (or `program`, e.g. the aws CLI to check what it did) with `arguments`.
    func run(_ arguments: [String], program: String? = nil) async throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try program ?? Self.executable())
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let id = UUID().uuidString
        let outPath = directory + "/.stdout-" + id, errPath = directory + "/.stderr-" + id
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        let ended = Once()
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { if ended.claim() { continuation.resume(returning: $0.terminationStatus) } }
            do { try process.run() } catch {
                if ended.claim() { continuation.resume(throwing: error) }
                return
            }
            Self.guardHang(process.processIdentifier, ended) { continuation.resume(returning: $0) }
        }
        if status == Self.hungStatus {
            Issue.record("sparkify \(arguments.joined(separator: " ")) still ran after \(Int(Self.hangGuardSeconds)) s: killed")
        }
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        return Run(status: status, stdout: try String(contentsOfFile: outPath, encoding: .utf8),
                   stderr: try String(contentsOfFile: errPath, encoding: .utf8))
    }

    /// A running `sparkify`, for tests that signal it while it works.
    final class Launched: @unchecked Sendable {
        let process = Process()
        let outPath: String
        let errPath: String

        init(outPath: String, errPath: String) {
            self.outPath = outPath
            self.errPath = errPath
        }

        var pid: Int32 { process.processIdentifier }
        var stdout: String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }
        var stderr: String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }

        /// Polls until `condition` holds for what it printed so far, or `seconds` pass.
        func wait(upTo seconds: Double, for condition: (String) -> Bool) async throws -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if condition(stdout) { return true }
                if !process.isRunning { return condition(stdout) }
                try await Task.sleep(for: .milliseconds(20))
            }
            return false
        }

        /// Blocks (on a thread of its own) until it exits; returns the status (``SparkifyRunner/hungStatus``
        /// after the hang guard, with an issue).
        func exitStatus() async -> Int32 {
            let ended = Once()
            let status: Int32 = await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    self.process.waitUntilExit()
                    if ended.claim() { continuation.resume(returning: self.process.terminationStatus) }
                }
                SparkifyRunner.guardHang(process.processIdentifier, ended) { continuation.resume(returning: $0) }
            }
            if status == SparkifyRunner.hungStatus { Issue.record("a launched sparkify still ran after the hang guard: killed") }
            return status
        }
    }

    func launch(_ arguments: [String]) throws -> Launched {
        let id = UUID().uuidString
        let launched = Launched(outPath: directory + "/.stdout-" + id, errPath: directory + "/.stderr-" + id)
        FileManager.default.createFile(atPath: launched.outPath, contents: nil)
        FileManager.default.createFile(atPath: launched.errPath, contents: nil)
        launched.process.executableURL = URL(fileURLWithPath: try Self.executable())
        launched.process.arguments = arguments
        launched.process.environment = environment
        launched.process.currentDirectoryURL = URL(fileURLWithPath: directory)
        launched.process.standardOutput = FileHandle(forWritingAtPath: launched.outPath)
        launched.process.standardError = FileHandle(forWritingAtPath: launched.errPath)
        try launched.process.run()
        return launched
    }

    /// Every stdout line as a JSON object (an issue for each line that is not one).
    static func objects(_ run: Run, sourceLocation: SourceLocation = #_sourceLocation) -> [[String: Any]] {
        run.lines.compactMap { line in
            let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            if object == nil { Issue.record("not a JSON object: \(line)", sourceLocation: sourceLocation) }
            return object
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

extension SparkifyRunner {
    /// Runs `body` on a sandbox of its own (`sandbox up` with `arguments`), and always stops it after,
    /// even when `body` throws: a leaked sandbox keeps a PostgreSQL and a moto_server running.
    func withSandbox(_ arguments: [String], _ body: (_ profile: String) async throws -> Void) async throws {
        let state = directory + "/state"
        let up = try await run(["sandbox", "up", "--state", state, "--quiet"] + arguments)
        #expect(up.status == 0, "sandbox up: \(up.stderr)")
        var failure: (any Error)?
        do { try await body(state + "/profile.cfg") } catch { failure = error }
        _ = try? await run(["sandbox", "down", "--state", state, "--quiet"])
        if let failure { throw failure }
    }
}
