import Config
import Foundation
import Sandbox
import Testing
import TestSupport
import Warehouse

/// The whole headless flow as a new user's script runs it, and Ctrl-C, SIGTERM and SIGHUP in the middle
/// of a load (issues #5 and #9), each on a sandbox of its own.
@Suite struct HeadlessFlowTests {
    static func connection(profile: String) async throws -> Connection {
        try await Connection.open(DatabaseSettings(config: DWHConfig.load(path: profile)))
    }

    static func counts(_ connection: Connection, _ tables: [String]) async throws -> [String: String] {
        var counts: [String: String] = [:]
        for table in tables { counts[table] = try await connection.execute("SELECT count(*) FROM \(table)").scalar }
        return counts
    }

    @Test func sandboxToCountsAndBackWithEveryCommandExitingZero() async throws {
        guard let sample = SharedFixtures.directory("data/udacity-sample")?.path else { return }
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let state = runner.directory + "/state"
        let up = try await runner.run(["sandbox", "up", "--data", sample, "--state", state, "--json"])
        #expect(up.status == 0, "\(up.stderr)")
        #expect(SparkifyRunner.objects(up).first?["running"] as? Bool == true)
        let profile = state + "/profile.cfg"
        var failure: (any Error)?
        do { try await flow(runner, profile: profile) } catch { failure = error }
        let down = try await runner.run(["sandbox", "down", "--state", state, "--json"])
        #expect(down.status == 0)
        #expect(SparkifyRunner.objects(down).first?["running"] as? Bool == false)
        if let failure { throw failure }
    }

    /// iac up → iac status → check → create-tables → etl → counts → iac down, every command with --json:
    /// every line an engine event, the last one the command's `result`.
    func flow(_ runner: SparkifyRunner, profile: String) async throws {
        var results: [String: [String: Any]] = [:]
        for command in [["iac", "up"], ["iac", "status"], ["check"], ["create-tables"], ["etl"], ["counts"],
                        ["iac", "down", "--yes"]] {
            let run = try await runner.run(command + ["--config", profile, "--json"])
            #expect(run.status == 0, "\(command): \(run.stderr)")
            let objects = SparkifyRunner.objects(run)
            #expect(objects.allSatisfy { $0["event"] is String }, "\(command): a line without an event")
            #expect(objects.last?["event"] as? String == "result", "\(command) ends in \(objects.last ?? [:])")
            #expect(objects.last?["outcome"] as? String == "succeeded", "\(command) ends in \(objects.last ?? [:])")
            results[command.joined(separator: " ")] = objects.last
        }
        #expect(results["iac up"]?["step"] as? String == "open_port")
        #expect((results["iac status"]?["cluster"] as? [String: Any])?["target"] as? String == "sandbox")
        #expect(results["iac down --yes"]?["step"] as? String == "clean_up")
        // PRODUCT §5's counts object, in step R's result line.
        let counts = try #require(results["counts"])
        #expect(counts["step"] as? String == "counts")
        #expect((counts["at"] as? String).flatMap { try? Date($0, strategy: .iso8601) } != nil, "\(counts)")
        let tables = try #require(counts["tables"] as? [String: Int])
        #expect(tables == ["staging_events": 8056, "staging_songs": 1943, "songplays": 6820, "users": 97,
                           "songs": 1943, "artists": 1809, "time": 6813])
    }

    /// SIGINT (Ctrl-C), SIGTERM and SIGHUP, one after the other on one sandbox: each cancels like Ctrl-C.
    /// How fast is measured by bench/interrupt.sh against its 2 s limit; here the bound only catches a
    /// hang (the full suite on a loaded machine took 12 s).
    @Test func aSignalWhileStagingSongsCancelsTheRunAndChangesNoFinalTable() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        try await runner.withSandbox(["--scale", "1"]) { profile in try await interrupted(runner, profile: profile) }
    }

    func interrupted(_ runner: SparkifyRunner, profile: String) async throws {
        #expect(try await runner.run(["create-tables", "--config", profile]).status == 0)

        // Rows the interrupted run must leave alone, in every final table.
        let connection = try await Self.connection(profile: profile)
        defer { Task { await connection.close() } }
        try await connection.execute("INSERT INTO users (user_id, first_name) VALUES ('-1', 'before')")
        try await connection.execute("INSERT INTO artists (artist_id, name) VALUES ('A-before', 'before')")
        try await connection.execute("INSERT INTO songs (song_id, title) VALUES ('S-before', 'before')")
        try await connection.execute("INSERT INTO time (start_time) VALUES ('2018-11-01 00:00:00')")
        try await connection.execute("INSERT INTO songplays (start_time, user_id, level) VALUES ('2018-11-01 00:00:00', '-1', 'free')")
        let tables = WarehouseSchema.counted.map(\.name)
        let before = try await Self.counts(connection, tables)

        for (signal, expected) in [(SIGINT, Int32(130)), (SIGTERM, 143), (SIGHUP, 129)] {
            let etl = try runner.launch(["etl", "--config", profile, "--json"])
            let staging = try await etl.wait(upTo: 120) { $0.contains(#""stage":"staging_songs""#) && $0.contains("stage_progress") }
            #expect(staging, "staging_songs never reported progress: \(etl.stderr)")
            let clock = ContinuousClock()
            let signalled = clock.now
            kill(etl.pid, signal)
            let status = await etl.exitStatus()
            let took = signalled.duration(to: clock.now)
            #expect(status == expected, "signal \(signal): \(etl.stderr)")
            #expect(took < .seconds(60), "signal \(signal): exit took \(took)")
            #expect(etl.stderr.contains("cancelled: the running stage was rolled back"), "signal \(signal): \(etl.stderr)")
            // The run's own line says so; the run's row in etl_runs is closed as cancelled.
            let result = SparkifyRunner.objects(SparkifyRunner.Run(status: status, stdout: etl.stdout, stderr: ""))
                .first { $0["event"] as? String == "result" }
            #expect(result?["outcome"] as? String == "cancelled", "signal \(signal)")
            let run = try await connection.execute(
                "SELECT outcome FROM etl_runs WHERE stage = 'run' ORDER BY started_at DESC LIMIT 1").scalar
            #expect(run == "cancelled", "signal \(signal)")
            // No process of its own is left (it starts none: libcurl and libpq work on its threads).
            let children = try String(contentsOfFile: "/proc/\(ProcessInfo.processInfo.processIdentifier)/task/\(ProcessInfo.processInfo.processIdentifier)/children",
                                      encoding: .utf8)
            #expect(!children.split(separator: " ").contains(Substring(String(etl.pid))))
            let leftover = (try? String(contentsOfFile: "/proc/\(etl.pid)/status", encoding: .utf8)) ?? ""
            #expect(leftover.isEmpty || leftover.contains("State:\tZ"))

            var after = try await Self.counts(connection, tables)
            // staging_events finished before the signal and stays committed; everything else is as it was.
            after["staging_events"] = before["staging_events"]
            #expect(after == before, "signal \(signal)")
            #expect(try await connection.execute("SELECT first_name FROM users WHERE user_id = '-1'").scalar == "before")
        }

        let again = try await runner.run(["etl", "--config", profile])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.lines.last?.hasPrefix("etl succeeded: ") == true)
    }
}
