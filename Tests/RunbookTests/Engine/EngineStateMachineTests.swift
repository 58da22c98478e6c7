import Foundation
import Runbook
import Testing
import Warehouse

@Suite("Engine: the runbook state machine")
struct EngineStateMachineTests {
    typealias F = EngineFixtures

    /// An engine that has started and seen `observation`.
    static func engine(_ observation: Observation) -> RunbookEngine {
        var engine = RunbookEngine(observation: F.observation(observation.target, host: observation.configuredHost))
        _ = engine.start()
        _ = engine.observed(observation)
        return engine
    }

    @Test func startShowsEveryStepAndLooks() {
        var engine = RunbookEngine(observation: F.observation(.sandbox, host: "127.0.0.1"))
        let actions = engine.start()
        #expect(F.effects(actions) == [.observe(.everything)])
        #expect(F.events(actions) == [
            .stepState(.iamRole, .pending), .stepState(.cluster, .pending), .stepState(.openPort, .pending),
            .stepState(.connect, .pending), .stepState(.createTables, .pending), .stepState(.etl, .pending),
            .stepState(.counts, .pending), .stepState(.cleanUp, .pending),
            .cluster(ClusterSummary(target: .sandbox, identifier: "dwhcluster")),
        ])
    }

    @Test func anObservationEmitsOnlyWhatChanged() {
        var engine = RunbookEngine(observation: F.observation(.sandbox, host: "127.0.0.1"))
        _ = engine.start()
        let actions = engine.observed(F.freshSandbox)
        #expect(actions == [
            .emit(.stepState(.cluster, .blocked("needs the IAM role (step 1)"))),
            .emit(.stepState(.openPort, .blocked("needs an available cluster (step 2)"))),
            .emit(.stepState(.connect, .done("postgres dwhuser@127.0.0.1:5432/dwh, 4 ms"))),
            .emit(.stepState(.cleanUp, .done("no cluster, rule or role left"))),
            .emit(.cluster(ClusterSummary(target: .sandbox, region: "us-west-2", identifier: "dwhcluster"))),
        ])
        #expect(engine.observed(F.freshSandbox) == [])
    }

    @Test func aStepRunsReportsAndIsObservedAgain() {
        var engine = Self.engine(F.freshSandbox)
        #expect(engine.requested(.iamRole) == [.emit(.stepState(.iamRole, .running("creating the role"))), .run(.iamRole)])
        #expect(engine.stepFinished(.iamRole, .succeeded(F.roleARN)) == [
            .emit(.result(.iamRole, .succeeded(F.roleARN))),
            .emit(.stepState(.iamRole, .done(F.roleARN))),
            .observe(.everything),
        ])
        // The observation agrees: nothing to say about step 1; step 2 is no longer blocked.
        let after = F.observation(.sandbox, host: "127.0.0.1", aws: F.aws(role: F.role), database: F.database(nil))
        #expect(engine.observed(after) == [
            .emit(.stepState(.cluster, .pending)),
            .emit(.stepState(.cleanUp, .pending)),
            .emit(.cluster(ClusterSummary(target: .sandbox, region: "us-west-2", identifier: "dwhcluster",
                                          roleARN: F.roleARN))),
        ])
    }

    /// An observation that began before step 1 finished cannot show the role yet: the step keeps its
    /// "done" line instead of flickering back to pending until a later observation shows the role.
    @Test func anObservationOlderThanTheStepDoesNotUndoIt() {
        var engine = Self.engine(F.freshSandbox)
        _ = engine.requested(.iamRole)
        _ = engine.stepFinished(.iamRole, .succeeded(F.roleARN))
        #expect(engine.observed(F.freshSandbox, stale: [.iamRole]) == [])
        #expect(engine.state(of: .iamRole) == .done(F.roleARN))
        let after = F.observation(.sandbox, host: "127.0.0.1", aws: F.aws(role: F.role), database: F.database(nil))
        _ = engine.observed(after)
        #expect(engine.state(of: .iamRole) == .done(F.roleARN))
        // Without the mark, what the observation says wins.
        var unmarked = Self.engine(F.freshSandbox)
        _ = unmarked.requested(.iamRole)
        _ = unmarked.stepFinished(.iamRole, .succeeded(F.roleARN))
        _ = unmarked.observed(F.freshSandbox)
        #expect(unmarked.state(of: .iamRole) == .pending)
    }

    @Test func oneLongStepAtATime() {
        var engine = Self.engine(F.observation(.sandbox, database: F.database(F.empty)))
        _ = engine.requested(.createTables)
        #expect(engine.requested(.etl) == [.emit(.refused(.etl,
            reason: "C Create tables is running: wait for it, or cancel it (Esc / Ctrl-C)"))])
        #expect(engine.requested(.createTables) == [.emit(.refused(.createTables, reason: "C Create tables is already running"))])
        // Quick reads may run beside it.
        #expect(engine.requested(.counts) == [.emit(.stepState(.counts, .running("counting"))), .run(.counts)])
        #expect(engine.runningLongStep == .createTables)
    }

    @Test func blockedStepsAreRefusedWithTheirReason() {
        var engine = Self.engine(F.freshSandbox)
        #expect(engine.requested(.openPort) == [.emit(.refused(.openPort, reason: "needs an available cluster (step 2)"))])
        #expect(engine.running.isEmpty)
    }

    @Test func cleanUpAsksForTheClusterID() {
        var engine = Self.engine(F.everythingUp)
        let question = Confirmation(step: .cleanUp,
                                    prompt: "Clean up will delete cluster dwhcluster and all its data (no final snapshot), "
                                        + "revoke its ingress rule and delete role dwhRole.",
                                    answer: .type("dwhcluster"),
                                    snapshotPrompt: "Clean up will take final snapshot \(Confirmation.snapshotPlaceholder) of cluster "
                                        + "dwhcluster, delete the cluster, revoke its ingress rule and delete role dwhRole.")
        #expect(engine.requested(.cleanUp) == [.emit(.confirmationRequested(question)), .askConfirmation(question)])
        #expect(engine.requested(.counts) == [.emit(.refused(.counts, reason: "answer the question for 5 Clean up first"))])
        #expect(engine.confirmationAnswered("DWHCLUSTER") == [.emit(.refused(.cleanUp, reason: "not confirmed: nothing was changed"))])
        #expect(engine.running.isEmpty)

        _ = engine.requested(.cleanUp)
        #expect(engine.confirmationAnswered(" dwhcluster ") == [
            .emit(.stepState(.cleanUp, .running("cleaning up"))), .run(.cleanUp),
        ])
    }

    @Test func createTablesOverRowsAsksYesOrNo() {
        var engine = Self.engine(F.everythingUp)
        let question = Confirmation(step: .createTables,
                                    prompt: "Create tables drops staging_events (8056 rows), staging_songs (71 rows), "
                                        + "songplays (6820 rows), users (96 rows), songs (71 rows), artists (69 rows) "
                                        + "and time (6813 rows) and creates them empty.",
                                    answer: .yes)
        #expect(engine.requested(.createTables) == [.emit(.confirmationRequested(question)), .askConfirmation(question)])
        #expect(engine.cancelRequested() == [.emit(.refused(.createTables, reason: "not confirmed: nothing was changed"))])
        #expect(engine.pendingConfirmation == nil)
        _ = engine.requested(.createTables)
        #expect(F.effects(engine.confirmationAnswered("Y")) == [.run(.createTables)])
    }

    @Test func nothingToDestroyNeedsNoConfirmation() {
        var empty = Self.engine(F.observation(.sandbox, database: F.database(F.empty)))
        #expect(F.effects(empty.requested(.createTables)) == [.run(.createTables)])
        var nothingLeft = Self.engine(F.freshSandbox)
        #expect(F.effects(nothingLeft.requested(.cleanUp)) == [.run(.cleanUp)])
        // Headless --yes answers in advance.
        var confirmed = Self.engine(F.everythingUp)
        #expect(F.effects(confirmed.requested(.cleanUp, confirmed: true)) == [.run(.cleanUp)])
    }

    @Test func cancelGoesToTheRunningLongStepOnly() {
        var engine = Self.engine(F.observation(.sandbox, database: F.database(F.empty)))
        #expect(engine.cancelRequested() == [.emit(.refused(nil, reason: "nothing is running"))])
        _ = engine.requested(.etl)
        _ = engine.requested(.counts)
        #expect(engine.cancelRequested() == [.emit(.stepState(.etl, .running("cancelling"))), .cancel(.etl)])
        #expect(engine.cancelRequested() == [.emit(.refused(.etl, reason: "E Run ETL is already being cancelled"))])
        // Progress that was on its way does not overwrite "cancelling".
        let late = engine.stageProgressed(StageSample(stage: .stage(.stagingSongs), objectsDone: 3, objectsTotal: 71, elapsed: 1))
        #expect(F.events(late).count == 1)
        #expect(engine.state(of: .etl) == .running("cancelling"))
        #expect(engine.stepFinished(.etl, .cancelled) == [
            .emit(.result(.etl, .cancelled)),
            .emit(.stepState(.etl, .failed("cancelled: the stage was rolled back, final tables keep their previous rows"))),
            .observe(.database),
        ])
        #expect(engine.running == [.counts: "counting"])
    }

    @Test func aFailureStandsUntilRetriedOrTheTruthChanges() {
        var engine = Self.engine(F.observation(.sandbox, database: F.database(F.empty)))
        _ = engine.requested(.etl)
        _ = engine.stepFinished(.etl, .failed("staging_events: s3://udacity-dend/log_data: NoSuchBucket"))
        // The same truth: still failed.
        #expect(engine.observed(F.observation(.sandbox, database: F.database(F.empty, at: F.now.addingTimeInterval(5))))
            == [.emit(.stepState(.counts, .done("counted at 00:22:12"))),
                .emit(.counts(F.counts(F.empty, at: F.now.addingTimeInterval(5))))])
        #expect(engine.state(of: .etl) == .failed("staging_events: s3://udacity-dend/log_data: NoSuchBucket"))
        // Someone else loaded the tables: the truth wins.
        let actions = engine.observed(F.observation(.sandbox, database: F.database(F.loaded)))
        #expect(F.events(actions).first == .stepState(.etl, .done("songplays 6820 rows")))
    }

    @Test func etlProgressBecomesRatesAndCountsAreRefreshedAfterEachStage() {
        var engine = Self.engine(F.observation(.sandbox, database: F.database(F.empty)))
        _ = engine.requested(.etl)
        #expect(engine.stageProgressed(StageSample(stage: .listing, elapsed: 0.5)) == [
            .emit(.stepState(.etl, .running("list S3"))),
            .emit(.stageProgress(StageReport(sample: StageSample(stage: .listing, elapsed: 0.5), rowsPerSecond: 0,
                                             bytesPerSecond: 0))),
        ])
        let first = StageSample(stage: .stage(.stagingEvents), objectsDone: 10, objectsTotal: 30, rows: 2000,
                                bytes: 1_000_000, bytesTotal: 3_000_000, elapsed: 2)
        #expect(engine.stageProgressed(first) == [
            .emit(.stepState(.etl, .running("staging_events"))),
            .emit(.stageProgress(StageReport(sample: first, rowsPerSecond: 1000, bytesPerSecond: 500_000, eta: 4))),
        ])
        let done = StageSample(stage: .stage(.stagingEvents), objectsDone: 30, objectsTotal: 30, rows: 8056,
                               bytes: 3_000_000, bytesTotal: 3_000_000, elapsed: 4)
        #expect(engine.stageFinished(done, outcome: .succeeded) == [
            .emit(.stageFinished(StageReport(sample: done, rowsPerSecond: 2014, bytesPerSecond: 750_000, eta: 0),
                                 outcome: .succeeded, message: nil)),
            .observe(.database),
        ])
    }

    /// A transform's rows are its table's count now: the tables panel shows them without counting the
    /// warehouse again while the other transform lane works. The checks change no table.
    @Test func aFinishedTransformIsItsTablesNewCount() {
        var engine = Self.engine(F.observation(.sandbox, database: F.database(F.empty)))
        _ = engine.requested(.etl)
        let songplays = StageSample(stage: .stage(.songplays), rows: 6820, elapsed: 2)
        #expect(engine.stageFinished(songplays, outcome: .succeeded) == [
            .emit(.stageFinished(StageReport(sample: songplays, rowsPerSecond: 3410, bytesPerSecond: 0, eta: 0),
                                 outcome: .succeeded, message: nil)),
            .emit(.counts(F.counts([0, 0, 6820, 0, 0, 0, 0]))),
        ])
        let checks = StageSample(stage: .stage(.checks), rows: 9, elapsed: 1)
        #expect(engine.stageFinished(checks, outcome: .succeeded).count == 1)
        // A failed transform changed nothing.
        let users = StageSample(stage: .stage(.users), rows: 0, elapsed: 1)
        #expect(engine.stageFinished(users, outcome: .failed, message: "users: lost").count == 1)
        // A look that counted songplays before its stage committed (after staging, beside the lanes)
        // does not take the rebuilt count back while the run goes on.
        let late = F.observation(.sandbox, database: F.database([7418, 14896, 0, 0, 0, 0, 0]))
        #expect(F.events(engine.observed(late)).contains(.counts(F.counts([7418, 14896, 6820, 0, 0, 0, 0]))))
        // So does a look begun during the run that lands after it, and R's count beside the run.
        _ = engine.requested(.counts)
        _ = engine.countsReported(F.counts([7418, 14896, 0, 0, 0, 0, 0]))
        #expect(engine.observation.database.value?.tables == F.counts([7418, 14896, 6820, 0, 0, 0, 0]))
        _ = engine.stepFinished(.etl, .succeeded("run r1"))
        _ = engine.observed(late, stale: [.etl])
        #expect(engine.observation.database.value?.tables == F.counts([7418, 14896, 6820, 0, 0, 0, 0]))
        // A look begun after the run is the truth again.
        _ = engine.observed(late)
        #expect(engine.observation.database.value?.tables == F.counts([7418, 14896, 0, 0, 0, 0, 0]))
    }

    /// Illegal in the state the engine is in: said (a warning), not silently dropped, and nothing changes.
    @Test func inputsIllegalInTheCurrentStateAreReportedAndChangeNothing() {
        var engine = Self.engine(F.freshSandbox)
        let before = RunbookStep.allCases.map { engine.state(of: $0) }
        #expect(engine.stepFinished(.etl, .succeeded("done")) == [
            .emit(.warning("ignored the end of \(RunbookStep.etl.label): it is not running")),
        ])
        #expect(engine.stageProgressed(StageSample(stage: .listing, elapsed: 1)) == [
            .emit(.warning("ignored list S3 progress: no ETL is running")),
        ])
        #expect(engine.stageFinished(StageSample(stage: .listing, elapsed: 1), outcome: .succeeded) == [
            .emit(.warning("ignored the end of list S3: no ETL is running")),
        ])
        #expect(engine.confirmationAnswered("yes") == [.emit(.warning("ignored an answer: no question is waiting"))])
        #expect(RunbookStep.allCases.map { engine.state(of: $0) } == before)
        // News of a step that is not running is not illegal: a goal reports the steps it found done.
        #expect(engine.stepProgressed(.cluster, detail: "creating (45 s)") == [])
    }

    @Test func aRunningStepsLineFollowsItsProgress() {
        var engine = Self.engine(F.observation(aws: F.aws(role: F.role)))
        _ = engine.requested(.cluster)
        #expect(engine.stepProgressed(.cluster, detail: "creating (45 s)") == [.emit(.stepState(.cluster, .running("creating (45 s)")))])
    }

    @Test func leavingWithAClusterUpOnAWSWarnsWithItsCost() {
        let engine = Self.engine(F.everythingUp)
        #expect(engine.exitWarning(at: F.now) == "cluster dwhcluster is still available ($1.00/h, $2.50 so far (2.5 h)): "
            + "pause it with `sparkify iac pause` (compute stops billing, storage stays billed) "
            + "or clean up with step 5 or `sparkify iac down --yes` when you are done")
        #expect(Self.engine(F.freshSandbox).exitWarning(at: F.now) == nil)
    }
}
