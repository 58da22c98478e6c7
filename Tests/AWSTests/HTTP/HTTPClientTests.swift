import Foundation
import Testing
@testable import AWS

/// The libcurl client against a real HTTP/1.1 server on loopback.
@Suite struct HTTPClientTests {
    let client = HTTPClient()

    @Test func getsABody() async throws {
        let server = try await LoopbackServer.start()
        let response = try await client.execute(HTTPRequest(method: "GET", url: server.baseURL + "/hello"))
        #expect(response.head.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "hello")
        #expect(response.head.header("content-length") == "5")
    }

    @Test func uploadsABodyAndSendsHeaders() async throws {
        let server = try await LoopbackServer.start()
        let body = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let response = try await client.execute(HTTPRequest(method: "PUT", url: server.baseURL + "/echo",
                                                            headers: [("X-Test", "a  b"), ("Content-Type", "text/plain")],
                                                            body: body))
        #expect(response.head.status == 200)
        #expect(response.head.header("X-Method") == "PUT")
        #expect(response.body == body)
        let headers = try JSONDecoder().decode([[String]].self, from: Data(response.head.header("X-Headers")!.utf8))
        #expect(headers.contains(["X-Test", "a  b"]))
        #expect(headers.contains(["Content-Length", "3000000"]))
        #expect(!headers.contains { $0[0] == "Expect" || $0[0] == "Accept" })
    }

    @Test func postsAnEmptyBody() async throws {
        let server = try await LoopbackServer.start()
        let response = try await client.execute(HTTPRequest(method: "POST", url: server.baseURL + "/echo"))
        #expect(response.head.header("X-Method") == "POST")
        #expect(response.body.isEmpty)
    }

    @Test func headHasNoBody() async throws {
        let server = try await LoopbackServer.start()
        let response = try await client.execute(HTTPRequest(method: "HEAD", url: server.baseURL + "/hello"))
        #expect(response.head.status == 200)
        #expect(response.head.header("Content-Length") == "5")
        #expect(response.body.isEmpty)
    }

    @Test func errorStatusIsAResponse() async throws {
        let server = try await LoopbackServer.start()
        let response = try await client.execute(HTTPRequest(method: "GET", url: server.baseURL + "/status/503?body=busy"))
        #expect(response.head.status == 503)
        #expect(String(decoding: response.body, as: UTF8.self) == "busy")
    }

    @Test func reusesTheConnection() async throws {
        let server = try await LoopbackServer.start()
        var ports: Set<String> = []
        for _ in 0..<5 {
            let response = try await client.execute(HTTPRequest(method: "GET", url: server.baseURL + "/hello"))
            ports.insert(response.head.header("X-Client-Port") ?? "?")
        }
        #expect(ports.count == 1)
    }

    @Test func runsTransfersConcurrently() async throws {
        let server = try await LoopbackServer.start()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await client.execute(HTTPRequest(method: "GET", url: server.baseURL + "/sleep?ms=1000")).head.status
                }
            }
            for try await status in group { #expect(status == 200) }
        }
        // The server saw them at the same time (counted by the server, so a loaded machine cannot fool it).
        #expect(try await server.peakInFlight() >= 10)
    }

    @Test func slowReaderPausesTheDownload() async throws {
        let server = try await LoopbackServer.start()
        let size = 64 << 20
        let id = UUID().uuidString
        let response = try await client.stream(HTTPRequest(method: "GET", url: server.baseURL + "/big?n=\(size)&id=\(id)"))
        var received = try await response.body.next()?.count ?? 0
        try await Task.sleep(for: .milliseconds(700))
        let progress = try await client.execute(HTTPRequest(method: "GET", url: server.baseURL + "/progress?id=\(id)"))
        let sent = Int(String(decoding: progress.body, as: UTF8.self)) ?? -1
        // The reader holds ~1 MB; the rest waits in socket buffers, far short of 64 MB.
        #expect(sent > 0 && sent < 24 << 20, "server sent \(sent) bytes to a reader that took one chunk")
        for try await chunk in response.body { received += chunk.count }
        #expect(received == size)
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        let server = try await LoopbackServer.start()
        // The server holds the request far longer than a loaded suite can delay this test between the
        // gate and the cancel (at load 45 that took over 20 s, and the answer came first).
        let task = Task { try await client.execute(HTTPRequest(method: "GET", url: server.baseURL + "/sleep?ms=300000")) }
        try await server.untilInFlight()
        // Timed from the cancel: starting the server and reaching the gate can take long on a loaded machine.
        let cancelled = ContinuousClock.now
        task.cancel()
        await #expect(throws: HTTPError.self) { try await task.value }
        do { _ = try await task.value } catch let error as HTTPError { #expect(error.kind == .cancelled) }
        // The server, holding the request, would answer minutes later.
        #expect(ContinuousClock.now - cancelled < .seconds(120))
    }

    @Test func abandoningABodyAbortsTheTransfer() async throws {
        let server = try await LoopbackServer.start()
        let id = UUID().uuidString
        do {
            let response = try await client.stream(HTTPRequest(method: "GET", url: server.baseURL + "/big?n=\(1 << 30)&id=\(id)"))
            _ = try await response.body.next()
        }
        try await Task.sleep(for: .milliseconds(500))
        let first = try await client.execute(HTTPRequest(method: "GET", url: server.baseURL + "/progress?id=\(id)"))
        try await Task.sleep(for: .milliseconds(300))
        let second = try await client.execute(HTTPRequest(method: "GET", url: server.baseURL + "/progress?id=\(id)"))
        #expect(first.body == second.body, "the server kept sending after the body was dropped")
    }

    @Test func timesOut() async throws {
        let server = try await LoopbackServer.start()
        let error = await #expect(throws: HTTPError.self) {
            try await client.execute(HTTPRequest(method: "GET", url: server.baseURL + "/sleep?ms=5000",
                                                 timeout: .milliseconds(300)))
        }
        #expect(error?.kind == .timeout)
        #expect(error?.isRetryable == true)
    }

    @Test func refusedConnectionIsAConnectError() async throws {
        let error = await #expect(throws: HTTPError.self) {
            try await client.execute(HTTPRequest(method: "GET", url: "http://127.0.0.1:1/"))
        }
        #expect(error?.kind == .connect)
        #expect(error?.message.hasPrefix("127.0.0.1: ") == true)
    }

    @Test func verifiesTLSCertificates() async throws {
        let server = try await LoopbackServer.start(.tls)
        let error = await #expect(throws: HTTPError.self) {
            try await client.execute(HTTPRequest(method: "GET", url: "https://127.0.0.1:\(server.port)/"))
        }
        #expect(error?.kind == .tls)
        #expect(error?.isRetryable == false)
    }
}
