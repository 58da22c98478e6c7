import Config
import Foundation
import TestSupport
import Testing
import Warehouse

/// `sparkify etl` as a script runs it, on the sample data against the test PostgreSQL, in a schema of its
/// own (reached through PGOPTIONS' search_path; see CreateTablesCommandTests.Setup).
@Suite struct ETLCommandTests {
    typealias Setup = CreateTablesCommandTests.Setup

    /// [S3] lines reading the sample (or `songData` for songs) from local directories.
    static func sources(_ sample: String, songData: String? = nil) -> String {
        """
        [S3]
        LOG_DATA=\(sample)/log_data
        LOG_JSONPATH=file://\(sample)/log_json_path.json
        SONG_DATA=\(songData ?? sample + "/song_data")
        """
    }

    @Test func aFullRunPrintsEachStageAndExitsZero() async throws {
        guard let sample = SharedFixtures.directory("data/udacity-sample")?.path else { return }
        let setup = try await Setup(extraConfig: Self.sources(sample))
        #expect(try await setup.runner.run(["create-tables"]).status == 0)

        let run = try await setup.runner.run(["etl"])
        #expect(run.status == 0, "\(run.stderr)")
        let stageLines = run.lines
        // A line per stage as it ends: the transforms' two lanes end in either order.
        let names = stageLines.map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(names.count == ETLStage.allCases.count + 1)
        #expect(Array(names.prefix(2)) == ["staging_events", "staging_songs"] && Array(names.suffix(2)) == ["checks", "etl"])
        #expect(Set(names.dropFirst(2).dropLast(2)) == ["songplays", "users", "songs", "artists", "time"])
        #expect(names.firstIndex(of: "songplays")! < names.firstIndex(of: "time")!)
        #expect(stageLines[0].hasPrefix("staging_events 8056 rows  30 objects  3.6 MB  "))
        #expect(stageLines[1].hasPrefix("staging_songs  1943 rows  1943 objects  "))
        #expect(stageLines[7].hasPrefix("checks         21 checks passed  "))
        #expect(stageLines[8].hasPrefix("etl succeeded: run ") && stageLines[8].hasSuffix(", songplays 6820 rows"))
        #expect(try await setup.connection.execute("SELECT count(*) FROM songplays").scalar == "6820")

        let json = try await setup.runner.run(["etl", "--stage", "songs", "--stage", "staging_songs", "--json"])
        #expect(json.status == 0)
        let events = json.lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]).flatMap { $0["event"] as? String ?? $0["result"] as? String }
        }
        #expect(events.first == "step_state")
        // list S3 and the two stages asked for.
        #expect(events.filter { $0 == "stage_finished" }.count == 3)
        // The counts of the look the engine takes after the run, then the result: the last line.
        #expect(events.last == "result")
        let finished = try #require(events.lastIndex(of: "stage_finished"))
        #expect(events[finished...].contains("counts"))
        try await setup.tearDown()
    }

    @Test func aBadRecordFailsTheStageWithExitOneAndKeepsTheTable() async throws {
        guard let sample = SharedFixtures.directory("data/udacity-sample")?.path else { return }
        let songs = FileManager.default.temporaryDirectory.path + "/etl-songs-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: songs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: songs) }
        try Data(#"{"song_id": "S1", "year": "nineteen"}"#.utf8).write(to: URL(fileURLWithPath: songs + "/bad.json"))
        let setup = try await Setup(extraConfig: Self.sources(sample, songData: songs))
        #expect(try await setup.runner.run(["create-tables"]).status == 0)
        try await setup.connection.execute("INSERT INTO staging_songs (song_id) VALUES ('before')")

        let failed = try await setup.runner.run(["etl", "--stage", "staging_songs"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("\(songs)/bad.json line 1, column year: Invalid digit, Value 'n', Pos 0, Type: Integer (1207)"))
        #expect(try await setup.connection.execute("SELECT song_id FROM staging_songs").rows == [["before"]])
        #expect(try await setup.connection.execute("SELECT colname, raw_field_value FROM load_errors").rows == [["year", "nineteen"]])

        let tolerated = try await setup.runner.run(["etl", "--stage", "staging_songs", "--max-error", "2"])
        #expect(tolerated.status == 0)
        #expect(try await setup.connection.execute("SELECT count(*) FROM staging_songs").scalar == "0")

        let unknown = try await setup.runner.run(["etl", "--stage", "staging"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown stage 'staging'"))
        try await setup.tearDown()
    }
}
