import Config
import Foundation
import Runbook
import Sandbox
import TestSupport
import Testing
import Warehouse

/// `etl --incremental` against a full rebuild (issue 14): the month arrives in three parts, songs
/// trickle in between, and after each incremental run every table equals, row for row, what a full
/// run over the same objects builds in a database of its own.
@Suite("Incremental ETL runs equal a full rebuild")
struct IncrementalRunTests {
    /// The month's files below `root`, relative to it, sorted.
    static func files(_ root: String, under folder: String) -> [String] {
        ((FileManager.default.enumerator(atPath: root + "/" + folder)?.allObjects as? [String]) ?? [])
            .filter { $0.hasSuffix(".json") }.map { folder + "/" + $0 }.sorted()
    }

    /// A generated month (scale 0.2: ~1,600 events, ~3,000 songs) and the live source directory the
    /// runs read, filled from it part by part.
    struct Source {
        let month: String
        let root: String
        init() async throws {
            month = try TemporaryDirectory.make("incremental-month")
            root = try TemporaryDirectory.make("incremental-live")
            _ = try await DataGenerator(scale: 0.2, seed: 11).write(to: month)
            try FileManager.default.createDirectory(atPath: root + "/log_data", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: root + "/song_data", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: month + "/log_json_path.json", toPath: root + "/log_json_path.json")
        }

        var songs: [String] { IncrementalRunTests.files(month, under: "song_data") }

        func add(_ relative: [String]) throws {
            for path in relative {
                let target = root + "/" + path
                try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: month + "/" + path, toPath: target)
            }
        }

        func days(_ range: ClosedRange<Int>) -> [String] {
            range.map { "log_data/2018/11/2018-11-\($0 < 10 ? "0" : "")\($0)-events.json" }
        }

        func remove() {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: month)
        }
    }

    /// A database with the tables, and a runner on `source`.
    struct Warehouse {
        let connection: Connection
        let config: DWHConfig
        let events = EventLog()

        static func make(reading source: Source) async throws -> Warehouse {
            let database = try await ScratchDatabase.make()
            let connection = try await Connection.open(database)
            for statement in DDL.createTablesStatements(dialect: .postgres) { try await connection.execute(statement) }
            return Warehouse(connection: connection, config: try ScratchDatabase.config(database, data: source.root))
        }

        @discardableResult
        func run(incremental: Bool, listing: SourceListing? = nil) async throws -> ETLRunner.Summary {
            var runner = ETLRunner(connection: connection, config: config, source: ObjectSource(s3: nil), onEvent: events.append)
            runner.incremental = incremental
            runner.listing = listing
            return try await runner.run()
        }

        /// Every final table, and staging as a sorted multiset, as text.
        func tables() async throws -> [String: [String]] {
            var dumps: [String: [String]] = [:]
            for table in WarehouseSchema.star + WarehouseSchema.staging {
                let columns = table.columns.map { "coalesce(CAST(\($0.name) AS TEXT), '∅')" }.joined(separator: ", ")
                let order = table.primaryKey.isEmpty ? "1" : table.primaryKey.joined(separator: ", ")
                dumps[table.name] = try await connection.execute("SELECT concat_ws('|', \(columns)) FROM \(table.name) ORDER BY \(order)")
                    .rows.map { $0[0] ?? "" }
                if table.role == .staging { dumps[table.name]?.sort() }
            }
            return dumps
        }

        var notices: [String] {
            events.all.compactMap { if case .notice(let text) = $0 { text } else { nil } }
        }
    }

    @Test func threePartsOfTheMonthWithSongsAddedBetweenEqualOneFullRun() async throws {
        let source = try await Source()
        defer { source.remove() }
        let songs = source.songs
        // Songs arrive in three parts too: every third file withheld until the second run, and so on.
        let songParts = (0..<3).map { part in songs.enumerated().filter { $0.offset % 3 == part }.map(\.element) }
        try source.add(source.days(1...20) + songParts[0])
        let incremental = try await Warehouse.make(reading: source)

        try await incremental.run(incremental: true)
        #expect(incremental.notices == ["full rebuild instead of an incremental run: no earlier run recorded what it loaded (etl_objects is empty)"])
        let firstMatches = try await incremental.connection.execute(
            "SELECT count(*) FROM songplays WHERE song_id IS NOT NULL").scalar

        try source.add(source.days(21...25) + songParts[1])
        let second = try await incremental.run(incremental: true)
        #expect(second.stages.first { $0.stage == .stagingEvents }?.objectsDone == 5)
        #expect(second.stages.first { $0.stage == .stagingSongs }?.objectsDone == songParts[1].count)
        // Plays of days 1–20 that only the new songs match got them.
        let rematched = try await incremental.connection.execute(
            "SELECT count(*) FROM songplays WHERE song_id IS NOT NULL AND start_time < '2018-11-21'").scalar
        #expect(Int(rematched ?? "") ?? 0 > Int(firstMatches ?? "") ?? 0)

        try source.add(source.days(26...30) + songParts[2])
        try await incremental.run(incremental: true)
        #expect(!incremental.notices.contains { $0.hasPrefix("full rebuild") && $0.contains("etl_objects is empty") == false })

        let full = try await Warehouse.make(reading: source)
        try await full.run(incremental: false)
        let expected = try await full.tables()
        let actual = try await incremental.tables()
        for table in expected.keys.sorted() {
            let mine = actual[table] ?? [], rebuilt = expected[table] ?? []
            let difference = zip(mine, rebuilt).enumerated().first { $0.element.0 != $0.element.1 }
            #expect(mine.count == rebuilt.count && difference == nil,
                    "\(table): \(mine.count) rows, the rebuild \(rebuilt.count); first difference: \(String(describing: difference))")
        }
        #expect(expected["songplays"]?.count ?? 0 > 1_000)

        // Nothing new: zero objects staged, nothing changed.
        let idle = try await incremental.run(incremental: true)
        #expect(idle.stages.filter(\.stage.isStaging).map(\.objectsDone) == [0, 0])
        #expect(try await incremental.tables() == actual)
        #expect(incremental.notices.suffix(2) == ["staging_events: 0 new of 30 objects",
                                                  "staging_songs: 0 new of \(songs.count) objects"])
        await incremental.connection.close()
        await full.connection.close()
    }

    @Test func aChangedObjectAlreadyLoadedMakesItAFullRebuildAndSaysWhy() async throws {
        let source = try await Source()
        defer { source.remove() }
        try source.add(source.days(1...10) + source.songs)
        let warehouse = try await Warehouse.make(reading: source)
        try await warehouse.run(incremental: true)

        let changed = source.root + "/" + source.days(3...3)[0]
        let handle = try #require(FileHandle(forWritingAtPath: changed))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n".utf8))
        try handle.close()
        try source.add(source.days(11...11))
        let summary = try await warehouse.run(incremental: true)
        #expect(warehouse.notices.last?.hasPrefix("full rebuild instead of an incremental run: \(changed) changed since run ") == true)
        #expect(summary.stages.first { $0.stage == .stagingEvents }?.objectsDone == 11)

        try FileManager.default.removeItem(atPath: changed)
        try await warehouse.run(incremental: true)
        #expect(warehouse.notices.last?.hasPrefix("full rebuild instead of an incremental run: \(changed) was loaded by run ") == true)
        #expect(warehouse.notices.last?.hasSuffix(" and is gone") == true)
        await warehouse.connection.close()
    }

    @Test func aFailedIncrementalRunChangesNothingBookkeepingIncluded() async throws {
        let source = try await Source()
        defer { source.remove() }
        let songs = source.songs
        try source.add(source.days(1...20) + songs.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
        let warehouse = try await Warehouse.make(reading: source)
        try await warehouse.run(incremental: true)
        let before = try await warehouse.tables()
        let recorded = try await warehouse.connection.execute("SELECT count(*) FROM etl_objects").scalar

        // time refuses the new days, so the last transform of the run fails after the others ran.
        try await warehouse.connection.execute("ALTER TABLE time ADD CONSTRAINT before_the_21st CHECK (start_time < '2018-11-21')")
        try source.add(source.days(21...30) + songs.enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
        await #expect(throws: ETLError.self) { try await warehouse.run(incremental: true) }
        #expect(try await warehouse.tables() == before)
        // The panel: time failed; the four before it, in its transaction, rolled back with it (none ✓).
        let thisRun = warehouse.events.all.suffix(from: warehouse.events.all.lastIndex {
            if case .runStarted = $0 { true } else { false }
        }!)
        let ends = thisRun.compactMap { event -> (ETLStage, ETLOutcome, Int, String?)? in
            guard case .stageFinished(let progress, let outcome, let message) = event, !progress.stage.isStaging else { return nil }
            return (progress.stage, outcome, progress.rows, message)
        }
        #expect(ends.map(\.0) == [.time, .songplays, .users, .songs, .artists])
        #expect(ends.first?.1 == .failed)
        for (stage, outcome, rows, message) in ends.dropFirst() {
            #expect(outcome == .cancelled && rows == 0)
            #expect(message == "\(stage.rawValue): rolled back with the run's one transaction (time failed); the table keeps its previous rows")
        }
        let outcomes = try await warehouse.connection.execute(
            "SELECT stage, outcome FROM etl_runs WHERE run_id = (SELECT run_id FROM etl_runs ORDER BY started_at DESC LIMIT 1) "
                + "AND stage IN ('songplays', 'time') ORDER BY stage").rows
        #expect(outcomes == [["songplays", "cancelled"], ["time", "failed"]])
        #expect(try await warehouse.connection.execute("SELECT count(*) FROM etl_objects").scalar == recorded)

        // Without the obstacle the same objects are picked up again.
        try await warehouse.connection.execute("ALTER TABLE time DROP CONSTRAINT before_the_21st")
        let summary = try await warehouse.run(incremental: true)
        #expect(summary.stages.first { $0.stage == .stagingEvents }?.objectsDone == 10)
        await warehouse.connection.close()
    }
}
