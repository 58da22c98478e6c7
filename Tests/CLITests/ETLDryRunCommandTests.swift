import Config
import Foundation
import TestSupport
import Testing
import Warehouse

/// `sparkify etl --dry-run` on the built binary: the Redshift path's SQL pinned end to end, and a dry run
/// against a database that changes nothing in it.
@Suite struct ETLDryRunCommandTests {
    typealias Setup = CreateTablesCommandTests.Setup

    /// A config shaped like the sandbox's profile (database, moto, the udacity-dend keys) with a role ARN,
    /// as after `iac up`; the operator's AWS region is us-east-1, the bucket's us-west-2.
    static func profile(moto: String, extraS3: String = "") -> String {
        """
        \(UdacityConfig.roleAndSources)
        \(extraS3)
        [AWS]
        KEY=testing
        SECRET=testing
        ENDPOINT=\(moto)
        REGION=us-east-1
        """
    }

    @Test func redshiftDryRunShowsTheCopiesWithTheBucketsRegionWithoutConnecting() async throws {
        let moto = try #require(try await TestServers.moto().endpoint)
        let setup = try await Setup(extraConfig: Self.profile(moto: moto))
        var runner = setup.runner
        runner.environment["AWS_REGION"] = "us-east-1"
        // Nothing listens on this database port: with --dialect the plan needs no database.
        let config = try String(contentsOfFile: runner.directory + "/dwh.cfg", encoding: .utf8)
            .replacingOccurrences(of: "DB_PORT=", with: "DB_PORT=1\n#")
        try Data(config.utf8).write(to: URL(fileURLWithPath: runner.directory + "/dwh.cfg"))

        let run = try await runner.run(["etl", "--dry-run", "--dialect", "redshift"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.lines
        let events = try #require(lines.firstIndex(of: "-- staging_events: reads s3://udacity-dend/log_data, s3://udacity-dend/log_json_path.json"))
        #expect(Array(lines[(events + 1)...].prefix(13)) == [
            "BEGIN;",
            "DELETE FROM staging_events;",
            "SELECT pg_last_copy_id();",
            "COPY staging_events (artist, auth, firstName, gender, itemInSession, lastName, length, level, location, method, page, registration, sessionId, song, status, ts, userAgent, userId)",
            "FROM 's3://udacity-dend/log_data'",
            "IAM_ROLE 'arn:aws:iam::123456789012:role/dwhRole'",
            "FORMAT AS JSON 's3://udacity-dend/log_json_path.json'",
            "REGION 'us-west-2'",
            "TIMEFORMAT 'epochmillisecs'",
            "COMPUPDATE OFF STATUPDATE OFF",
            "MAXERROR 0;",
            "SELECT pg_last_copy_count(), pg_last_copy_id();",
            "COMMIT;",
        ])
        #expect(lines.contains("FORMAT AS JSON 'auto'"))
        #expect(lines.filter { $0 == "REGION 'us-west-2'" }.count == 2)
        #expect(lines.contains("-- checks"))
        #expect(lines.contains("DELETE FROM songplays;"))

        let json = try await runner.run(["etl", "--dry-run", "--dialect", "redshift", "--json", "--stage", "staging_songs", "--max-error", "7"])
        #expect(json.status == 0, "\(json.stderr)")
        // Besides the plan, the lines carry the AWS calls that asked S3 where the bucket is (no S3 answers
        // here, so a warning says the region was assumed).
        let all = try json.lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let objects = all.filter { $0["event"] as? String == "planned_stage" }
        #expect(objects.count == 1)
        #expect(objects[0]["event"] as? String == "planned_stage")
        #expect(objects[0]["dialect"] as? String == "redshift")
        #expect(objects[0]["reads"] as? [String] == ["s3://udacity-dend/song_data"])
        let copy = try #require((objects[0]["statements"] as? [String])?.first { $0.hasPrefix("COPY staging_songs") })
        #expect(copy.contains("\nREGION 'us-west-2'\n") && copy.hasSuffix("\nMAXERROR 7"))
        try await setup.tearDown()
    }

    @Test func aBucketInTheClustersRegionGetsNoRegionClause() async throws {
        let moto = try #require(try await TestServers.moto().endpoint)
        let setup = try await Setup(extraConfig: Self.profile(moto: moto, extraS3: "REGION=us-east-1"))
        var runner = setup.runner
        runner.environment["AWS_REGION"] = "us-east-1"
        let run = try await runner.run(["etl", "--dry-run", "--dialect", "redshift", "--stage", "staging_events"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.contains("COPY staging_events (artist, auth, firstName, gender, itemInSession, lastName, length, level, location, method, page, registration, sessionId, song, status, ts, userAgent, userId)"))
        #expect(!run.lines.contains { $0.hasPrefix("REGION") })
        try await setup.tearDown()
    }

    @Test func aDryRunOnTheDatabaseChangesNothingInIt() async throws {
        let moto = try #require(try await TestServers.moto().endpoint)
        let setup = try await Setup(extraConfig: Self.profile(moto: moto))
        #expect(try await setup.runner.run(["create-tables"]).status == 0)
        try await setup.connection.execute("INSERT INTO users (user_id, first_name) VALUES ('7', 'before')")
        try await setup.connection.execute("INSERT INTO staging_songs (song_id) VALUES ('S1'), ('S2')")
        // An earlier run's history, which a real run would add to.
        #expect(try await setup.runner.run(["etl", "--stage", "users"]).status == 0)
        let before = try await Self.snapshot(setup)

        let run = try await setup.runner.run(["etl", "--dry-run"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.first == "-- sparkify etl --dry-run (postgres): nothing below was executed.")
        #expect(run.lines.contains("TRUNCATE staging_events;"))
        #expect(try await Self.snapshot(setup) == before)
        try await setup.tearDown()
    }

    @Test func withoutADatabaseOrADialectItSaysWhatToPass() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        FileManager.default.createFile(atPath: runner.directory + "/dwh.cfg", contents: Data(UdacityConfig.roleAndSources.utf8),
                                       attributes: [.posixPermissions: 0o600])
        let run = try await runner.run(["etl", "--dry-run"])
        #expect(run.status == 2)
        // No [CLUSTER] and no AWS to make one: the config error names the section (a dry run on a named
        // dialect needs neither; see redshiftDryRunShowsTheCopiesWithTheBucketsRegionWithoutConnecting).
        #expect(run.stderr.hasPrefix("error: "), "\(run.stderr)")
        #expect(run.stderr.contains("[CLUSTER]"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func onASandboxProfileTheCopiesUseTheRoleIacUpMade() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let data = runner.directory + "/data"
        #expect(try await runner.run(["generate", "--out", data, "--scale", "0.01", "--quiet"]).status == 0)
        try await runner.withSandbox(["--data", data]) { profile in
            let before = try await runner.run(["etl", "--dry-run", "--dialect", "redshift", "--config", profile])
            #expect(before.status == 2)
            #expect(before.stderr.contains("([IAM_ROLE] ARN) is missing: run `sparkify iac up`"), "\(before.stderr)")

            #expect(try await runner.run(["iac", "up", "--config", profile, "--quiet"]).status == 0)
            let sameRegion = try await runner.run(["etl", "--dry-run", "--dialect", "redshift", "--config", profile, "--stage", "staging_events"])
            #expect(sameRegion.status == 0, "\(sameRegion.stderr)")
            #expect(sameRegion.lines.contains { $0.hasPrefix("IAM_ROLE 'arn:aws:iam::") && $0.hasSuffix(":role/dwhRole'") })
            #expect(!sameRegion.lines.contains { $0.hasPrefix("REGION ") }, "the sandbox's region is the bucket's: \(sameRegion.stdout)")

            var east = runner
            east.environment["AWS_REGION"] = "us-east-1"
            let otherRegion = try await east.run(["etl", "--dry-run", "--dialect", "redshift", "--config", profile, "--stage", "staging_events"])
            #expect(otherRegion.status == 0, "\(otherRegion.stderr)")
            #expect(otherRegion.lines.contains("REGION 'us-west-2'"))
        }
    }

    /// Every table of the test's schema with a digest of all its rows.
    static func snapshot(_ setup: Setup) async throws -> [String: String] {
        let tables = try await setup.connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1", [setup.schema]).rows
        var digests: [String: String] = [:]
        for case let table? in tables.map({ $0.first ?? nil }) {
            digests[table] = try await setup.connection.execute(
                "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \(table) t").scalar ?? ""
        }
        return digests
    }
}
