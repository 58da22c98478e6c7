import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// TCP ports on 127.0.0.1: finding a free one, telling whether one is taken, and asking an HTTP server
/// whether it answers. Everything here is loopback-only and returns within a second.
public enum LoopbackPort {
    /// A port free right now, for a server to listen on. Taken from just below the kernel's ephemeral
    /// range: outgoing connections get their local ports from that range, so a port picked inside it
    /// can be taken by any client's connect() before the server binds it (seen under the test suite's
    /// load). Falls back to the kernel's pick when nothing below the range is free.
    public static func free() throws(SandboxError) -> Int {
        let range = serverPorts(belowEphemeral: ephemeralRange())
        for _ in 0..<64 {
            let port = Int.random(in: range)
            if isFree(port) { return port }
        }
        return try kernelPick()
    }

    /// The ports `free()` draws from: the 10,000 below the ephemeral range, never below 1024.
    static func serverPorts(belowEphemeral ephemeral: ClosedRange<Int>) -> ClosedRange<Int> {
        let top = max(ephemeral.lowerBound - 1, 2048)
        return max(1024, top - 9_999)...top
    }

    /// `/proc/sys/net/ipv4/ip_local_port_range`; Linux's default when it cannot be read.
    static func ephemeralRange() -> ClosedRange<Int> {
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        let bounds = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard bounds.count == 2, bounds[0] <= bounds[1] else { return 32768...60999 }
        return bounds[0]...bounds[1]
    }

    /// Bind to port 0, read it back, close.
    private static func kernelPick() throws(SandboxError) -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .system(call: "socket", errno: errno) }
        defer { close(fd) }
        var address = loopback(port: 0)
        guard withSockaddr(&address, { bind(fd, $0, $1) }) == 0 else { throw .system(call: "bind", errno: errno) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        guard withUnsafeMutablePointer(to: &address, {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }) == 0 else { throw .system(call: "getsockname", errno: errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts a server on a free port, picking another when something takes the port between the pick
    /// and the server's bind (``SandboxError/portBusy(port:service:hint:)`` from the start).
    public static func startOnFreePort<T>(attempts: Int = 4, avoiding taken: Int? = nil,
                                          _ start: (Int) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            var port = try free()
            while port == taken { port = try free() }
            do {
                return try await start(port)
            } catch SandboxError.portBusy where attempt < attempts {
                attempt += 1
            }
        }
    }

    /// Whether a server could bind `port` on 127.0.0.1 now (nothing listens there, nothing holds it).
    public static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var reuse: Int32 = 1  // servers set SO_REUSEADDR too, so TIME_WAIT leftovers do not count as busy
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port: port)
        return withSockaddr(&address, { bind(fd, $0, $1) }) == 0
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    public static func isListening(_ port: Int) -> Bool {
        guard let fd = connected(port) else { return false }
        close(fd)
        return true
    }

    /// The status code of `GET path` over HTTP/1.0, or nil when nothing answers in time.
    static func httpStatus(_ port: Int, path: String = "/") -> Int? {
        guard let fd = connected(port) else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8)
        guard send(fd, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else { return nil }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count >= 12 else { return nil }
        // "HTTP/1.1 200 OK"
        let line = String(decoding: buffer[0..<count], as: UTF8.self)
        let parts = line.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/") else { return nil }
        return Int(parts[1])
    }

    private static func connected(_ port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = loopback(port: port)
        guard withSockaddr(&address, { connect(fd, $0, $1) }) == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    private static func withSockaddr(_ address: inout sockaddr_in,
                                     _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) -> Int32 {
        withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
}
