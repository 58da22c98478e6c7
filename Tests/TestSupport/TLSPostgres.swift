import Config
import Foundation
import Sandbox

/// A private PostgreSQL of its own that speaks TLS with a self-signed certificate for 127.0.0.1 (IP SAN),
/// for tests of `sslmode=verify-full`. Started per call (about a second) and stopped by `stop()` or at
/// process exit: the shared test server stays as every other test expects it.
public struct TLSPostgres: Sendable {
    /// 127.0.0.1, with `tls` unset: the test chooses the mode.
    public let settings: DatabaseSettings
    /// The server's certificate, which is its own root.
    public let rootCertificate: String
    /// A certificate that did not sign the server's.
    public let foreignCertificate: String
    let server: PostgresServer
    let directory: String

    public static func start() async throws -> TLSPostgres {
        let directory = try TemporaryDirectory.make("pgtls")
        // First start creates the cluster; then TLS is switched on and the server restarted with it.
        let server = try await TestServerPool.startedPostgres(in: directory, database: "sparkify_tls")
        try await server.stop()
        let certificate = directory + "/data/server.crt", key = directory + "/data/server.key"
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                     "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate])
        let foreign = directory + "/foreign.crt"
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                     "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", directory + "/foreign.key", "-out", foreign])
        let serverOwner = try FileManager.default.attributesOfItem(atPath: directory + "/data")[.ownerAccountID]
        for file in [certificate, key] {
            // The server refuses a key others can read, and must own it.
            try FileManager.default.setAttributes([.posixPermissions: 0o600, .ownerAccountID: serverOwner as Any], ofItemAtPath: file)
        }
        let conf = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/data/postgresql.conf"))
        try conf.seekToEnd()
        try conf.write(contentsOf: Data("\nssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n".utf8))
        try conf.close()
        try await server.start()
        return TLSPostgres(settings: server.settings, rootCertificate: certificate, foreignCertificate: foreign,
                           server: server, directory: directory)
    }

    public func stop() async {
        try? await server.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SandboxError.state(path: "/usr/bin/openssl", reason: "openssl \(arguments.first ?? "") exited \(process.terminationStatus)")
        }
    }
}
