import Foundation

/// Runs the built `sparkify` as a script would: its own working directory, a HOME without ~/.aws, an
/// environment the test chooses. Output goes through files, so large outputs cannot fill a pipe.
struct SparkifyRunner {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String

        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
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

    func run(_ arguments: [String]) async throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.executable())
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let id = UUID().uuidString
        let outPath = directory + "/.stdout-" + id, errPath = directory + "/.stderr-" + id
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        return Run(status: status, stdout: try String(contentsOfFile: outPath, encoding: .utf8),
                   stderr: try String(contentsOfFile: errPath, encoding: .utf8))
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
