import Foundation

public struct TestServerError: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// A Python program that prints its port on the first line of stdout and serves until its stdin
/// closes — so it never outlives the test process, however that ends.
public enum PythonServer {
    public static func start(arguments: [String]) async throws -> (Process, Pipe, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let line = try await OffPool.run {
            var data = Data()
            while !data.contains(UInt8(ascii: "\n")) {
                let chunk = stdout.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                data.append(chunk)
            }
            return String(decoding: data, as: UTF8.self)
        }
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw TestServerError(message: "\(arguments.first ?? "python") did not print its port: \(line)")
        }
        return (process, stdin, port)
    }
}

/// Runs blocking work (pipe reads, process waits) on a dispatch thread, not the concurrency pool.
public enum OffPool {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
