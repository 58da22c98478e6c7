import Foundation
import Testing
import Warehouse

/// `insights`, `query`, `runs` and `load-errors` run as a script would, against the test PostgreSQL, each
/// test in a schema of its own (see ``CreateTablesCommandTests/Setup``).
@Suite struct AnalysisCommandTests {
    typealias Setup = CreateTablesCommandTests.Setup

    /// The tables, and three plays by two users: one matched to a song.
    static func fill(_ setup: Setup) async throws {
        #expect(try await setup.runner.run(["create-tables"]).status == 0)
        try await setup.connection.execute("""
            INSERT INTO users (user_id, first_name, last_name, gender, level) VALUES
              ('7', 'Ada', 'Lovelace', 'F', 'paid'), ('9', 'Alan', 'Turing', 'M', 'free')
            """)
        try await setup.connection.execute("INSERT INTO artists (artist_id, name) VALUES ('AR1', 'Artist One')")
        try await setup.connection.execute("INSERT INTO songs (song_id, title, artist_id) VALUES ('SO1', 'Song One', 'AR1')")
        try await setup.connection.execute("""
            INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id, location) VALUES
              (0, '2018-11-04 08:00:00', '7', 'paid', 'SO1', 'AR1', 1, 'London, UK'),
              (1, '2018-11-04 08:30:00', '7', 'free', NULL, NULL, 1, 'London, UK'),
              (2, '2018-11-05 20:00:00', '9', 'free', NULL, NULL, 2, 'Paris, FR')
            """)
        try await Transform.run(.time, on: setup.connection)
    }

    @Test func insightsPrintsOneJSONObject() async throws {
        let setup = try await Setup()
        try await Self.fill(setup)
        let run = try await setup.runner.run(["insights", "--json", "--top", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.count == 1)
        let hours = [Int](repeating: 0, count: 8) + [2] + [Int](repeating: 0, count: 11) + [1, 0, 0, 0]
        let json = try #require(run.lines.first)
        #expect(json.hasPrefix("""
            {"plays": 3, "matched_plays": 1, "users": 2, "by_hour": \(hours), "by_weekday": [2, 1, 0, 0, 0, 0, 0], \
            "by_level": {"free": 2, "paid": 1}, "users_by_level": {"free": 1, "paid": 1}, "by_day": [0, 0, 0, 2, 1], \
            "top_users": [{"user_id": "7", "first_name": "Ada", "last_name": "Lovelace", "level": "paid", "plays": 2}], \
            "top_locations": [{"location": "London, UK", "plays": 2}], \
            "top_songs": [{"song_id": "SO1", "title": "Song One", "artist": "Artist One", "plays": 1}], \
            "top_artists": [{"artist_id": "AR1", "name": "Artist One", "plays": 1}], "at": "
            """))
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])

        let text = try await setup.runner.run(["insights"])
        #expect(text.status == 0)
        #expect(text.lines.first == "3 plays by 2 users — 1 of 3 plays matched a song (33.3%)")
        #expect(text.lines.contains { $0.hasPrefix("08 ") && $0.hasSuffix(" 2") })
        try await setup.tearDown()
    }

    @Test func insightsBeforeTheTablesExistSayWhatIsMissing() async throws {
        let setup = try await Setup()
        let run = try await setup.runner.run(["insights"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error: database error 42P01: relation \"songplays\" does not exist"))
        try await setup.tearDown()
    }

    @Test func queryPrintsCSVAndRefusesWritesWithoutWrite() async throws {
        let setup = try await Setup()
        try await Self.fill(setup)
        let csv = try await setup.runner.run(["query", "SELECT level, count(*) FROM songplays GROUP BY 1 ORDER BY 1", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout == "level,count\nfree,2\npaid,1\n")

        let table = try await setup.runner.run(["query", "SELECT user_id, first_name FROM users ORDER BY 1;"])
        #expect(table.stdout == "user_id | first_name\n--------+-----------\n7       | Ada\n9       | Alan\n(2 rows)\n")

        let drop = try await setup.runner.run(["query", "DROP TABLE songplays"])
        #expect(drop.status == 2)
        #expect(drop.stderr.contains("25006"))
        #expect(drop.stderr.hasSuffix("error: queries are read-only: nothing was changed; pass --write to let this statement write\n"))
        #expect(try await setup.connection.execute("SELECT count(*) FROM songplays").scalar == "3")

        let write = try await setup.runner.run(["query", "DELETE FROM songplays WHERE user_id = '9'", "--write"])
        #expect(write.status == 0)
        #expect(write.stdout == "DELETE 1\n")
        #expect(try await setup.connection.execute("SELECT count(*) FROM songplays").scalar == "2")
        try await setup.tearDown()
    }

    @Test func aSyntaxErrorExitsOneWithItsSQLSTATEAndACaret() async throws {
        let setup = try await Setup()
        FileManager.default.createFile(atPath: setup.runner.directory + "/bad.sql", contents: Data("SELECT *\nFORM users;\n".utf8))
        let run = try await setup.runner.run(["query", "-f", "bad.sql"])
        #expect(run.status == 1)
        #expect(run.stderr == """
            error: database error 42601: syntax error at or near "FORM"
              statement: SELECT *
              LINE 2: FORM users
                      ^

            """)
        try await setup.tearDown()
    }

    @Test func queryJSONAndLimit() async throws {
        let setup = try await Setup()
        let run = try await setup.runner.run(["query", "SELECT g, NULL AS nothing FROM generate_series(1, 100) g", "--limit", "2",
                                               "--format", "json"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("""
            {"columns": [{"name": "g", "type": "int4"}, {"name": "nothing", "type": "text"}], "rows": [[1, null], [2, null]], \
            "more": true, 
            """))
        try await setup.tearDown()
    }

    @Test func ctrlCCancelsARunningQuery() async throws {
        let setup = try await Setup()
        let launched = try setup.runner.launch(["query", "SELECT pg_sleep(30) AS slept_in_\(setup.schema)"])
        // The server's own view says when the statement runs (a hang guard, not a timing bound).
        let deadline = Date().addingTimeInterval(120)
        var seen: String?
        while launched.process.isRunning, Date() < deadline {
            seen = try await setup.connection.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1", ["%slept_in_\(setup.schema)%"]
            ).scalar
            if seen == "1" { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        guard seen == "1" else {
            Issue.record("the query never showed as active (last count \(seen ?? "none")); stdout: \(launched.stdout) stderr: \(launched.stderr)")
            kill(launched.pid, SIGKILL)
            try await setup.tearDown()
            return
        }
        kill(launched.pid, SIGINT)
        let status = await launched.exitStatus()
        #expect(status == 130, "stdout: \(launched.stdout) stderr: \(launched.stderr)")
        #expect(launched.stderr.contains("57014"))
        try await setup.tearDown()
    }

    @Test func runsAndLoadErrorsShowTheHistory() async throws {
        let setup = try await Setup()
        #expect(try await setup.runner.run(["runs"]).stdout == "no ETL run recorded yet (etl_runs is empty): run `sparkify etl`\n")
        let log = ETLRunLog(connection: setup.connection)
        let start = Date(timeIntervalSince1970: 1_543_622_400)  // 2018-12-01 00:00:00 UTC
        let run = try await log.start(at: start)
        try await log.record(run, stage: .stagingEvents, startedAt: start, finishedAt: start + 2.5, rows: 8055, bytes: 100,
                             outcome: .succeeded)
        try await log.finish(run, at: start + 3, outcome: .succeeded)
        try await LoadErrorLog.insert([LoadErrorRecord(
            table: "staging_events", startTime: start, filename: "s3://udacity-dend/log_data/2018/11/a.json", lineNumber: 12,
            columnName: "ts", type: "timestamp", columnLength: nil, position: 0, rawLine: "{\"ts\": \"soon\"}",
            rawFieldValue: "\"soon\"", errorCode: 1206, reason: "Invalid timestamp")], runID: run.id, on: setup.connection)

        // The run was started here: by this process's user, on this host.
        let holder = RunLock.Holder.current(run.id)
        let runs = try await setup.runner.run(["runs"])
        #expect(runs.status == 0)
        #expect(runs.lines == [
            "run" + String(repeating: " ", count: run.id.count - 1) + "started (UTC)        duration  outcome     rows  by",
            "\(run.id)  2018-12-01 00:00:00     3.0 s  succeeded  8,055  \(holder.user)@\(holder.host)",
        ])
        let json = try await setup.runner.run(["runs", "--json"])
        #expect(json.stdout == """
            {"runs": [{"run_id": "\(run.id)", "started_at": "2018-12-01T00:00:00Z", "finished_at": "2018-12-01T00:00:03Z", \
            "seconds": 3.000, "outcome": "succeeded", "rows": 8055, "bytes": 100, "message": null, "user": "\(holder.user)", \
            "host": "\(holder.host)", "version": null, "stages": [{"stage": "staging_events", \
            "started_at": "2018-12-01T00:00:00Z", "finished_at": "2018-12-01T00:00:02Z", "seconds": 2.500, "outcome": "succeeded", \
            "rows": 8055, "bytes": 100, "message": null}]}]}

            """)

        let errors = try await setup.runner.run(["load-errors"])
        #expect(errors.status == 0)
        #expect(errors.lines == [
            "run \(run.id) (succeeded): 1 rejected record",
            "staging_events  s3://udacity-dend/log_data/2018/11/a.json line 12 column ts: Invalid timestamp",
            "  raw: {\"ts\": \"soon\"}",
        ])
        let errorsJSON = try await setup.runner.run(["load-errors", "--run", run.id, "--json"])
        #expect(errorsJSON.stdout == """
            {"run_id": "\(run.id)", "outcome": "succeeded", "errors": [{"table": "staging_events", \
            "filename": "s3://udacity-dend/log_data/2018/11/a.json", "line_number": 12, "colname": "ts", "type": "timestamp", \
            "position": 0, "err_code": 1206, "reason": "Invalid timestamp", "raw_line": "{\\"ts\\": \\"soon\\"}", \
            "raw_field_value": "\\"soon\\"", "starttime": "2018-12-01T00:00:00Z"}]}

            """)
        let unknown = try await setup.runner.run(["load-errors", "--run", "nope"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: no run nope in etl_runs: see `sparkify runs`\n")
        try await setup.tearDown()
    }
}
