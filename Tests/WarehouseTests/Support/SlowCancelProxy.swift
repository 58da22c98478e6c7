import Foundation
import TestSupport

/// A loopback TCP proxy in front of PostgreSQL that passes the first connection straight through and
/// holds every later one — libpq's cancel requests — for `delay` seconds before it reaches the server:
/// a cancel that arrives late, on demand.
final class SlowCancelProxy: Sendable {
    let port: Int
    private let process: Process
    private let stdin: Pipe

    private init(port: Int, process: Process, stdin: Pipe) {
        self.port = port
        self.process = process
        self.stdin = stdin
    }

    static func start(upstream port: Int, delay: Double) async throws -> SlowCancelProxy {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("sparkify-slow-cancel-\(UUID()).py").path
        try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: script) }
        let (process, stdin, listening) = try await PythonServer.start(arguments: [script, "\(port)", "\(delay)"])
        return SlowCancelProxy(port: listening, process: process, stdin: stdin)
    }

    /// Ends the proxy without waiting for it (a wait would block a thread of the concurrency pool).
    func stop() {
        try? stdin.fileHandleForWriting.close()
        process.terminate()
    }

    private static let script = #"""
        import socket, sys, threading, time
        upstream, delay = int(sys.argv[1]), float(sys.argv[2])
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        print(listener.getsockname()[1], flush=True)

        def pump(source, sink):
            try:
                while True:
                    data = source.recv(65536)
                    if not data:
                        break
                    sink.sendall(data)
            except OSError:
                pass
            finally:
                try:
                    sink.shutdown(socket.SHUT_WR)
                except OSError:
                    pass

        def forward(client, held):
            if held:
                time.sleep(delay)
            server = socket.create_connection(("127.0.0.1", upstream))
            threading.Thread(target=pump, args=(client, server), daemon=True).start()
            threading.Thread(target=pump, args=(server, client), daemon=True).start()

        def serve():
            first = True
            while True:
                client, _ = listener.accept()
                threading.Thread(target=forward, args=(client, not first), daemon=True).start()
                first = False

        threading.Thread(target=serve, daemon=True).start()
        sys.stdin.read()
        """#
}
