import Config
import Foundation
import Testing
import TestSupport
@testable import Sandbox

@Suite struct PostgresServerTests {
    @Test func startsWithPasswordAuthenticationAndStopsLeavingNothing() async throws {
        let directory = try TemporaryDirectory.make("pg-lifecycle")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = try LoopbackPort.free()
        let server = try PostgresServer(.init(directory: directory, port: port, user: "owner", database: "lifecycle",
                                              password: GeneratedPassword.make(), durable: false))
        try await server.start()
        let pid = try #require(server.postmasterPID)
        #expect(try await server.isRunning())
        #expect(LoopbackPort.isListening(port))

        #expect(try psql(server.settings, password: server.configuration.password.reveal()) == "lifecycle owner\n")
        #expect(throws: SandboxError.self) { try psql(server.settings, password: "wrong") }

        try await server.stop()
        #expect(!Subprocess.isAlive(pid))
        #expect(LoopbackPort.isFree(port))
        #expect(try await !server.isRunning())

        // A second start reuses the cluster (no initdb, the database is still there).
        try await server.start()
        #expect(try psql(server.settings, password: server.configuration.password.reveal()) == "lifecycle owner\n")
        try await server.stop()
        #expect(LoopbackPort.isFree(port))
    }

    @Test func aBusyPortIsReportedAndNothingKeepsRunning() async throws {
        let directory = try TemporaryDirectory.make("pg-busy")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = try LoopbackPort.free()
        let listener = try Listener(port: port)
        defer { listener.close() }
        let server = try PostgresServer(.init(directory: directory, port: port, user: "owner", database: "busy",
                                              password: GeneratedPassword.make(), durable: false))
        await #expect {
            try await server.start()
        } throws: { error in
            guard case SandboxError.portBusy(port, "PostgreSQL", _) = error else { return false }
            return (error as! SandboxError).isUsageError
        }
        #expect(try await !server.isRunning())
    }

    @Test func testServersHandOutOnePasswordProtectedDatabase() async throws {
        let settings = try await TestServers.postgres()
        let again = try await TestServers.postgres()
        #expect(settings == again)
        #expect(settings.host == "127.0.0.1")
        let password = try #require(settings.password)
        #expect(try psql(settings, password: password.reveal()) == "sparkify_test sparkify\n")
    }

    private func psql(_ settings: DatabaseSettings, password: String) throws -> String {
        var settings = settings
        settings.password = Secret(password)
        return try PSQL.query("SELECT current_database(), current_user", settings)
    }
}

/// psql over TCP, the password in the environment (never on the command line).
enum PSQL {
    static func query(_ sql: String, _ settings: DatabaseSettings) throws -> String {
        let bin = try PostgresInstallation.find().bin
        return try Subprocess.check([bin + "/psql", "-X", "-A", "-t", "-F", " ", "-h", settings.host,
                                     "-p", String(settings.port), "-U", settings.user, "-d", settings.database,
                                     "-c", sql],
                                    environment: ["PGPASSWORD": settings.password?.reveal() ?? "",
                                                  "PGCONNECT_TIMEOUT": "5"])
    }
}
