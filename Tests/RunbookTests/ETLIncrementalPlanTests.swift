import Config
import Foundation
import Runbook
import TestSupport
import Testing
import Warehouse

/// `etl --incremental --dry-run`'s plan: only the new objects, and on Redshift which form loads them.
@Suite struct ETLIncrementalPlanTests {
    static func config(manifest: String? = "s3://udacity-dend/manifests/") throws -> DWHConfig {
        try DWHConfig(file: INIFile(parsing: UdacityConfig.roleAndSources + (manifest.map { "\nMANIFEST_PREFIX=\($0)" } ?? ""),
                                    source: "dwh.cfg"))
    }

    static func object(_ key: String) -> SourceObject {
        SourceObject(location: .s3(bucket: "udacity-dend", key: key), size: key.count, etag: "etag-\(key.count)")
    }

    static let days = (1...3).map { object("log_data/2018/11/2018-11-0\($0)-events.json") }
    static let songs = ["A", "B"].map { object("song_data/A/A/A/TRAAA\($0).json") }
    static let listed: [ETLStage: [SourceObject]] = [.stagingEvents: days, .stagingSongs: songs]
    /// Day 1 and song A were loaded by run r1.
    static let loaded = [days[0], songs[0]].map { object in
        LoadedObject(stage: object.name.contains("log_data") ? .stagingEvents : .stagingSongs, key: object.name,
                     etag: object.etag, size: object.size, rows: 1, runID: "r1")
    }

    static let eventColumns = "artist, auth, firstName, gender, itemInSession, lastName, length, level, location, method, page, registration, sessionId, song, status, ts, userAgent, userId"

    @Test func withAManifestPrefixEachStageCopiesOneManifest() throws {
        let plan = try ETLPlan.incremental(config: Self.config(), dialect: .redshift, listed: Self.listed, loaded: Self.loaded)
        #expect(plan.incremental)
        #expect(plan.warnings.isEmpty)
        #expect(plan.stages.map(\.stage) == ETLStage.allCases)
        let events = plan.stages[0]
        #expect(events.newObjects == ETLPlan.NewObjects(form: .manifest, new: 2, listed: 3,
                                                        manifest: "s3://udacity-dend/manifests/<run-id>/staging_events.manifest", manifestEntries: 2))
        #expect(events.notes == ["2 new of 3 objects",
                                 "one COPY of the manifest s3://udacity-dend/manifests/<run-id>/staging_events.manifest (2 entries), "
                                 + "written before the COPY and deleted after it"])
        #expect(events.statements == [
            "CREATE TEMP TABLE IF NOT EXISTS new_staging_events (LIKE staging_events)",
            "DELETE FROM new_staging_events",
            """
            COPY new_staging_events (\(Self.eventColumns))
            FROM 's3://udacity-dend/manifests/<run-id>/staging_events.manifest'
            IAM_ROLE 'arn:aws:iam::123456789012:role/dwhRole'
            FORMAT AS JSON 's3://udacity-dend/log_json_path.json'
            MANIFEST
            TIMEFORMAT 'epochmillisecs'
            COMPUPDATE OFF STATUPDATE OFF
            MAXERROR 0
            """,
            "SELECT pg_last_copy_count()",
        ])
        #expect(plan.stages[1].newObjects?.manifestEntries == 1)
        // The transforms are the incremental ones, in one transaction from songplays to time.
        #expect(plan.stages[2].statements.prefix(2) == [IncrementalSQL.eventOrder, "BEGIN"])
        #expect(plan.stages[6].statements.last == "COMMIT")
        #expect(plan.stages[6].statements.contains { $0.hasPrefix("INSERT INTO etl_objects") && $0.contains("'s3://udacity-dend/log_data/2018/11/2018-11-03-events.json'") })
        #expect(plan.script.contains("\n-- An incremental run: only the objects etl_objects does not list are staged, into new_* temporary tables; <run-id> stands for the run's id.\n"))
        #expect(plan.script.contains("\n-- staging_events: reads s3://udacity-dend/log_data, s3://udacity-dend/log_json_path.json\n-- 2 new of 3 objects\n-- one COPY of the manifest "))
    }

    @Test func withoutOneEachNewObjectHasItsCopyAndTheRunOneWarning() throws {
        let plan = try ETLPlan.incremental(config: Self.config(manifest: nil), dialect: .redshift, listed: Self.listed, loaded: Self.loaded)
        #expect(plan.warnings == ["one Redshift COPY per new object (staging_events 2): slow, each COPY has a fixed cost of seconds; "
            + "set [S3] MANIFEST_PREFIX in dwh.cfg to an s3://bucket/prefix/ you can write and the cluster's role can read, "
            + "and each stage loads its new objects in one COPY of a manifest"])
        let events = plan.stages[0]
        #expect(events.newObjects == ETLPlan.NewObjects(form: .perObject, new: 2, listed: 3))
        #expect(events.notes.last == "one COPY per new object (2): no [S3] MANIFEST_PREFIX")
        #expect(events.statements.filter { $0.hasPrefix("COPY new_staging_events") }.map { $0.split(separator: "\n")[1] } == [
            "FROM 's3://udacity-dend/log_data/2018/11/2018-11-02-events.json'",
            "FROM 's3://udacity-dend/log_data/2018/11/2018-11-03-events.json'",
        ])
        #expect(events.statements.filter { $0 == "SELECT pg_last_copy_count()" }.count == 2)
        #expect(plan.script.contains("\n-- warning: one Redshift COPY per new object (staging_events 2): slow"))
    }

    @Test func whenTheRunWouldRebuildThePlanIsTheFullOneWithTheReason() throws {
        var changed = Self.listed
        changed[.stagingEvents]![0].etag = "other"
        let plan = try ETLPlan.incremental(config: Self.config(), dialect: .redshift, listed: changed, loaded: Self.loaded)
        #expect(!plan.incremental)
        #expect(plan.warnings == ["full rebuild instead of an incremental run: s3://udacity-dend/log_data/2018/11/2018-11-01-events.json "
            + "changed since run r1 (ETag etag-39 → other, size 39 → 39)"])
        #expect(plan.stages[0].statements[1] == "DELETE FROM staging_events")
        #expect(plan.stages.allSatisfy { $0.newObjects == nil })

        // Per-object COPYs of a key another listed key extends would load both: a rebuild instead.
        var extended = Self.listed
        extended[.stagingEvents]!.append(Self.object("log_data/2018/11/2018-11-03-events.json.bak"))
        let clash = try ETLPlan.incremental(config: Self.config(manifest: nil), dialect: .redshift, listed: extended, loaded: Self.loaded)
        #expect(clash.warnings.first?.hasPrefix("full rebuild instead of an incremental run: a COPY from s3://udacity-dend/log_data/2018/11/2018-11-03-events.json would also load ") == true)
        // A manifest names whole objects: no such problem.
        #expect(try ETLPlan.incremental(config: Self.config(), dialect: .redshift, listed: extended, loaded: Self.loaded).incremental)
    }

    @Test func onPostgresTheClientSideLoaderFetchesTheNewObjects() throws {
        let plan = try ETLPlan.incremental(config: Self.config(), dialect: .postgres, listed: Self.listed, loaded: Self.loaded)
        #expect(plan.stages[1].newObjects == ETLPlan.NewObjects(form: .clientSide, new: 1, listed: 2))
        #expect(plan.stages[1].statements == [
            "CREATE TEMP TABLE IF NOT EXISTS new_staging_songs (LIKE staging_songs)", "DELETE FROM new_staging_songs",
            "COPY new_staging_songs (num_songs, artist_id, artist_latitude, artist_longitude, artist_location, artist_name, song_id, title, duration, year) FROM STDIN",
        ])
    }
}
