import Config
import Foundation
import Sandbox

/// Loopback servers for tests: one PostgreSQL and one moto_server per test process, each started on
/// first use on a free port and stopped (temp directories removed) when the process exits. Tests share
/// them, so each test uses names of its own (schemas, tables, buckets).
public enum TestServers {
    /// A private PostgreSQL with password authentication; `password` is set.
    public static func postgres() async throws -> DatabaseSettings {
        try await TestServerPool.shared.postgres()
    }

    /// moto_server; credentials `testing` / `testing`, region us-east-1, endpoint http://127.0.0.1:PORT.
    public static func moto() async throws -> AWSSettings {
        try await TestServerPool.shared.moto()
    }

    /// A moto_server of the calling test's own (stopped at exit), for a test that reads moto's whole
    /// state (`/moto-api/data.json`), which the shared one's hundreds of tests make large and fragile.
    public static func ownMoto() async throws -> AWSSettings {
        try await TestServerPool.startMoto()
    }
}

/// Starts each server once; concurrent first callers wait for the same start.
actor TestServerPool {
    static let shared = TestServerPool()

    private var postgresStart: Task<DatabaseSettings, Error>?
    private var motoStart: Task<AWSSettings, Error>?

    func postgres() async throws -> DatabaseSettings {
        if postgresStart == nil { postgresStart = Task { try await Self.startPostgres() } }
        return try await postgresStart!.value
    }

    func moto() async throws -> AWSSettings {
        if motoStart == nil { motoStart = Task { try await Self.startMoto() } }
        return try await motoStart!.value
    }

    private static func startPostgres() async throws -> DatabaseSettings {
        let directory = try TemporaryDirectory.make("pg")
        return try await startedPostgres(in: directory, database: "sparkify_test").settings
    }

    /// A throw-away PostgreSQL (user `sparkify`, a generated password) started in `directory` on a
    /// free port; stopped and its directory removed when the process exits.
    static func startedPostgres(in directory: String, database: String) async throws -> PostgresServer {
        ExitCleanup.register { try? FileManager.default.removeItem(atPath: directory) }
        let password = GeneratedPassword.make()
        return try await LoopbackPort.startOnFreePort { port in
            let server = try PostgresServer(.init(directory: directory, port: port, user: "sparkify",
                                                  database: database, password: password, durable: false))
            ExitCleanup.register { server.stopBlocking() }
            try await server.start()
            return server
        }
    }

    static func startMoto() async throws -> AWSSettings {
        let directory = try TemporaryDirectory.make("moto")
        ExitCleanup.register { try? FileManager.default.removeItem(atPath: directory) }
        let server = try await LoopbackPort.startOnFreePort { port in
            let server = try MotoServer(port: port, logFile: directory + "/moto.log")
            let pid = try await server.start()
            ExitCleanup.register { server.stopBlocking(pid: pid) }
            return server
        }
        return AWSSettings(credentials: AWSCredentials(accessKeyID: "testing", secretAccessKey: Secret("testing"),
                                                       source: "test moto_server"),
                           region: "us-east-1", endpoint: server.endpoint)
    }
}
