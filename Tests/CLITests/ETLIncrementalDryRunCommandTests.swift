import AWS
import Config
import Foundation
import TestSupport
import Testing
import Warehouse

/// `sparkify etl --dry-run --incremental --dialect redshift` on the built binary: against moto's listing
/// and the database's etl_objects, which form loads the new objects — a manifest with
/// `[S3] MANIFEST_PREFIX`, else one COPY per object — as text and as JSON. Nothing is written: no table
/// changes, no manifest appears in the bucket.
@Suite struct ETLIncrementalDryRunCommandTests {
    typealias Setup = CreateTablesCommandTests.Setup

    /// A bucket of the test's own: three days of logs, two songs; day 1 and the first song loaded.
    struct Bucket {
        let name = "incremental-" + UUID().uuidString.prefix(8).lowercased()
        let s3: S3Client
        let moto: String

        static func make() async throws -> Bucket {
            let settings = try await TestServers.moto()
            let bucket = Bucket(s3: S3Client(client: AWSClient(settings: settings)), moto: try #require(settings.endpoint))
            try await bucket.s3.createBucket(bucket.name)
            return bucket
        }

        /// Puts the objects and returns each as etl_objects would record it.
        func seed(into log: LoadedObjectLog) async throws {
            let keys = (1...3).map { "log_data/2018/11/2018-11-0\($0)-events.json" } + ["song_data/A/A/A/TRAAAAA.json", "song_data/A/A/A/TRAAAAB.json"]
            var loaded: [LoadedObject] = []
            for key in keys + ["log_json_path.json"] {
                let body = Data("{\"key\": \"\(key)\"}".utf8)
                let etag = try await s3.putObject(bucket: name, key: key, body: body)
                if key.hasSuffix("-01-events.json") || key.hasSuffix("TRAAAAA.json") {
                    loaded.append(LoadedObject(stage: key.hasPrefix("log") ? .stagingEvents : .stagingSongs, key: "s3://\(name)/\(key)",
                                               etag: etag, size: body.count, rows: 1, runID: "r1"))
                }
            }
            try await log.prepare()
            try await log.append(loaded)
        }

        func config(manifest: Bool) -> String {
            """
            [IAM_ROLE]
            ARN=arn:aws:iam::123456789012:role/dwhRole
            [S3]
            LOG_DATA=s3://\(name)/log_data
            LOG_JSONPATH=s3://\(name)/log_json_path.json
            SONG_DATA=s3://\(name)/song_data
            REGION=us-east-1
            \(manifest ? "MANIFEST_PREFIX=s3://\(name)/manifests/" : "")
            [AWS]
            KEY=testing
            SECRET=testing
            ENDPOINT=\(moto)
            REGION=us-east-1
            """
        }
    }

    static let columns = "artist, auth, firstName, gender, itemInSession, lastName, length, level, location, method, page, registration, sessionId, song, status, ts, userAgent, userId"

    static func planned(_ run: SparkifyRunner.Run) throws -> [[String: Any]] {
        try run.lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
            .filter { $0["event"] as? String == "planned_stage" }
    }

    @Test func withAManifestPrefixTheDryRunNamesTheManifestAndItsEntries() async throws {
        let bucket = try await Bucket.make()
        let setup = try await Setup(extraConfig: bucket.config(manifest: true))
        try await bucket.seed(into: LoadedObjectLog(connection: setup.connection))
        var runner = setup.runner
        runner.environment["AWS_REGION"] = "us-east-1"
        let manifest = "s3://\(bucket.name)/manifests/<run-id>/staging_events.manifest"

        let text = try await runner.run(["etl", "--dry-run", "--incremental", "--dialect", "redshift"])
        #expect(text.status == 0, "\(text.stderr)")
        let events = try #require(text.lines.firstIndex(of: "-- staging_events: reads s3://\(bucket.name)/log_data, s3://\(bucket.name)/log_json_path.json"))
        #expect(Array(text.lines[(events + 1)...].prefix(13)) == [
            "-- 2 new of 3 objects",
            "-- one COPY of the manifest \(manifest) (2 entries), written before the COPY and deleted after it",
            "CREATE TEMP TABLE IF NOT EXISTS new_staging_events (LIKE staging_events);",
            "DELETE FROM new_staging_events;",
            "COPY new_staging_events (\(Self.columns))",
            "FROM '\(manifest)'",
            "IAM_ROLE 'arn:aws:iam::123456789012:role/dwhRole'",
            "FORMAT AS JSON 's3://\(bucket.name)/log_json_path.json'",
            "MANIFEST",
            "TIMEFORMAT 'epochmillisecs'",
            "COMPUPDATE OFF STATUPDATE OFF",
            "MAXERROR 0;",
            "SELECT pg_last_copy_count();",
        ])
        #expect(!text.lines.contains { $0.hasPrefix("-- warning") }, "\(text.stdout)")

        let json = try await runner.run(["etl", "--dry-run", "--incremental", "--dialect", "redshift", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let stages = try Self.planned(json)
        #expect(stages.map { $0["stage"] as? String } == ETLStage.allCases.map(\.rawValue))
        let incremental = try #require(stages[0]["incremental"] as? [String: Any])
        #expect(incremental["form"] as? String == "manifest")
        #expect(incremental["new_objects"] as? Int == 2)
        #expect(incremental["listed_objects"] as? Int == 3)
        #expect(incremental["manifest"] as? String == manifest)
        #expect(incremental["manifest_entries"] as? Int == 2)
        #expect((stages[1]["incremental"] as? [String: Any])?["manifest_entries"] as? Int == 1)
        #expect(stages[2]["incremental"] == nil)

        // A dry run writes no manifest.
        var keys: [String] = []
        for try await object in bucket.s3.listObjects(bucket: bucket.name, prefix: "manifests/") { keys.append(object.key) }
        #expect(keys.isEmpty)
        try await setup.tearDown()
    }

    @Test func withoutOneTheDryRunShowsEachObjectsCopyAndTheWarning() async throws {
        let bucket = try await Bucket.make()
        let setup = try await Setup(extraConfig: bucket.config(manifest: false))
        try await bucket.seed(into: LoadedObjectLog(connection: setup.connection))
        var runner = setup.runner
        runner.environment["AWS_REGION"] = "us-east-1"
        let warning = "one Redshift COPY per new object (staging_events 2): slow, each COPY has a fixed cost of seconds; set [S3] MANIFEST_PREFIX "
            + "in dwh.cfg to an s3://bucket/prefix/ you can write and the cluster's role can read, and each stage loads its new objects in one COPY of a manifest"

        let text = try await runner.run(["etl", "--dry-run", "--incremental", "--dialect", "redshift"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.lines.contains("-- warning: \(warning)"))
        #expect(text.lines.contains("-- one COPY per new object (2): no [S3] MANIFEST_PREFIX"))
        #expect(text.lines.filter { $0.hasPrefix("FROM 's3://\(bucket.name)/") } == [
            "FROM 's3://\(bucket.name)/log_data/2018/11/2018-11-02-events.json'",
            "FROM 's3://\(bucket.name)/log_data/2018/11/2018-11-03-events.json'",
            "FROM 's3://\(bucket.name)/song_data/A/A/A/TRAAAAB.json'",
        ])

        let json = try await runner.run(["etl", "--dry-run", "--incremental", "--dialect", "redshift", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let lines = try json.lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(lines.filter { $0["event"] as? String == "warning" }.compactMap { $0["message"] as? String } == [warning])
        let stages = try Self.planned(json)
        let incremental = try #require(stages[0]["incremental"] as? [String: Any])
        #expect(incremental["form"] as? String == "per_object")
        #expect(incremental["new_objects"] as? Int == 2)
        #expect(incremental["manifest"] == nil)
        #expect((stages[0]["statements"] as? [String])?.filter { $0.hasPrefix("COPY new_staging_events") }.count == 2)
        try await setup.tearDown()
    }
}
