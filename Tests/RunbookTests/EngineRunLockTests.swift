import Foundation
import Runbook
import Testing
import Warehouse

/// Another session's run holds the warehouse's run lock (#9): step E shows that run's progress from
/// etl_runs, and `e` / `c` are refused naming it instead of starting a second run.
@Suite("Engine: a run held by another session")
struct EngineRunLockTests {
    typealias F = EngineFixtures
    static let holder = "run 20181130T002207Z-1a2b started 00:22:07 UTC by ann@laptop"

    static func observation() -> Observation {
        guard case .known(var facts) = F.database(F.loaded) else { fatalError("fixture") }
        facts.runLock = holder
        let run = ETLRunFact(runID: "20181130T002207Z-1a2b", outcome: .running, stagesDone: [.stagingEvents, .stagingSongs])
        return F.observation(.sandbox, host: "127.0.0.1", database: .known(facts), etlRun: run)
    }

    @Test func stepEShowsTheOtherRunsProgress() {
        #expect(Self.observation().derivedState(of: .etl)
            == .running("\(Self.holder) is in progress; done: staging_events, staging_songs"))
    }

    @Test func eAndCAreRefusedNamingTheHolder() {
        var engine = RunbookEngine(observation: F.observation(.sandbox, host: "127.0.0.1"))
        _ = engine.start()
        _ = engine.observed(Self.observation())
        let reason = "\(Self.holder) is in progress — wait, or cancel it there"
        #expect(engine.requested(.etl) == [.emit(.refused(.etl, reason: reason))])
        #expect(engine.requested(.createTables, confirmed: true) == [.emit(.refused(.createTables, reason: reason))])
        // Reading is fine beside it.
        #expect(engine.requested(.counts) == [.emit(.stepState(.counts, .running("counting"))), .run(.counts)])
    }
}
