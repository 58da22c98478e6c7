import Config
import Foundation
import Runbook
import TestSupport
import Testing
import Warehouse

/// `etl --dry-run`'s plan: what each stage reads and sends, per dialect, from the builders the run uses.
@Suite struct ETLPlanTests {
    static let config = UdacityConfig.roleAndSources

    static func config(_ text: String = config) throws -> DWHConfig {
        try DWHConfig(file: INIFile(parsing: text, source: "dwh.cfg"))
    }

    @Test func redshiftStagesCopyWithTheBucketsRegionAndReadTheCountAndQueryID() throws {
        let plan = try ETLPlan.make(config: Self.config(), dialect: .redshift, stages: [.stagingEvents], maxError: 3,
                                    copyFacts: CopyFacts(regions: ["udacity-dend": "us-west-2"]))
        #expect(plan.stages.map(\.stage) == [.stagingEvents])
        let stage = try #require(plan.stages.first)
        #expect(stage.reads == ["s3://udacity-dend/log_data", "s3://udacity-dend/log_json_path.json"])
        #expect(stage.statements == [
            "BEGIN",
            "DELETE FROM staging_events",
            "SELECT pg_last_copy_id()",
            try RedshiftCopy.staging(config: Self.config(), regions: ["udacity-dend": "us-west-2"], maxError: 3)[0].sql,
            "SELECT pg_last_copy_count(), pg_last_copy_id()",
            "COMMIT",
        ])
        // RedshiftCopyTests pins the COPY's text; here, that it carries the region and MAXERROR it was given.
        #expect(stage.statements[3].contains("\nREGION 'us-west-2'\n") && stage.statements[3].hasSuffix("\nMAXERROR 3"))
        #expect(stage.onRejects.first == "SELECT pg_last_copy_id()")
        #expect(stage.onRejects.last?.contains("FROM stl_load_errors e") == true)
    }

    @Test func postgresStagesThroughTheClientSideLoader() throws {
        let plan = try ETLPlan.make(config: Self.config(), dialect: .postgres, stages: [.stagingSongs])
        #expect(plan.stages == [ETLPlan.Stage(
            stage: .stagingSongs, reads: ["s3://udacity-dend/song_data"],
            statements: [
                "BEGIN", "TRUNCATE staging_songs",
                "COPY staging_songs (num_songs, artist_id, artist_latitude, artist_longitude, artist_location, artist_name, song_id, title, duration, year) FROM STDIN",
                "COMMIT",
            ],
            notes: ["client-side loader: lists and fetches the objects itself and applies Redshift's FORMAT AS JSON 'auto' TIMEFORMAT 'epochmillisecs' MAXERROR 0; rejected records go to load_errors"])])
    }

    @Test func transformsAndChecksAreTheRunsOwnStatementsInStageOrder() throws {
        let plan = try ETLPlan.make(config: Self.config(), dialect: .redshift, stages: [.checks, .users])
        #expect(plan.stages.map(\.stage) == [.users, .checks])
        #expect(plan.stages[0].statements == ["BEGIN"] + TransformSQL.statements(for: .users, dialect: .redshift) + ["COMMIT"])
        #expect(plan.stages[0].statements[1] == "DELETE FROM users")
        #expect(plan.stages[1].statements == QualityChecks.all.map(\.sql))
        #expect(plan.stages.allSatisfy { $0.reads.isEmpty })
    }

    @Test func aWholeRunPlansEveryStage() throws {
        let plan = try ETLPlan.make(config: Self.config(), dialect: .postgres)
        #expect(plan.stages.map(\.stage) == ETLStage.allCases)
        #expect(plan.stages[2].statements.prefix(4) == ["BEGIN", "SET LOCAL work_mem = '256MB'", "SET LOCAL maintenance_work_mem = '256MB'", "SET LOCAL jit = off"])
    }

    @Test func redshiftNeedsTheRoleAndS3Locations() throws {
        let noRole = try Self.config("[S3]\nLOG_DATA=s3://b/l\nSONG_DATA=s3://b/s")
        #expect(throws: ConfigError.missing(location: "dwh.cfg [IAM_ROLE] ARN",
                                            hint: "run `sparkify iac up` (it creates the role and prints its ARN) or set the role Redshift reads S3 with")) {
            try ETLPlan.make(config: noRole, dialect: .redshift, stages: [.stagingSongs])
        }
        // The transforms need neither.
        #expect(try ETLPlan.make(config: noRole, dialect: .redshift, stages: [.songs]).stages.count == 1)
    }

    @Test func theDryRunAsksTheWorldWhereEachBucketIs() async throws {
        var world = try RunbookWorld.make(config: Self.config(Self.config + "\n[AWS]\nREGION=us-east-1"), needsDatabase: false, report: { _ in })
        world.bucketRegion = { bucket in bucket == "udacity-dend" ? "eu-west-1" : "us-east-1" }
        let plan = try await ETLDryRun.plan(world: world, dialect: .redshift, stages: [.stagingSongs])
        #expect(plan.stages.map(\.stage) == [.stagingSongs])
        #expect(plan.stages[0].statements[3].contains("\nREGION 'eu-west-1'\n"))
        #expect(plan.warnings.isEmpty)
    }

    @Test func withoutAnARNInTheConfigTheRoleIAMReportsIsUsed() throws {
        let noARN = try Self.config(Self.config.replacingOccurrences(of: "ARN=arn:aws:iam::123456789012:role/dwhRole", with: "ARN="))
        let facts = CopyFacts(roleARN: "arn:aws:iam::210987654321:role/dwhRole")
        let copy = try ETLPlan.make(config: noARN, dialect: .redshift, stages: [.stagingSongs], copyFacts: facts).stages[0].statements[3]
        #expect(copy.contains("\nIAM_ROLE 'arn:aws:iam::210987654321:role/dwhRole'\n"))
        // The config's ARN wins.
        let configured = try ETLPlan.make(config: Self.config(), dialect: .redshift, stages: [.stagingSongs], copyFacts: facts)
        #expect(configured.stages[0].statements[3].contains("\nIAM_ROLE 'arn:aws:iam::123456789012:role/dwhRole'\n"))
    }

    @Test func theScriptSaysWhatEachStageReadsAndEndsEveryStatement() throws {
        var plan = try ETLPlan.make(config: Self.config(), dialect: .redshift, stages: [.stagingSongs, .time],
                                    copyFacts: CopyFacts(regions: ["udacity-dend": "us-west-2"]))
        plan.warnings = ["could not learn the region of bucket x"]
        let lines = plan.script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.prefix(6) == [
            "-- sparkify etl --dry-run (redshift): nothing below was executed.",
            "-- A run also records itself in etl_runs (created when missing): one row for the run, one per stage.",
            "-- warning: could not learn the region of bucket x",
            "",
            "-- staging_songs: reads s3://udacity-dend/song_data",
            "BEGIN;",
        ])
        #expect(lines.contains("REGION 'us-west-2'"))
        #expect(lines.contains("MAXERROR 0;"))
        #expect(lines.contains("-- only when the COPY rejected records or failed loading them ($1 = that COPY's query id):"))
        #expect(lines.contains("-- time"))
        #expect(lines.contains("DELETE FROM time;"))
    }
}

/// Which REGION each COPY names, with S3 asked through the seam the runbook world carries.
@Suite struct CopyRegionsTests {
    @Test func whatS3SaysIsUsedUnlessTheConfigSaysAndTheClustersRegionIsLeftOut() async {
        let asked = AskedBuckets()
        let lookup: CopyRegions.Lookup = { bucket in
            asked.append(bucket)
            return bucket == "team-songs" ? "eu-west-1" : "us-west-2"
        }
        let fromS3 = await CopyRegions(configured: nil, clusterRegion: "eu-west-1", lookup: lookup)
            .clauses(for: ["udacity-dend", "team-songs"])
        #expect(fromS3.regions == ["udacity-dend": "us-west-2"])
        #expect(fromS3.warnings.isEmpty)
        #expect(asked.buckets == ["udacity-dend", "team-songs"])

        let configured = await CopyRegions(configured: "ap-south-1", clusterRegion: "eu-west-1", lookup: lookup)
            .clauses(for: ["team-songs"])
        #expect(configured.regions == ["team-songs": "ap-south-1"])
        #expect(asked.buckets.count == 2)
    }

    @Test func whenS3WillNotSayTheKnownBucketsRegionIsAssumedWithAWarning() async {
        struct Refused: Error, CustomStringConvertible { var description: String { "AccessDenied" } }
        let regions = await CopyRegions(configured: nil, clusterRegion: "us-east-1", lookup: { _ in throw Refused() })
            .clauses(for: ["udacity-dend", "team-bucket"])
        #expect(regions.regions == ["udacity-dend": "us-west-2"])
        #expect(regions.warnings == [
            "could not learn the region of bucket udacity-dend (AccessDenied); assuming us-west-2 — set [S3] REGION to say",
            "could not learn the region of bucket team-bucket (AccessDenied); assuming the cluster's region — set [S3] REGION to say",
        ])
    }

    @Test func withoutS3TheKnownBucketIsInUsWest2() async {
        let regions = await CopyRegions(configured: nil, clusterRegion: "us-east-1", lookup: nil).clauses(for: ["udacity-dend"])
        #expect(regions.regions == ["udacity-dend": "us-west-2"])
    }
}

final class AskedBuckets: @unchecked Sendable {
    private let lock = NSLock()
    private var asked: [String] = []
    func append(_ bucket: String) { lock.withLock { asked.append(bucket) } }
    var buckets: [String] { lock.withLock { asked } }
}
