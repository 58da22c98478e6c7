import Config
import Foundation
import Runbook
import Sandbox
import Synchronization
import TestSupport
import Testing
import Warehouse

/// On PostgreSQL the transforms run in two lanes, side by side on two connections (issue 14's speed):
/// songplays → users → time, and songs → artists. Each stage stays one transaction; a failure in one
/// lane cancels the other's running stage, which rolls back.
@Suite("Transform lanes on PostgreSQL")
struct TransformLaneTests {
    @Test func theLanesAreSongplaysUsersTimeAndSongsArtistsOnPostgresAndOneOnRedshift() {
        let all = ETLStage.allCases
        #expect(ETLPlan.transformLanes(all, dialect: .postgres) == [[.songplays, .users, .time], [.songs, .artists]])
        #expect(ETLPlan.transformLanes(all, dialect: .redshift) == [[.songplays, .users, .songs, .artists, .time]])
        // Stages run alone keep their lanes; a lane with nothing to do is none.
        #expect(ETLPlan.transformLanes([.time, .artists], dialect: .postgres) == [[.time], [.artists]])
        #expect(ETLPlan.transformLanes([.stagingSongs, .songs, .checks], dialect: .postgres) == [[.songs]])
        #expect(ETLPlan.transformLanes([.stagingEvents, .checks], dialect: .redshift) == [])
    }

    @Test func theDryRunSaysWhichLaneEachTransformRunsIn() throws {
        let config = try DWHConfig(file: INIFile(parsing: UdacityConfig.roleAndSources, source: "dwh.cfg"))
        let postgres = try ETLPlan.make(config: config, dialect: .postgres)
        #expect(postgres.stages.first { $0.stage == .artists }?.notes
            == ["lane 2 of 2 (songs → artists), beside the other on a connection of its own"])
        #expect(postgres.script.contains("-- lane 1 of 2 (songplays → users → time), beside the other on a connection of its own"))
        #expect(try ETLPlan.make(config: config, dialect: .redshift, copyFacts: CopyFacts(regions: ["udacity-dend": "us-west-2"]))
            .stages.allSatisfy { !$0.notes.contains { $0.hasPrefix("lane") } })
    }

    /// A generated month (scale 0.05) and a database with the tables.
    struct Warehouse {
        let data: String
        let database: DatabaseSettings
        let connection: Connection
        let config: DWHConfig
        let events = EventLog()

        static func make() async throws -> Warehouse {
            let data = try TemporaryDirectory.make("lanes")
            _ = try await DataGenerator(scale: 0.05, seed: 5).write(to: data)
            let database = try await ScratchDatabase.make()
            let connection = try await Connection.open(database)
            for statement in DDL.createTablesStatements(dialect: .postgres) { try await connection.execute(statement) }
            return Warehouse(data: data, database: database, connection: connection,
                             config: try ScratchDatabase.config(database, data: data))
        }

        var runner: ETLRunner { ETLRunner(connection: connection, config: config, source: ObjectSource(s3: nil), onEvent: events.append) }

        /// How `stage` of the latest run ended; nil while it has not (or never started).
        func finished(_ stage: ETLStage) -> (outcome: ETLOutcome, message: String?)? {
            let latestRun = events.all.lastIndex { if case .runStarted = $0 { true } else { false } } ?? 0
            for case .stageFinished(let progress, let outcome, let message) in events.all[latestRun...] where progress.stage == stage {
                return (outcome, message)
            }
            return nil
        }

        /// Waits until `stage` has finished; a hang guard, not a timing bound.
        func waitUntilFinished(_ stage: ETLStage) async throws {
            let deadline = Date().addingTimeInterval(300)
            while finished(stage) == nil {
                guard Date() < deadline else { throw TestFailure("\(stage.rawValue) never finished: \(events.all)") }
                try await Task.sleep(for: .milliseconds(20))
            }
        }

        func count(_ table: String) async throws -> String? {
            try await connection.execute("SELECT count(*) FROM \(table)").scalar
        }

        func close() async {
            await connection.close()
            try? FileManager.default.removeItem(atPath: data)
        }
    }

    struct TestFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    @Test func oneLaneFinishesWhileTheOtherWaits() async throws {
        let warehouse = try await Warehouse.make()
        // Another session holds artists: the songs → artists lane waits at its TRUNCATE.
        let holder = try await Connection.open(warehouse.database)
        try await holder.execute("BEGIN")
        try await holder.execute("LOCK TABLE artists IN ACCESS EXCLUSIVE MODE")
        let run = Task { try await warehouse.runner.run() }

        // songplays → users → time ends on its own connection while artists has not.
        try await warehouse.waitUntilFinished(.time)
        #expect(warehouse.finished(.songplays)?.outcome == .succeeded)
        #expect(warehouse.finished(.users)?.outcome == .succeeded)
        #expect(warehouse.finished(.artists) == nil)
        try await holder.execute("COMMIT")

        let summary = try await run.value
        #expect(summary.stages.map(\.stage) == ETLStage.allCases)
        #expect(summary.checks?.passed == true)
        #expect(try await warehouse.count("artists") != "0")
        let recorded = try await warehouse.connection.execute(
            "SELECT count(*) FROM etl_runs WHERE run_id = $1 AND stage <> 'run' AND outcome = 'succeeded'", [summary.runID]).scalar
        #expect(recorded == String(ETLStage.allCases.count))
        await holder.close()
        // The second lane's connection is closed with the run: only this test's own session is left.
        let deadline = Date().addingTimeInterval(60)
        while try await warehouse.connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()").scalar != "0" {
            guard Date() < deadline else { throw TestFailure("a connection to the warehouse stayed open after the run") }
            try await Task.sleep(for: .milliseconds(20))
        }
        await warehouse.close()
    }

    @Test func withoutASecondConnectionTheTransformsRunOneAfterAnother() async throws {
        // A role allowed one connection (superusers have no limit): the run's own.
        let admin = try await Connection.open(try await TestServers.postgres())
        let role = "lanes_" + UUID().uuidString.prefix(8).lowercased()
        let password = "Lanes-" + UUID().uuidString
        try await admin.execute("CREATE ROLE \(role) LOGIN CONNECTION LIMIT 1 PASSWORD '\(password)'")
        try await admin.execute("CREATE DATABASE \(role) OWNER \(role)")
        await admin.close()
        var database = try await TestServers.postgres()
        database.user = role
        database.database = role
        database.password = Secret(password)
        let data = try TemporaryDirectory.make("lanes-one")
        defer { try? FileManager.default.removeItem(atPath: data) }
        _ = try await DataGenerator(scale: 0.05, seed: 5).write(to: data)
        let connection = try await Connection.open(database)
        for statement in DDL.createTablesStatements(dialect: .postgres) { try await connection.execute(statement) }
        let events = EventLog()
        let summary = try await ETLRunner(connection: connection, config: try ScratchDatabase.config(database, data: data),
                                          source: ObjectSource(s3: nil), onEvent: events.append).run()

        #expect(summary.stages.map(\.stage) == ETLStage.allCases)
        #expect(summary.checks?.passed == true)
        let notices = events.all.compactMap { if case .notice(let text) = $0 { text } else { nil } }
        #expect(notices.count == 1)
        #expect(notices.first?.hasPrefix("the transforms run one after another: no second connection (") == true)
        #expect(notices.first?.contains("too many connections for role") == true, "\(notices)")
        let finishedOrder = events.all.compactMap { event -> ETLStage? in
            if case .stageFinished(let progress, .succeeded, _) = event { progress.stage } else { nil }
        }
        #expect(finishedOrder == ETLStage.allCases)
        await connection.close()
    }

    @Test func cancellingTheRunCancelsBothLanesRunningStages() async throws {
        let warehouse = try await Warehouse.make()
        _ = try await warehouse.runner.run()
        let before = (try await warehouse.count("songplays"), try await warehouse.count("artists"))
        // Both lanes wait at their first table, held by another session, when the operator cancels.
        let holder = try await Connection.open(warehouse.database)
        try await holder.execute("BEGIN")
        try await holder.execute("LOCK TABLE songplays, songs IN ACCESS EXCLUSIVE MODE")
        let run = Task { try await warehouse.runner.run() }
        let deadline = Date().addingTimeInterval(300)
        while try await holder.execute(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation IN ('songplays'::regclass, 'songs'::regclass)").scalar != "2" {
            guard Date() < deadline else { throw TestFailure("the lanes never reached their tables: \(warehouse.events.all)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        run.cancel()
        do {
            _ = try await run.value
            Issue.record("expected the run to be cancelled")
        } catch let error as ETLError {
            #expect(error.isCancellation, "\(error)")
        }
        try await holder.execute("ROLLBACK")
        await holder.close()

        #expect(warehouse.finished(.songplays)?.outcome == .cancelled)
        #expect(warehouse.finished(.songs)?.outcome == .cancelled)
        #expect(warehouse.finished(.users) == nil && warehouse.finished(.artists) == nil)
        #expect((try await warehouse.count("songplays"), try await warehouse.count("artists")) == before)
        let outcomes = try await warehouse.connection.execute(
            "SELECT stage, outcome FROM etl_runs WHERE run_id = (SELECT run_id FROM etl_runs ORDER BY started_at DESC LIMIT 1) "
                + "AND stage IN ('run', 'songplays', 'songs') ORDER BY stage").rows
        #expect(outcomes == [["run", "cancelled"], ["songplays", "cancelled"], ["songs", "cancelled"]])
        await warehouse.close()
    }

    /// The operator cancels just as a lane has committed one stage: the stage stays committed and
    /// recorded, the lane's next stage never starts (its table keeps its rows), the run is cancelled.
    @Test func cancellingBetweenTwoStagesOfALaneStartsNoMore() async throws {
        let warehouse = try await Warehouse.make()
        _ = try await warehouse.runner.run()
        try await warehouse.connection.execute("DELETE FROM artists WHERE artist_id IN (SELECT artist_id FROM artists LIMIT 1)")
        let artistsBefore = try await warehouse.count("artists")
        // songs waits for another session until songplays → users → time has ended.
        let holder = try await Connection.open(warehouse.database)
        try await holder.execute("BEGIN")
        try await holder.execute("LOCK TABLE songs IN ACCESS EXCLUSIVE MODE")
        let running = Mutex<Task<ETLRunner.Summary, any Error>?>(nil)
        var runner = warehouse.runner
        runner.onEvent = { [events = warehouse.events] event in
            events.append(event)
            // In the lane's task, after songs committed and before it looks at what comes next.
            if case .stageFinished(let progress, .succeeded, _) = event, progress.stage == .songs {
                running.withLock { $0?.cancel() }
            }
        }
        let run = Task { [runner] in try await runner.run() }
        running.withLock { $0 = run }
        // This run's time, not the first run's: wait for this run to start first.
        let deadline = Date().addingTimeInterval(300)
        while warehouse.events.all.filter({ if case .runStarted = $0 { true } else { false } }).count < 2 {
            guard Date() < deadline else { throw TestFailure("the second run never started: \(warehouse.events.all)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        try await warehouse.waitUntilFinished(.time)
        #expect(warehouse.finished(.songs) == nil)
        try await holder.execute("COMMIT")
        await holder.close()
        do {
            _ = try await run.value
            Issue.record("expected the run to be cancelled")
        } catch let error as ETLError {
            #expect(error.isCancellation, "\(error)")
        }

        #expect(warehouse.finished(.songs)?.outcome == .succeeded)
        #expect(warehouse.finished(.artists)?.outcome == .cancelled)
        // artists never ran: the row deleted above is still missing.
        #expect(try await warehouse.count("artists") == artistsBefore)
        let outcomes = try await warehouse.connection.execute(
            "SELECT stage, outcome FROM etl_runs WHERE run_id = (SELECT run_id FROM etl_runs ORDER BY started_at DESC LIMIT 1) "
                + "AND stage IN ('run', 'songs', 'time', 'artists') ORDER BY stage").rows
        #expect(outcomes == [["artists", "cancelled"], ["run", "cancelled"], ["songs", "succeeded"], ["time", "succeeded"]])
        await warehouse.close()
    }

    @Test func aFailureInOneLaneCancelsTheOthersRunningStageAndKeepsItsRows() async throws {
        let warehouse = try await Warehouse.make()
        _ = try await warehouse.runner.run()
        let songplaysBefore = try await warehouse.count("songplays")
        // artists will fail; songplays is kept waiting by another session until then.
        try await warehouse.connection.execute("""
            CREATE FUNCTION refuse_artists() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'artists refused by the test'; END $$
            """)
        try await warehouse.connection.execute(
            "CREATE TRIGGER refuse_artists BEFORE INSERT ON artists FOR EACH ROW EXECUTE FUNCTION refuse_artists()")
        let holder = try await Connection.open(warehouse.database)
        try await holder.execute("BEGIN")
        try await holder.execute("LOCK TABLE songplays IN ACCESS EXCLUSIVE MODE")

        do {
            _ = try await warehouse.runner.run()
            Issue.record("expected artists to fail the run")
        } catch {
            #expect(error.description.contains("artists refused by the test"))
        }
        try await holder.execute("COMMIT")
        await holder.close()

        #expect(warehouse.finished(.artists)?.outcome == .failed)
        let songplays = warehouse.finished(.songplays)
        #expect(songplays?.outcome == .cancelled)
        #expect(songplays?.message == "songplays: cancelled because artists failed; rolled back, the table keeps its previous rows")
        // The lane stopped: users and time never started.
        #expect(warehouse.finished(.users) == nil && warehouse.finished(.time) == nil)
        #expect(try await warehouse.count("songplays") == songplaysBefore)
        let run = try await warehouse.connection.execute(
            "SELECT stage, outcome FROM etl_runs WHERE run_id = (SELECT run_id FROM etl_runs ORDER BY started_at DESC LIMIT 1) "
                + "AND stage IN ('run', 'songplays', 'artists') ORDER BY stage").rows
        #expect(run == [["artists", "failed"], ["run", "failed"], ["songplays", "cancelled"]])

        // The run lock was given up: the next run, without the trigger, succeeds.
        try await warehouse.connection.execute("DROP TRIGGER refuse_artists ON artists")
        let again = try await warehouse.runner.run()
        #expect(again.checks?.passed == true)
        await warehouse.close()
    }
}
