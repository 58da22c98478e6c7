import Config
import Foundation
import Runbook
import TestSupport
import Testing
import Warehouse

@Suite("ETL runs on the sandbox's PostgreSQL")
struct ETLRunnerTests {
    /// Events and songs counted straight from the files, independently of the loader.
    private func expectedCounts(_ sample: String) throws -> (events: Int, songs: Int) {
        func files(_ directory: String) -> [String] {
            (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".json") }.map { directory + "/" + $0 }
        }
        var events = 0
        for file in files(sample + "/log_data") {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            events += text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.count
        }
        return (events, files(sample + "/song_data").count)
    }

    private func counts(_ connection: Connection, _ tables: [String]) async throws -> [String: String] {
        var counts: [String: String] = [:]
        for table in tables {
            counts[table] = try await connection.execute("SELECT count(*) FROM \(table)").rows.first?.first ?? nil
        }
        return counts
    }

    @Test func theSampleLoadsCompletelyAndASecondRunChangesNothing() async throws {
        guard let sample = SharedFixtures.directory("data/udacity-sample")?.path else { return }
        let database = try await ScratchDatabase.make()
        let connection = try await Connection.open(database)
        for statement in DDL.createTablesStatements(dialect: .postgres) { try await connection.execute(statement) }
        let events = EventLog()
        let runner = ETLRunner(connection: connection, config: try ScratchDatabase.config(database, data: sample),
                               source: ObjectSource(s3: nil), onEvent: events.append)

        let first = try await runner.run()
        let firstEvents = events.all
        let expected = try expectedCounts(sample)
        #expect(expected.events == 8056)
        #expect(expected.songs == 1943)
        let tables = WarehouseSchema.counted.map(\.name)
        let afterFirst = try await counts(connection, tables)
        #expect(afterFirst["staging_events"] == String(expected.events))
        #expect(afterFirst["staging_songs"] == String(expected.songs))
        #expect(first.stages.map(\.stage) == ETLStage.allCases)
        #expect(first.checks?.passed == true)
        // The star tables have planner statistics once the run is over (the analysts' queries follow).
        let analyzed = try await connection.execute(
            "SELECT count(DISTINCT tablename) FROM pg_stats WHERE schemaname = current_schema() "
                + "AND tablename IN ('songplays', 'users', 'songs', 'artists', 'time')").scalar
        #expect(analyzed == "5")
        let staged = first.stages.first { $0.stage == .stagingEvents }
        #expect(staged?.objectsDone == 30)
        #expect(staged?.rows == expected.events)

        _ = try await runner.run()
        #expect(try await counts(connection, tables) == afterFirst)
        let recorded = try await connection.execute(
            "SELECT count(DISTINCT run_id), count(*) FROM etl_runs WHERE stage <> 'run' AND outcome = 'succeeded'").rows
        #expect(recorded == [["2", String(2 * ETLStage.allCases.count)]])
        let progress = firstEvents.filter { if case .stageProgress(let p) = $0 { p.stage == .stagingEvents } else { false } }
        #expect(progress.count == 30)
        await connection.close()
    }

    @Test func selectedStagesRunAloneAndAFailureKeepsThePreviousRows() async throws {
        guard let sample = SharedFixtures.directory("data/udacity-sample")?.path else { return }
        let database = try await ScratchDatabase.make()
        let connection = try await Connection.open(database)
        for statement in DDL.createTablesStatements(dialect: .postgres) { try await connection.execute(statement) }
        let config = try ScratchDatabase.config(database, data: sample)
        let summary = try await ETLRunner(connection: connection, config: config, source: ObjectSource(s3: nil))
            .run(stages: [.stagingSongs])
        #expect(summary.stages.map(\.stage) == [.stagingSongs])
        #expect(try await counts(connection, ["staging_songs", "staging_events"]) == ["staging_songs": "1943", "staging_events": "0"])

        // A song directory with one malformed file fails the stage (MAXERROR 0); the table keeps its rows.
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: broken + "/song_data", withIntermediateDirectories: true)
        try Data(#"{"song_id": "S1", "title": "ok"}"#.utf8).write(to: URL(fileURLWithPath: broken + "/song_data/a.json"))
        try Data(#"{"song_id": "S2", "title": }"#.utf8).write(to: URL(fileURLWithPath: broken + "/song_data/b.json"))
        defer { try? FileManager.default.removeItem(atPath: broken) }
        var brokenConfig = config
        brokenConfig.sources.songData = .local(path: broken + "/song_data")
        do {
            _ = try await ETLRunner(connection: connection, config: brokenConfig, source: ObjectSource(s3: nil)).run(stages: [.stagingSongs])
            Issue.record("expected the stage to fail")
        } catch {
            #expect(error.description.hasPrefix("staging_songs: loading staging_songs failed after 1 bad record(s) with MAXERROR 0: \(broken)/song_data/b.json line 1: Invalid JSON"))
        }
        #expect(try await counts(connection, ["staging_songs"]) == ["staging_songs": "1943"])
        let outcomes = try await connection.execute(
            "SELECT outcome, count(*) FROM etl_runs WHERE stage = 'staging_songs' GROUP BY outcome ORDER BY outcome").rows
        #expect(outcomes == [["failed", "1"], ["succeeded", "1"]])
        await connection.close()
    }
}

/// Events as the runner reported them.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [ETLEvent] = []

    @Sendable func append(_ event: ETLEvent) { lock.withLock { events.append(event) } }
    var all: [ETLEvent] { lock.withLock { events } }
}
