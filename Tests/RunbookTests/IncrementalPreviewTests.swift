import Foundation
import Runbook
import TestSupport
import Testing
import Warehouse

/// What `e` counts before it asks (issue 14): `ETLRunner.previewIncremental()` against the real
/// PostgreSQL and files, deciding as the incremental run does and changing nothing.
@Suite("Incremental preview")
struct IncrementalPreviewTests {
    typealias Source = IncrementalRunTests.Source
    typealias Warehouse = IncrementalRunTests.Warehouse

    func preview(_ warehouse: Warehouse) async -> IncrementalPreview {
        await ETLRunner(connection: warehouse.connection, config: warehouse.config, source: ObjectSource(s3: nil)).previewIncremental().preview
    }

    @Test func withoutARecordedRunThereIsNothingToCompareAndNoTableIsMade() async throws {
        let source = try await Source()
        defer { source.remove() }
        try source.add(source.days(1...2))
        let warehouse = try await Warehouse.make(reading: source)
        #expect(await preview(warehouse) == .noPreviousRun)
        try await warehouse.connection.execute("DROP TABLE etl_objects")
        #expect(await preview(warehouse) == .noPreviousRun)
        #expect(try await TableCatalog.existing(["etl_objects"], on: warehouse.connection).isEmpty)
        await warehouse.connection.close()
    }

    @Test func aNewDayIsCountedAndTheRunThatLoadsItReportsNOfM() async throws {
        let source = try await Source()
        defer { source.remove() }
        let songs = source.songs
        try source.add(source.days(1...10) + songs)
        let warehouse = try await Warehouse.make(reading: source)
        try await warehouse.run(incremental: false)
        try source.add(source.days(11...11))
        let runs = try await warehouse.connection.execute("SELECT count(*) FROM etl_runs").scalar

        #expect(await preview(warehouse) == .newObjects(new: [.stagingEvents: 1, .stagingSongs: 0],
                                                        listed: [.stagingEvents: 11, .stagingSongs: songs.count]))
        #expect(try await warehouse.connection.execute("SELECT count(*) FROM etl_runs").scalar == runs)

        try await warehouse.run(incremental: true)
        let staged = warehouse.events.all.compactMap { event -> StageProgress? in
            if case .stageFinished(let progress, .succeeded, _) = event, progress.stage.isStaging { return progress }
            return nil
        }.suffix(2)
        #expect(staged.map { [$0.objectsDone, $0.objectsTotal, $0.objectsListed] } == [[1, 1, 11], [0, 0, songs.count]])
        await warehouse.connection.close()
    }

    /// The console's `n` after the question loads what the question counted, from the preview's
    /// listing: no second listing (most of an incremental run on the sandbox), so a day that arrives
    /// in between waits for the next run.
    @Test func theRunChosenAfterThePreviewLoadsWhatThePreviewListed() async throws {
        let source = try await Source()
        defer { source.remove() }
        try source.add(source.days(1...10) + source.songs)
        let warehouse = try await Warehouse.make(reading: source)
        try await warehouse.run(incremental: false)
        try source.add(source.days(11...11))
        let runner = ETLRunner(connection: warehouse.connection, config: warehouse.config, source: ObjectSource(s3: nil))
        let (preview, listing) = await runner.previewIncremental()
        #expect(preview == .newObjects(new: [.stagingEvents: 1, .stagingSongs: 0],
                                       listed: [.stagingEvents: 11, .stagingSongs: source.songs.count]))

        try source.add(source.days(12...12))
        let before = warehouse.events.all.count
        try await warehouse.run(incremental: true, listing: try #require(listing))
        let loaded = try await warehouse.connection.execute("SELECT object_key FROM etl_objects WHERE stage = 'staging_events'")
        #expect(loaded.rows.count == 11, "day 12 came after the question")
        // The panel's "list S3" line is the question's listing (it opens on `.listing`, closes with the count).
        #expect(warehouse.events.all.dropFirst(before).contains { if case .listing(.stagingEvents, _) = $0 { true } else { false } })

        try await warehouse.run(incremental: true)
        #expect(try await warehouse.connection.execute("SELECT count(*) FROM etl_objects WHERE stage = 'staging_events'").scalar == "12")
        await warehouse.connection.close()
    }

    @Test func aChangedLoadedObjectIsAFullRebuildWithItsReason() async throws {
        let source = try await Source()
        defer { source.remove() }
        try source.add(source.days(1...4) + source.songs)
        let warehouse = try await Warehouse.make(reading: source)
        try await warehouse.run(incremental: false)
        let changed = source.root + "/" + source.days(2...2)[0]
        let handle = try #require(FileHandle(forWritingAtPath: changed))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n".utf8))
        try handle.close()

        guard case .fullRebuild(let reason) = await preview(warehouse) else {
            Issue.record("expected a full rebuild")
            return
        }
        #expect(reason.hasPrefix("\(changed) changed since run "))
        await warehouse.connection.close()
    }
}
