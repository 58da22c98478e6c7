import Config
import Foundation

/// One moto_server per test process, started on first use (in-process `ThreadedMotoServer` on a free
/// port; it exits when the test process does). Stands in until TestSupport's `TestServers.moto()`.
actor MotoFixture {
    static let shared = MotoFixture()
    private var start: Task<AWSSettings, Error>?

    static func settings(region: String = "us-east-1") async throws -> AWSSettings {
        var settings = try await shared.settings()
        settings.region = region
        return settings
    }

    private func settings() async throws -> AWSSettings {
        if start == nil {
            start = Task {
                let script = """
                    import sys
                    from moto.server import ThreadedMotoServer
                    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
                    server.start()
                    print(server._server.server_port, flush=True)
                    sys.stdin.read()
                    """
                let (process, stdin, port) = try await PythonServer.start(arguments: ["-c", script])
                self.server = (process, stdin)
                return AWSSettings(credentials: AWSCredentials(accessKeyID: "testing", secretAccessKey: Secret("testing"),
                                                               source: "test moto"),
                                   region: "us-east-1", endpoint: "http://127.0.0.1:\(port)")
            }
        }
        return try await start!.value
    }

    /// The server lives as long as its stdin pipe stays open: for the whole process.
    private var server: (Process, Pipe)?
}

/// A bucket name no other test uses.
func uniqueBucket(_ label: String) -> String {
    "sparkify-\(label)-\(UUID().uuidString.prefix(8).lowercased())"
}
