import Foundation
import Testing
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
