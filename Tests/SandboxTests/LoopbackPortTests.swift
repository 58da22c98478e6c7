import Foundation
import Testing
import TestSupport
@testable import Sandbox
#if canImport(Glibc)
import Glibc
#endif

@Suite struct LoopbackPortTests {
    @Test func aFreePortIsFreeUntilSomethingListens() throws {
        let port = try LoopbackPort.free()
        #expect(LoopbackPort.isFree(port))
        #expect(!LoopbackPort.isListening(port))

        let listener = try Listener(port: port)
        #expect(!LoopbackPort.isFree(port))
        #expect(LoopbackPort.isListening(port))
        listener.close()
        #expect(LoopbackPort.isFree(port))
    }

    /// Outgoing connections take their local ports from the ephemeral range, so a server's port comes
    /// from below it: no client's connect() can take it between the pick and the server's bind.
    @Test func serverPortsComeFromBelowTheEphemeralRange() throws {
        #expect(LoopbackPort.serverPorts(belowEphemeral: 32768...60999) == 22768...32767)
        #expect(LoopbackPort.serverPorts(belowEphemeral: 5000...65000) == 1024...4999)
        #expect(LoopbackPort.serverPorts(belowEphemeral: 1024...65535) == 1024...2048)
        let ephemeral = LoopbackPort.ephemeralRange()
        for _ in 0..<20 {
            #expect(!ephemeral.contains(try LoopbackPort.free()))
        }
    }

    @Test func aPortTakenBeforeTheServerBindsItIsReplacedByAnother() async throws {
        var tried: [Int] = []
        let port = try await LoopbackPort.startOnFreePort { port in
            tried.append(port)
            if tried.count < 3 { throw SandboxError.portBusy(port: port, service: "moto_server", hint: "") }
            return port
        }
        #expect(tried.count == 3)
        #expect(port == tried.last)
    }

    @Test func aServerThatKeepsLosingItsPortFailsAfterAFewTries() async throws {
        var tries = 0
        await #expect(throws: SandboxError.self) {
            try await LoopbackPort.startOnFreePort(attempts: 3) { port -> Int in
                tries += 1
                throw SandboxError.portBusy(port: port, service: "PostgreSQL", hint: "")
            }
        }
        #expect(tries == 3)
    }

    @Test func aFailureOtherThanABusyPortIsNotRetried() async throws {
        var tries = 0
        await #expect(throws: SandboxError.self) {
            try await LoopbackPort.startOnFreePort { port -> Int in
                tries += 1
                throw SandboxError.exited(service: "moto_server on port \(port)", log: "ImportError")
            }
        }
        #expect(tries == 1)
    }

    /// A log that earlier starts appended to is read from where this start began.
    @Test func aServersLogIsReadFromWhereThisStartBegan() throws {
        let directory = try TemporaryDirectory.make("logfile")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/moto.log"
        try "OSError: [Errno 98] Address already in use\n".write(toFile: path, atomically: true, encoding: .utf8)
        let start = LogFile.size(path)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("ModuleNotFoundError: No module named 'flask'\n".utf8))
        try handle.close()
        let log = LogFile.tail(path, since: start)
        #expect(log == "ModuleNotFoundError: No module named 'flask'")
        #expect(!LogFile.saysAddressInUse(log))
        #expect(LogFile.saysAddressInUse(LogFile.tail(path)))
        #expect(LogFile.size(directory + "/missing.log") == 0)
    }
}

/// A socket listening on 127.0.0.1:port, standing for "something else holds that port".
struct Listener {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else { throw SandboxError.system(call: "bind/listen", errno: errno) }
    }

    func close() { _ = Glibc.close(fd) }
}
