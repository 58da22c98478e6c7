import AWS
import Config
import Foundation
import Testing
import TestSupport
import Warehouse

/// `sparkify s3 ls`, `etl` and `s3 get` against the sample data in moto, through ``FaultProxy``: a
/// bucket in another region than the operator's, and S3 on a bad day (throttling, resets, bodies cut
/// short, delays). The counts are the sample's usual ones whatever the faults.
@Suite struct S3FaultCommandTests {
    typealias Setup = CreateTablesCommandTests.Setup

    /// staging_events, staging_songs, songplays, users, songs, artists, time.
    static let tables = ["staging_events", "staging_songs", "songplays", "users", "songs", "artists", "time"]
    static let sampleCounts = ["8056", "1943", "6820", "97", "1943", "1809", "6813"]

    /// The sample's 1,974 objects in a bucket of moto's, uploaded once per test process.
    actor SampleBucket {
        static let shared = SampleBucket()
        private var upload: Task<String, Error>?

        func name(_ sample: String) async throws -> String {
            if upload == nil { upload = Task { try await Self.upload(sample) } }
            return try await upload!.value
        }

        private static func upload(_ sample: String) async throws -> String {
            let s3 = S3Client(client: AWSClient(settings: try await TestServers.moto()))
            let bucket = "sparkify-sample-\(UUID().uuidString.prefix(8).lowercased())"
            try await s3.createBucket(bucket)
            let root = URL(fileURLWithPath: sample)
            let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
                .compactMap { ($0 as? URL)?.path }.filter { $0.hasSuffix(".json") } ?? []
            let keys = files.map { String($0.dropFirst(root.path.count + 1)) }.sorted()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for slice in keys.chunked(into: (keys.count + 7) / 8) {
                    group.addTask {
                        for key in slice {
                            let body = try Data(contentsOf: root.appendingPathComponent(key))
                            try await s3.putObject(bucket: bucket, key: key, body: body)
                        }
                    }
                }
                try await group.waitForAll()
            }
            return bucket
        }
    }

    /// The sample bucket, a proxy with `faults` in front of moto, and the environment that points a
    /// run at it with AWS_REGION=us-east-1.
    static func through(_ faults: FaultProxy.Faults) async throws -> (bucket: String, proxy: FaultProxy, environment: [String: String])? {
        guard let sample = SharedFixtures.directory("data/udacity-sample")?.path else { return nil }
        let bucket = try await SampleBucket.shared.name(sample)
        let moto = try await TestServers.moto()
        let proxy = try await FaultProxy.start(upstream: moto.endpoint ?? "", faults: faults)
        return (bucket, proxy, ["AWS_ENDPOINT_URL": proxy.endpoint, "AWS_ACCESS_KEY_ID": "testing",
                                "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"])
    }

    static func sources(_ bucket: String) -> String {
        """
        [S3]
        LOG_DATA=s3://\(bucket)/log_data
        LOG_JSONPATH=s3://\(bucket)/log_json_path.json
        SONG_DATA=s3://\(bucket)/song_data
        """
    }

    /// A schema of the test's own whose [S3] reads the bucket, its tables created, and a runner with
    /// `environment` on top.
    static func warehouse(_ bucket: String, _ environment: [String: String]) async throws -> (Setup, SparkifyRunner) {
        let setup = try await Setup(extraConfig: sources(bucket))
        var runner = setup.runner
        runner.environment.merge(environment) { $1 }
        #expect(try await runner.run(["create-tables"]).status == 0)
        return (setup, runner)
    }

    static func counts(_ setup: Setup) async throws -> [String] {
        var counts: [String] = []
        for table in tables { counts.append(try await setup.connection.execute("SELECT count(*) FROM \(table)").scalar ?? "") }
        return counts
    }

    @Test func s3LsListsTheLogObjectsOfABucketInAnotherRegion() async throws {
        guard let (bucket, proxy, environment) = try await Self.through(.init(bucketRegion: "us-west-2")) else { return }
        let runner = try SparkifyRunner(environment: environment)
        defer { runner.remove() }
        let run = try await runner.run(["s3", "ls", "s3://\(bucket)/log_data/"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.count == 30)
        #expect(run.lines.first == "log_data/2018/11/2018-11-01-events.json")
        #expect(try await proxy.counters().faults["redirect"] == 1)
    }

    @Test(arguments: [FaultProxy.Faults.RegionAnswer.permanentRedirect, .authorizationHeaderMalformed])
    func etlLoadsTheSampleFromABucketInAnotherRegion(_ answer: FaultProxy.Faults.RegionAnswer) async throws {
        guard let (bucket, proxy, environment) = try await Self.through(.init(bucketRegion: "us-west-2", regionAnswer: answer)) else { return }
        let (setup, runner) = try await Self.warehouse(bucket, environment)
        let run = try await runner.run(["etl", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try await Self.counts(setup) == Self.sampleCounts)
        // Learned once for the run, and said so once.
        #expect(try await proxy.counters().faults["redirect"] == 1)
        #expect(run.lines.filter { $0.contains("is in us-west-2") }.count == 1)
        try await setup.tearDown()
    }

    @Test(arguments: [1, 2, 3])
    func etlLoadsTheSampleThroughThrottlingResetsCutBodiesAndDelays(seed: Int) async throws {
        let faults = FaultProxy.Faults(seed: seed, slowdown: 0.1, reset: 0.1, truncate: 0.1, delay: 0.05)
        guard let (bucket, proxy, environment) = try await Self.through(faults) else { return }
        let (setup, runner) = try await Self.warehouse(bucket, environment)
        let run = try await runner.run(["etl", "--json"])
        #expect(run.status == 0, "seed \(seed): \(run.stderr)")
        #expect(try await Self.counts(setup) == Self.sampleCounts)
        let counters = try await proxy.counters()
        #expect(counters.faults["slowdown", default: 0] > 0 && counters.faults["reset", default: 0] > 0
                && counters.faults["truncate", default: 0] > 0)
        // Every fault the proxy dealt is a line of the run's log.
        let calls = run.lines.filter { $0.contains(#""event":"aws_call""#) }
        #expect(calls.filter { $0.contains(#""error_code":"SlowDown""#) }.count == counters.faults["slowdown"])
        #expect(calls.filter { $0.contains(#""error_code":"IncompleteBody""#) }.count == counters.faults["truncate"])
        #expect(calls.filter { $0.contains(#""error_code":"NetworkFailure""#) }.count == counters.faults["reset"])
        try await setup.tearDown()
    }

    @Test func etlThroughNothingButSlowDownFailsWithinSecondsAndKeepsTheTables() async throws {
        guard let (bucket, proxy, environment) = try await Self.through(.init(slowdown: 1)) else { return }
        let moto = try await TestServers.moto()
        let (setup, throttled) = try await Self.warehouse(bucket, environment)
        var clean = throttled
        clean.environment["AWS_ENDPOINT_URL"] = moto.endpoint
        #expect(try await clean.run(["etl"]).status == 0)

        let started = ContinuousClock.now
        let run = try await throttled.run(["etl"])
        let elapsed = ContinuousClock.now - started
        #expect(run.status == 1)
        #expect(elapsed < .seconds(10), "took \(elapsed)")
        #expect(run.stderr.contains("s3://\(bucket)/") && run.stderr.contains("SlowDown: Please reduce your request rate. (gave up after 8 attempts)"),
                "\(run.stderr)")
        #expect(try await Self.counts(setup) == Self.sampleCounts)
        #expect(try await proxy.counters().faults["slowdown", default: 0] >= 8)
        try await setup.tearDown()
    }

    @Test func s3GetThatCannotFinishLeavesNoPartialFile() async throws {
        guard let (bucket, proxy, environment) = try await Self.through(.init(truncate: 1, refuseRanges: true)) else { return }
        let runner = try SparkifyRunner(environment: environment)
        defer { runner.remove() }
        let target = runner.directory + "/out"
        // The key from a file: the listing would meet the cut bodies too.
        try "log_data/2018/11/2018-11-01-events.json\n".write(toFile: runner.directory + "/keys", atomically: true, encoding: .utf8)
        let run = try await runner.run(["s3", "get", "s3://\(bucket)/", "--keys-from", runner.directory + "/keys", "--to", target])
        #expect(run.status == 1)
        #expect(run.stderr.contains("s3://\(bucket)/log_data/2018/11/2018-11-01-events.json failed: SlowDown"), "\(run.stderr)")
        // Neither the object's name nor its temporary file is left; only the directories made for it.
        let left = (FileManager.default.enumerator(atPath: target)?.compactMap { $0 as? String } ?? []).filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: target + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        #expect(left == [])
        #expect(try await proxy.counters().faults["truncate"] == 1)
    }
}
