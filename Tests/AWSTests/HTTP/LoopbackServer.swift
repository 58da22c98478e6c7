@testable import AWS
import Foundation
import TestSupport

/// The tests' HTTP server on a free loopback port: ``loopbackServerScript`` run by python3. In `routes`
/// mode it serves fixed test routes (`tls`: the same over TLS with a self-signed certificate); in
/// `script` mode it records every request to a file and gives the answers the test listed, in order
/// (then 200 `<Ok/>`).
final class LoopbackServer: Sendable {
    enum Mode: String { case routes, tls, script }

    let port: Int
    let recordFile: String
    private let process: Process
    private let stdin: Pipe

    var baseURL: String { "http://127.0.0.1:\(port)" }

    typealias Answer = (status: Int, headers: [(String, String)], body: String)

    static func start(_ mode: Mode = .routes, answers: [Answer] = []) async throws -> LoopbackServer {
        let stem = FileManager.default.temporaryDirectory.path + "/sparkify-aws-\(UUID().uuidString)"
        let recordFile = stem + ".jsonl"
        let json = answers.map { [$0.status, $0.headers.map { [$0.0, $0.1] }, $0.body] as [Any] }
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: stem + ".json"))
        let script = stem + ".py"
        try loopbackServerScript.write(toFile: script, atomically: true, encoding: .utf8)
        let (process, stdin, port) = try await PythonServer.start(arguments: [script, mode.rawValue, recordFile, stem + ".json"])
        return LoopbackServer(port: port, recordFile: recordFile, process: process, stdin: stdin)
    }

    private init(port: Int, recordFile: String, process: Process, stdin: Pipe) {
        self.port = port
        self.recordFile = recordFile
        self.process = process
        self.stdin = stdin
    }

    deinit {
        try? stdin.fileHandleForWriting.close()
        process.terminate()
        try? FileManager.default.removeItem(atPath: recordFile)
        let stem = String(recordFile.dropLast(6))
        try? FileManager.default.removeItem(atPath: stem + ".json")
        try? FileManager.default.removeItem(atPath: stem + ".py")
    }

    /// Routes mode: the most slow requests (`/sleep`, `/slow/…`) the server has had in flight at once.
    func peakInFlight(client: HTTPClient = HTTPClient()) async throws -> Int {
        let response = try await client.execute(HTTPRequest(method: "GET", url: baseURL + "/peak"))
        return Int(String(decoding: response.body, as: UTF8.self)) ?? -1
    }

    /// Routes mode: returns once the server holds `count` slow requests at once — its own count, so a
    /// test cancels a request the server really has, whatever the machine's load.
    func untilInFlight(_ count: Int = 1) async throws {
        // One client, a short pause between looks: a tight loop of fresh clients starves the very
        // server (and machine) whose count it waits for.
        let client = HTTPClient()
        while try await peakInFlight(client: client) < count { try await Task.sleep(for: .milliseconds(20)) }
    }

    /// Script mode: the requests received so far.
    func recorded() throws -> [RecordedRequest] {
        guard let text = try? String(contentsOfFile: recordFile, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(RecordedRequest.self, from: Data($0.utf8)) }
    }
}

struct RecordedRequest: Decodable, Sendable {
    let method: String
    let path: String
    let headers: [[String]]
    let body: String

    func header(_ name: String) -> String? {
        headers.first { $0[0].caseInsensitiveCompare(name) == .orderedSame }?[1]
    }
}

