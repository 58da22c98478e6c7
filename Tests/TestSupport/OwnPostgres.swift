import Config
import Foundation
import Sandbox

/// A PostgreSQL of one test's own, for tests that stop and restart the server under a client (the
/// shared one serves every other test in the process and must stay up).
public struct OwnPostgres: Sendable {
    private let server: PostgresServer
    private let directory: String

    /// Initializes and starts it on a free loopback port.
    public static func start() async throws -> OwnPostgres {
        let directory = try TemporaryDirectory.make("own-pg")
        let server = try await TestServerPool.startedPostgres(in: directory, database: "sparkify_test")
        return OwnPostgres(server: server, directory: directory)
    }

    public var settings: DatabaseSettings { server.settings }

    /// `pg_ctl stop -m fast`: every session is ended, as when an operator stops the server.
    public func stop() async throws { try await server.stop() }

    public func restart() async throws { try await server.start() }

    /// Stops it for good and removes its files.
    public func remove() async {
        try? await server.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
