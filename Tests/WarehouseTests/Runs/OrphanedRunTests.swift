import Foundation
import Testing
@testable import Warehouse

/// A run whose session is gone (connection lost, server stopped, process killed) is closed as
/// `interrupted` by the next session that looks (#9, item 5).
@Suite("Orphaned etl_runs rows")
struct OrphanedRunTests {
    @Test func theNextSessionClosesARunWhoseSessionEndedWithWhatItKnows() async throws {
        try await TestDatabase.withSchema { observer, schema in
            let runner = try await TestDatabase.connect()
            try await runner.execute("SET search_path TO \(schema)")
            let start = Date(timeIntervalSince1970: 1_543_622_400)  // 2018-12-01 00:00:00 UTC
            let runnerLog = ETLRunLog(connection: runner)
            let run = try await runnerLog.start(at: start)
            try await runnerLog.record(run, stage: .stagingEvents, startedAt: start, finishedAt: start + 2, rows: 8056,
                                       bytes: 3_000_000, outcome: .succeeded)
            let backend = runner.backendPID
            await runner.close()
            try await RunLockTests.waitGone(backend, watcher: observer)

            let log = ETLRunLog(connection: observer)
            let message = "its database session (backend \(backend)) ended before the run finished "
                + "(connection lost, server stopped or process killed); stages recorded: staging_events; run etl again"
            let closed = await log.closeOrphans()
            #expect(closed == [ETLRunRecord(runID: run.id, stage: "run", startedAt: start, finishedAt: start + 2,
                                            outcome: .interrupted, message: message)])
            let row = try #require(try await log.history(runs: 1).first)
            #expect(row == ETLRunRecord(runID: run.id, stage: "run", startedAt: start, finishedAt: start + 2, rows: 8056,
                                        bytes: 3_000_000, seconds: 2, outcome: .interrupted, message: message,
                                        user: RunLock.Holder.current(run.id).user, host: RunLock.Holder.hostName()))
            // Closed once: a second look finds nothing to do.
            #expect(await log.closeOrphans().isEmpty)
        }
    }

    @Test func aRunWhoseSessionIsAliveStaysRunning() async throws {
        try await TestDatabase.withSchema { observer, schema in
            let runner = try await TestDatabase.connect()
            try await runner.execute("SET search_path TO \(schema)")
            let run = try await ETLRunLog(connection: runner).start()
            let log = ETLRunLog(connection: observer)
            #expect(await log.closeOrphans().isEmpty)
            #expect(try await log.history(runs: 1).map(\.outcome) == [.running])
            try await ETLRunLog(connection: runner).finish(run, outcome: .succeeded)
            await runner.close()
        }
    }

    @Test func noHistoryTableMeansNothingToClose() async throws {
        try await TestDatabase.withSchema { connection, _ in
            #expect(await ETLRunLog(connection: connection).closeOrphans().isEmpty)
        }
    }

    @Test func theMessageSaysWhenNoStageHadFinished() {
        #expect(ETLRunLog.interruptedMessage(backend: 42, stagesDone: [])
                == "its database session (backend 42) ended before the run finished "
                + "(connection lost, server stopped or process killed); no stage had finished; run etl again")
    }
}
