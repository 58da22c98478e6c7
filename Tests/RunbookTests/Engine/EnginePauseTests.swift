import Foundation
import Runbook
import Testing

@Suite("Engine: pause, resume and the final snapshot")
struct EnginePauseTests {
    typealias F = EngineFixtures

    static func with(_ status: String, _ target: Observation.Target = .aws, host: String? = nil) -> Observation {
        var observation = F.everythingUp
        observation.target = target
        observation.configuredHost = host
        observation.aws = F.aws(role: F.role, cluster: F.cluster(status), ingress: [F.rule])
        return observation
    }

    @Test func pausingResumingAndPausedArePhasesOfTheirOwn() {
        #expect(ClusterPhase(redshiftStatus: "pausing") == .pausing)
        #expect(ClusterPhase(redshiftStatus: "paused") == .paused)
        #expect(ClusterPhase(redshiftStatus: "resuming") == .resuming)
        #expect([ClusterPhase.pausing, .paused, .resuming].map(\.text) == ["pausing", "paused", "resuming"])
    }

    @Test func aPausedClusterBlocksTheDatabaseStepsWithHowToResume() {
        let paused = Self.with("paused")
        let says = "cluster dwhcluster is paused — resume it with u or `sparkify iac resume`"
        #expect(F.lines(paused.derivedStates) == [
            "1 done \(F.roleARN)", "2 blocked \(says)", "3 blocked needs an available cluster (step 2)",
            "4 blocked \(says)", "c blocked \(says)", "e blocked \(says)", "r blocked \(says)", "5 pending",
        ])
        // The sandbox's PostgreSQL stays up, but stands in for the cluster: it follows moto's state.
        #expect(Self.with("paused", .sandbox, host: "127.0.0.1").derivedState(of: .etl) == .blocked(says))
        // A configured database that is not the cluster's does not depend on it.
        #expect(Self.with("paused", host: "db.example.com").derivedState(of: .counts) == .done("counted at 00:22:07"))
        #expect(Self.with("resuming").derivedState(of: .createTables)
            == .blocked("cluster dwhcluster is resuming: wait until it is available"))
    }

    @Test func aSilentConfiguredHostMakesADatabaseOnlyLookAskAWSOnce() {
        // Headless C, E and R on a configured host look only at the database; when it does not answer, the
        // cluster may be paused: AWS is asked, and the steps say so instead of "cannot connect".
        var silent = F.everythingUp
        silent.configuredHost = F.cluster("paused").endpoint?.host
        silent.aws = .unknown
        silent.database = .unavailable("cannot connect to the database")
        var engine = RunbookEngine(observation: silent)
        _ = engine.start()
        #expect(F.effects(engine.observed(silent)) == [.observe(.aws)])

        var answered = silent
        answered.aws = F.aws(role: F.role, cluster: F.cluster("paused"), ingress: [F.rule])
        #expect(F.effects(engine.observed(answered)) == [])
        #expect(answered.derivedState(of: .counts) == .blocked("cluster dwhcluster is paused — resume it with u or `sparkify iac resume`"))

        // AWS that cannot be asked is asked once too, and the database's own failure stands.
        var unreachable = silent
        unreachable.aws = .unavailable("no AWS credentials")
        #expect(F.effects(engine.observed(unreachable)) == [])
        #expect(unreachable.derivedState(of: .counts) == .blocked("database unreachable (step 4): cannot connect to the database"))
        // A host that answers, or no configured host (then AWS is looked at anyway), asks nothing more.
        var answering = silent
        answering.database = F.everythingUp.database
        #expect(F.effects(engine.observed(answering)) == [])
    }

    @Test func pauseAndResumeAreOfferedByTheClustersState() {
        #expect(Self.with("available").derivedState(of: .pause) == .pending)
        #expect(Self.with("paused").derivedState(of: .pause) == .done("dwhcluster is paused"))
        #expect(Self.with("creating").derivedState(of: .pause)
            == .blocked("dwhcluster is creating: only an available cluster can be paused"))
        #expect(Self.with("paused").derivedState(of: .resume) == .pending)
        #expect(Self.with("available").derivedState(of: .resume) == .done("dwhcluster is available"))
        #expect(F.observation(aws: F.aws(role: F.role)).derivedState(of: .resume)
            == .blocked("no cluster dwhcluster: create it with step 2"))
    }

    @Test func aPauseRunsAsALongStepAndItsWaitShowsInTheClusterPanel() {
        var engine = RunbookEngine(observation: Self.with("available"))
        _ = engine.start()
        let requested = engine.requested(.pause)
        #expect(F.effects(requested) == [.run(.pause)])
        #expect(F.events(requested).contains(.stepState(.pause, .running("pausing"))))
        #expect(engine.runningLongStep == .pause)
        let news = engine.provisioningReported(.clusterStatus(identifier: "dwhcluster", status: "pausing", elapsedSeconds: 45))
        #expect(F.events(news).compactMap { if case .cluster(let summary) = $0 { return summary.statusText } else { return nil } }
            == ["pausing (45 s)"])
        #expect(engine.requested(.etl) == [.emit(.refused(.etl, reason: "P Pause is running: wait for it, or cancel it (Esc / Ctrl-C)"))])
    }

    @Test func pauseAndResumeAreNotRunbookLines() {
        var engine = RunbookEngine(observation: Self.with("available"))
        let shown = F.events(engine.start()).compactMap { if case .stepState(let step, _) = $0 { return step } else { return nil } }
        #expect(shown == RunbookStep.runbook)
        #expect(RunbookStep.runbook.map(\.hotkey) == ["1", "2", "3", "4", "c", "e", "r", "5"])
        #expect([RunbookStep.pause, .resume].map(\.label) == ["P Pause", "U Resume"])
    }

    @Test func thePausedClustersCostMeterStopsAndQuittingCostsNoComputeThen() {
        let paused = ClusterSummary(Self.with("paused"))
        #expect(paused.cost(at: F.now) == nil)
        #expect(!paused.keepsCostingMoney)
        #expect(paused.exitWarning(at: F.now) == nil)
        #expect(ClusterSummary(Self.with("pausing")).keepsCostingMoney)
        #expect(ClusterSummary(Self.with("available")).exitWarning(at: F.now) == "cluster dwhcluster is still available "
            + "($1.00/h, $2.50 so far (2.5 h)): pause it with `sparkify iac pause` (compute stops billing, storage stays billed) "
            + "or clean up with step 5 or `sparkify iac down --yes` when you are done")
    }

    @Test func step5sQuestionNamesTheFinalSnapshot() {
        var engine = RunbookEngine(observation: Self.with("available"))
        #expect(engine.confirmationNeeded(for: .cleanUp)?.prompt
            == "Clean up will delete cluster dwhcluster and all its data (no final snapshot), revoke its ingress rule and delete role dwhRole.")
        engine.finalSnapshot = "s1"
        #expect(engine.confirmationNeeded(for: .cleanUp)?.prompt
            == "Clean up will take final snapshot s1 of cluster dwhcluster, delete the cluster, revoke its ingress rule and delete role dwhRole.")
    }
}
