import Config
import Foundation
import TestSupport
import Testing
import Warehouse

/// `create-tables` and `counts` run as a script would, against the test PostgreSQL. Each test works in a
/// schema of its own, which the binary reaches through libpq's PGOPTIONS (search_path).
@Suite struct CreateTablesCommandTests {
    /// A runner whose dwh.cfg points at the test database, a fresh schema, and a connection into it.
    struct Setup {
        let runner: SparkifyRunner
        let connection: Connection
        let schema: String

        /// - Parameter extraConfig: more dwh.cfg lines after [CLUSTER] (e.g. an [S3] section).
        init(extraConfig: String = "") async throws {
            let settings = try await TestServers.postgres()
            schema = "cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
            connection = try await Connection.open(settings)
            try await connection.execute("CREATE SCHEMA \(schema)")
            try await connection.execute("SET search_path TO \(schema)")
            runner = try SparkifyRunner(environment: ["PGOPTIONS": "-c search_path=\(schema)"])
            let config = """
                [CLUSTER]
                HOST=\(settings.host)
                DB_NAME=\(settings.database)
                DB_USER=\(settings.user)
                DB_PASSWORD=\(settings.password?.reveal() ?? "")
                DB_PORT=\(settings.port)
                \(extraConfig)
                """
            FileManager.default.createFile(atPath: runner.directory + "/dwh.cfg", contents: Data(config.utf8),
                                           attributes: [.posixPermissions: 0o600])
        }

        func tearDown() async throws {
            try await connection.execute("DROP SCHEMA \(schema) CASCADE")
            await connection.close()
            runner.remove()
        }
    }

    @Test func createsTheTablesThenRefusesToDropRowsWithoutYes() async throws {
        let setup = try await Setup()
        let created = try await setup.runner.run(["create-tables"])
        #expect(created.status == 0)
        #expect(created.lines == [
            "created staging_events, staging_songs, songplays, users, songs, artists, time — 7 tables created (postgres); kept etl_runs and load_errors; emptied etl_objects (the next --incremental run loads everything)",
        ])
        try await setup.connection.execute("INSERT INTO users (user_id) VALUES ('1')")
        try await setup.connection.execute("INSERT INTO staging_songs (song_id) VALUES ('a'), ('b')")

        let refused = try await setup.runner.run(["create-tables"])
        #expect(refused.status == 2)
        #expect(refused.stderr == """
            error: Create tables drops staging_songs (2 rows) and users (1 row) and creates them empty. Run `sparkify create-tables --yes` to confirm.

            """)
        #expect(try await setup.connection.execute("SELECT count(*) FROM users").scalar == "1")

        let confirmed = try await setup.runner.run(["create-tables", "--yes", "--json"])
        #expect(confirmed.status == 0)
        // --json: every event of the engine, one object per line; the step's result among them.
        let objects = try confirmed.lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let result = objects.first { $0["event"] as? String == "result" }
        #expect(result?["step"] as? String == "create_tables")
        #expect(result?["outcome"] as? String == "succeeded")
        #expect(result?["detail"] as? String == "7 tables created (postgres)")
        let counts = objects.last { $0["event"] as? String == "counts" }?["tables"] as? [String: Int]
        #expect(counts?["users"] == 0)
        #expect(try await setup.connection.execute("SELECT count(*) FROM users").scalar == "0")
        try await setup.tearDown()
    }

    @Test func countsPrintsEveryTableAsJSON() async throws {
        let setup = try await Setup()
        let before = try await setup.runner.run(["counts", "--json"])
        #expect(before.status == 0, "\(before.stderr)")
        // The engine's events, then step R's result with PRODUCT §5's tables and time of the count.
        let result = try #require(SparkifyRunner.objects(before).last)
        #expect(result["event"] as? String == "result")
        #expect(result["step"] as? String == "counts")
        let tables = try #require(result["tables"] as? [String: Any])
        #expect(tables.keys.sorted() == ["artists", "songplays", "songs", "staging_events", "staging_songs", "time", "users"])
        #expect(tables.values.allSatisfy { $0 is NSNull })
        #expect((result["at"] as? String).flatMap { try? Date($0, strategy: .iso8601) } != nil)
        #expect(try await setup.runner.run(["create-tables"]).status == 0)
        try await setup.connection.execute("INSERT INTO time (start_time) VALUES ('2018-11-01'), ('2018-11-02')")
        let after = try await setup.runner.run(["counts"])
        #expect(after.status == 0)
        #expect(Array(after.lines.prefix(7)) == [
            "staging_events           0", "staging_songs            0", "songplays                0",
            "users                    0", "songs                    0", "artists                  0",
            "time                     2",
        ])
        #expect(after.lines.last?.hasPrefix("counted at ") == true)
        try await setup.tearDown()
    }

    /// Without --config or ./dwh.cfg, counts finds the sandbox running in the default state directory,
    /// as check and etl do.
    @Test func countsFindsTheRunningSandboxWithoutAConfig() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let state = try #require(runner.environment["XDG_STATE_HOME"]) + "/sparkify"
        let up = try await runner.run(["sandbox", "up", "--state", state, "--scale", "0.01", "--quiet"])
        #expect(up.status == 0, "\(up.stderr)")
        let counts = try await runner.run(["counts", "--json"])
        _ = try await runner.run(["sandbox", "down", "--state", state, "--quiet"])
        #expect(counts.status == 0, "\(counts.stderr)")
        let result = SparkifyRunner.objects(counts).last
        #expect(result?["outcome"] as? String == "succeeded", "\(counts.stdout)")
        #expect((result?["tables"] as? [String: Any])?.count == 7)
    }

    @Test func withoutAConfigItIsAUsageError() async throws {
        let runner = try SparkifyRunner(environment: ["XDG_STATE_HOME": "/nonexistent-state"])
        defer { runner.remove() }
        let run = try await runner.run(["counts"])
        #expect(run.status == 2)
        #expect(run.stderr == "error: cannot read dwh.cfg: no such file: pass --config FILE, create ./dwh.cfg, or run `sparkify sandbox up`\n")
    }

    @Test func anUnreachableDatabaseFailsWithExitOne() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        FileManager.default.createFile(atPath: runner.directory + "/dwh.cfg",
                                       contents: Data("[CLUSTER]\nHOST=127.0.0.1\nDB_PORT=1\nDB_NAME=d\nDB_USER=u\n".utf8))
        let run = try await runner.run(["create-tables"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error: C Create tables: database unreachable (step 4): cannot connect to the database: u@127.0.0.1:1/d: "))
        #expect(run.stderr.contains("hint: check [CLUSTER] HOST, DB_PORT"))
    }
}
