import AWS
import Foundation
import Runbook
import Testing
@testable import Warehouse

@Suite("Engine: the runners' reports as engine inputs")
struct EngineReportsTests {
    typealias F = EngineFixtures

    static func runningETL() -> RunbookEngine {
        var engine = RunbookEngine(observation: F.observation(.sandbox, database: F.database(F.empty)))
        _ = engine.start()
        _ = engine.requested(.etl)
        return engine
    }

    @Test func anETLRunFillsTheListingAndStageLines() {
        var engine = Self.runningETL()
        var events: [RunbookEvent] = []
        for event: ETLEvent in [
            .runStarted(runID: "r1", stages: ETLStage.allCases),
            .stageStarted(StageProgress(stage: .stagingEvents)),
            .listing(stage: .stagingEvents, location: "s3://udacity-dend/log_data"),
            .stageProgress(StageProgress(stage: .stagingEvents, objectsDone: 1, objectsTotal: 30, rows: 270, bytes: 120_000,
                                         bytesTotal: 3_600_000, elapsed: 0.5)),
            .stageFinished(StageProgress(stage: .stagingEvents, objectsDone: 30, objectsTotal: 30, rows: 8056,
                                         bytes: 3_600_000, bytesTotal: 3_600_000, elapsed: 2), outcome: .succeeded, message: nil),
            .checksReported(QualityReport(results: [CheckResult(name: "songplays not empty", passed: false, detail: "0 rows")])),
            .runFinished(runID: "r1", outcome: .failed, seconds: 3),
        ] {
            events += F.events(engine.etlReported(event))
        }
        var snapshot = RunbookSnapshot()
        events.forEach { snapshot.apply($0) }
        #expect(snapshot.stages.prefix(3).map { "\($0.stage.title) \($0.outcome?.rawValue ?? "-") \($0.report?.sample.objectsDone ?? 0)/\($0.report?.sample.objectsTotal ?? 0)" } == [
            "list S3 succeeded 30/30", "staging_events succeeded 30/30", "staging_songs - 0/0",
        ])
        #expect(snapshot.state(of: .etl) == .running("staging_events"))
        #expect(snapshot.log.entries.map(\.text) == [
            "list S3 succeeded: 30 objects, 0.0 s",
            "staging_events succeeded: 8056 rows, 30 objects, 3.4 MB, 2.0 s",
            "warning: check failed: songplays not empty: 0 rows",
        ])
    }

    /// An incremental run lists both sources, then stages only the new objects: its "list S3" line
    /// counts every object listed (31 logs and 14,896 songs), the staging lines the new ones.
    @Test func anIncrementalRunsListingLineCountsEveryObjectListed() {
        var engine = Self.runningETL()
        var events: [RunbookEvent] = []
        for event: ETLEvent in [
            .runStarted(runID: "r2", stages: ETLStage.allCases),
            .listing(stage: .stagingEvents, location: "s3://udacity-dend/log_data"),
            .listing(stage: .stagingSongs, location: "s3://udacity-dend/song_data"),
            .stageStarted(StageProgress(stage: .stagingEvents)),
            .stageProgress(StageProgress(stage: .stagingEvents, objectsDone: 0, objectsTotal: 1, objectsListed: 31)),
            .stageFinished(StageProgress(stage: .stagingEvents, objectsDone: 1, objectsTotal: 1, objectsListed: 31, rows: 270),
                           outcome: .succeeded, message: nil),
            .stageStarted(StageProgress(stage: .stagingSongs)),
            .stageProgress(StageProgress(stage: .stagingSongs, objectsDone: 0, objectsTotal: 0, objectsListed: 14_896)),
            .stageFinished(StageProgress(stage: .stagingSongs, objectsDone: 0, objectsTotal: 0, objectsListed: 14_896),
                           outcome: .succeeded, message: nil),
        ] {
            events += F.events(engine.etlReported(event))
        }
        var snapshot = RunbookSnapshot()
        events.forEach { snapshot.apply($0) }
        #expect(snapshot.stages.prefix(3).map { "\($0.stage.title) \($0.report?.sample.objectsDone ?? 0)/\($0.report?.sample.objectsTotal ?? 0)" } == [
            "list S3 14927/14927", "staging_events 1/1", "staging_songs 0/0",
        ])
    }

    @Test func provisioningEventsUpdateTheRunningStepsLine() {
        var engine = RunbookEngine(observation: F.observation(aws: F.aws(role: F.role)))
        _ = engine.start()
        _ = engine.requested(.cluster)
        #expect(engine.provisioningReported(.step(.cluster, .creating, detail: "dwhcluster dc2.large × 4"))
            == [.emit(.stepState(.cluster, .running("creating dwhcluster dc2.large × 4")))])
        #expect(engine.provisioningReported(.clusterStatus(identifier: "dwhcluster", status: "creating", elapsedSeconds: 45))
            == [.emit(.stepState(.cluster, .running("creating (45 s)")))])
        // Reports for a step that is not running change nothing.
        #expect(engine.provisioningReported(.step(.role, .alreadyDone, detail: F.roleARN)) == [])
        #expect(RunbookStep(ProvisioningStep.ingress) == .openPort)
    }

    @Test func cleanUpTakesTheReportsOfEveryResourceItRemoves() {
        var engine = RunbookEngine(observation: F.everythingUp)
        _ = engine.start()
        _ = engine.requested(.cleanUp, confirmed: true)
        #expect(engine.provisioningReported(.clusterStatus(identifier: "dwhcluster", status: "deleting", elapsedSeconds: 30))
            == [.emit(.stepState(.cleanUp, .running("deleting (30 s)")))])
        #expect(engine.provisioningReported(.step(.role, .deleted, detail: F.roleARN))
            == [.emit(.stepState(.cleanUp, .running("deleted \(F.roleARN)")))])
    }
}
