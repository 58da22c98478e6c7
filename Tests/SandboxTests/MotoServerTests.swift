import Config
import Foundation
import Testing
import TestSupport
@testable import Sandbox

@Suite struct MotoServerTests {
    @Test func startsAnsweringAndStopsLeavingNothing() async throws {
        let directory = try TemporaryDirectory.make("moto-lifecycle")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = try LoopbackPort.free()
        let server = try MotoServer(port: port, logFile: directory + "/moto.log")
        let pid = try await server.start()
        #expect(server.isRunning(pid: pid))
        // moto answers one request at a time; while other tests seed thousands of objects a probe may
        // wait, so it gets several tries.
        var status: Int?
        for _ in 0..<15 where status != 200 {
            status = LoopbackPort.httpStatus(port, path: "/moto-api/")
            if status != 200 { try await Task.sleep(for: .seconds(1)) }
        }
        #expect(status == 200)

        await server.stop(pid: pid)
        #expect(!Subprocess.isAlive(pid))
        #expect(!server.isRunning(pid: pid))
        #expect(LoopbackPort.isFree(port))
    }

    @Test func aMissingBinarySaysHowToInstallIt() {
        #expect(throws: SandboxError.self) { try MotoServer(port: 1, logFile: "/dev/null", path: "/nonexistent") }
        #expect(SandboxError.motoMissing.description
                == "moto_server not found on PATH. Install it: `pip install 'moto[server]'`.")
    }

    @Test func aBusyPortIsReported() async throws {
        let port = try LoopbackPort.free()
        let listener = try Listener(port: port)
        defer { listener.close() }
        let server = try MotoServer(port: port, logFile: "/dev/null")
        await #expect {
            _ = try await server.start()
        } throws: { error in
            guard case SandboxError.portBusy(port, "moto_server", _) = error else { return false }
            return true
        }
    }

    @Test func testServersHandOutOneMotoWithTestCredentials() async throws {
        let settings = try await TestServers.moto()
        let again = try await TestServers.moto()
        #expect(settings.endpoint == again.endpoint)
        #expect(settings.region == "us-east-1")
        #expect(settings.credentials?.accessKeyID == "testing")
        #expect(settings.credentials?.secretAccessKey.reveal() == "testing")
        let port = try #require(settings.endpoint.flatMap { URL(string: $0)?.port })
        #expect(settings.endpoint == "http://127.0.0.1:\(port)")
        // moto answers one request at a time; while other tests seed thousands of objects a probe may
        // wait, so it gets several tries.
        var status: Int?
        for _ in 0..<15 where status != 200 {
            status = LoopbackPort.httpStatus(port, path: "/moto-api/")
            if status != 200 { try await Task.sleep(for: .seconds(1)) }
        }
        #expect(status == 200)
    }
}
