import AWS
import Foundation
import Runbook
import Testing
import Warehouse

@Suite("Engine: the panels' snapshot folded from events")
struct EngineSnapshotTests {
    typealias F = EngineFixtures

    static func snapshot(_ events: [RunbookEvent], logCapacity: Int = 500) -> RunbookSnapshot {
        var snapshot = RunbookSnapshot(logCapacity: logCapacity)
        events.forEach { snapshot.apply($0) }
        return snapshot
    }

    @Test func stepsStartPendingAndFollowTheirEvents() {
        let snapshot = Self.snapshot([.stepState(.cluster, .running("creating dc2.large × 4")), .stepState(.iamRole, .done(F.roleARN))])
        #expect(F.lines(snapshot.steps.map { ($0.step, $0.state) }) == [
            "1 done \(F.roleARN)", "2 running creating dc2.large × 4", "3 pending", "4 pending", "c pending", "e pending",
            "r pending", "5 pending",
        ])
    }

    @Test func tablesShowTheChangeSinceTheLastCount() {
        let later = F.now.addingTimeInterval(60)
        let snapshot = Self.snapshot([
            .counts(F.counts([nil, nil, nil, nil, nil, nil, nil])),
            .counts(F.counts(F.empty)),
            .counts(F.counts([8056, 71, 0, 0, 0, 0, 0], at: later)),
        ])
        #expect(snapshot.tables == [
            .init(name: "staging_events", rows: 8056, change: 8056), .init(name: "staging_songs", rows: 71, change: 71),
            .init(name: "songplays", rows: 0, change: 0), .init(name: "users", rows: 0, change: 0),
            .init(name: "songs", rows: 0, change: 0), .init(name: "artists", rows: 0, change: 0),
            .init(name: "time", rows: 0, change: 0),
        ])
        #expect(snapshot.countedAt == later)
        // The first count of a table that was missing has no change to show.
        #expect(Self.snapshot([.counts(F.counts([nil, nil, nil, nil, nil, nil, nil])), .counts(F.counts(F.empty))]).tables.first
            == .init(name: "staging_events", rows: 0, change: nil))
    }

    @Test func stageLinesFillInAndResetWhenANewRunStarts() {
        let listing = StageReport(sample: StageSample(stage: .listing, objectsDone: 30, elapsed: 0.4))
        let events = StageReport(sample: StageSample(stage: .stage(.stagingEvents), objectsDone: 12, objectsTotal: 30,
                                                     rows: 3200, bytes: 1_500_000, bytesTotal: 3_700_000, elapsed: 1.5),
                                 rowsPerSecond: 2133.3, bytesPerSecond: 1_000_000, eta: 2.2)
        var snapshot = Self.snapshot([
            .stepState(.etl, .running("starting")),
            .stageFinished(listing, outcome: .succeeded, message: nil),
            .stepState(.etl, .running("staging_events")),
            .stageProgress(events),
        ])
        #expect(snapshot.stages.map { "\($0.stage.title) \($0.outcome?.rawValue ?? "-") \($0.report?.sample.rows ?? 0)" } == [
            "list S3 succeeded 0", "staging_events running 3200", "staging_songs - 0", "songplays - 0", "users - 0",
            "songs - 0", "artists - 0", "time - 0", "checks - 0",
        ])
        #expect(snapshot.stages[1].report?.eta == 2.2)

        // The run ends; its lines stay until the next run starts.
        snapshot.apply(.stepState(.etl, .failed("cancelled")))
        #expect(snapshot.stages[1].outcome == .running)
        snapshot.apply(.stepState(.etl, .running("starting")))
        #expect(snapshot.stages.allSatisfy { $0.outcome == nil && $0.report == nil })
    }

    @Test func theLogKeepsTheNewestLines() {
        let call = AWSCallRecord(service: .redshift, action: "DescribeClusters", httpStatus: 200, requestID: "r-9",
                                 latency: 0.1204, attempt: 2, errorCode: nil)
        let failedCall = AWSCallRecord(service: .ec2, action: "AuthorizeSecurityGroupIngress", httpStatus: 400,
                                       requestID: "r-10", latency: 0.05, attempt: 1, errorCode: "InvalidPermission.Duplicate")
        let snapshot = Self.snapshot([
            .warning("first, soon dropped"),
            .stepState(.iamRole, .pending),
            .awsCall(call),
            .awsCall(failedCall),
            .sqlStatement(StatementRecord(firstLine: "INSERT INTO songplays", rows: 1, seconds: 0.0031, error: nil)),
            .sqlStatement(StatementRecord(firstLine: "SELECT count(*) FROM time", rows: nil, seconds: 0.002,
                                          error: DatabaseError(kind: .server, sqlState: "42P01", message: "relation \"time\" does not exist"))),
            .refused(.etl, reason: "needs the tables (step C)"),
            .result(.iamRole, .succeeded(F.roleARN)),
            .result(.etl, .failed("checks: songplays is empty")),
            .stageFinished(StageReport(sample: StageSample(stage: .stage(.stagingEvents), objectsDone: 30, rows: 8056,
                                                           bytes: 3_825_000, elapsed: 1.25)), outcome: .succeeded, message: nil),
            .confirmationRequested(Confirmation(step: .cleanUp, prompt: "Clean up will delete role dwhRole.", answer: .type("dwhcluster"))),
        ], logCapacity: 9)
        #expect(snapshot.log.dropped == 1)
        #expect(snapshot.log.entries.map { "\($0.kind.rawValue) \($0.text)" } == [
            "aws Redshift DescribeClusters 200 r-9 120 ms (attempt 2)",
            "error EC2 AuthorizeSecurityGroupIngress 400 InvalidPermission.Duplicate r-10 50 ms",
            "sql SQL INSERT INTO songplays — 1 row, 3.1 ms",
            "error SQL SELECT count(*) FROM time — failed 42P01: relation \"time\" does not exist (2.0 ms)",
            "warning E Run ETL: not done: needs the tables (step C)",
            "step 1 IAM role succeeded: \(F.roleARN)",
            "error E Run ETL failed: checks: songplays is empty",
            "stage staging_events succeeded: 8056 rows, 30 objects, 3.6 MB, 1.2 s",
            "step 5 Clean up asks: Clean up will delete role dwhRole. (type dwhcluster to confirm)",
        ])
    }

    @Test func theQuestionIsShownUntilTheStepMovesOn() {
        let question = Confirmation(step: .createTables, prompt: "Create tables drops users (96 rows) and creates them empty.",
                                    answer: .yes)
        var snapshot = Self.snapshot([.confirmationRequested(question)])
        #expect(snapshot.confirmation == question)
        snapshot.apply(.refused(.createTables, reason: "not confirmed: nothing was changed"))
        #expect(snapshot.confirmation == nil)
        snapshot.apply(.confirmationRequested(question))
        snapshot.apply(.stepState(.createTables, .done("7 tables")))
        #expect(snapshot.confirmation == question)
        snapshot.apply(.stepState(.createTables, .running("creating tables")))
        #expect(snapshot.confirmation == nil)
    }

    @Test func theEngineAndTheSnapshotTellTheSameStory() {
        var engine = RunbookEngine(observation: F.observation(.sandbox, host: "127.0.0.1"))
        var actions = engine.start()
        actions += engine.observed(F.observation(.sandbox, host: "127.0.0.1", aws: F.aws(), database: F.database(F.empty)))
        actions += engine.requested(.etl)
        actions += engine.stageProgressed(StageSample(stage: .stage(.stagingEvents), objectsDone: 15, objectsTotal: 30,
                                                      rows: 4000, elapsed: 1))
        let snapshot = Self.snapshot(F.events(actions))
        #expect(snapshot.steps.map(\.state) == RunbookStep.runbook.map(engine.state(of:)))
        #expect(snapshot.cluster == ClusterSummary(target: .sandbox, region: "us-west-2", identifier: "dwhcluster"))
        #expect(snapshot.tables.map(\.rows) == F.empty)
        #expect(snapshot.stages[1].report?.eta == 1)
    }
}
