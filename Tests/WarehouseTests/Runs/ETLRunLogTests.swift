import Foundation
import Testing
@testable import Warehouse

@Suite("etl_runs history on PostgreSQL")
struct ETLRunLogTests {
    @Test func aRunAndItsStagesAreRecorded() async throws {
        try await TestDatabase.withSchema { connection, _ in
            let log = ETLRunLog(connection: connection)
            let start = Date(timeIntervalSince1970: 1_543_622_400)  // 2018-12-01 00:00:00 UTC
            let run = try await log.start(at: start)
            #expect(run.id.hasPrefix("20181201T000000Z-"))
            try await log.record(run, stage: .stagingEvents, startedAt: start, finishedAt: start + 2.5, rows: 8056,
                                 bytes: 3_000_000, outcome: .succeeded)
            try await log.record(run, stage: .songplays, startedAt: start + 2.5, finishedAt: start + 3, rows: 6820,
                                 outcome: .failed, message: "database error 57014: canceling statement due to user request")
            try await log.record(run, stage: .checks, startedAt: start + 3, finishedAt: start + 3.5, rows: 17,
                                 outcome: .succeeded)
            try await log.finish(run, at: start + 4, outcome: .failed, message: "songplays failed")
            let history = try await log.history()
            #expect(history == [
                ETLRunRecord(runID: run.id, stage: "run", startedAt: start, finishedAt: start + 4, rows: 14876,
                             bytes: 3_000_000, seconds: 4, outcome: .failed, message: "songplays failed",
                             user: RunLock.Holder.current(run.id).user, host: RunLock.Holder.hostName()),
                ETLRunRecord(runID: run.id, stage: "staging_events", startedAt: start, finishedAt: start + 2.5, rows: 8056,
                             bytes: 3_000_000, seconds: 2.5, outcome: .succeeded, message: nil),
                ETLRunRecord(runID: run.id, stage: "songplays", startedAt: start + 2.5, finishedAt: start + 3, rows: 6820,
                             bytes: nil, seconds: 0.5, outcome: .failed,
                             message: "database error 57014: canceling statement due to user request"),
                ETLRunRecord(runID: run.id, stage: "checks", startedAt: start + 3, finishedAt: start + 3.5, rows: 17,
                             bytes: nil, seconds: 0.5, outcome: .succeeded, message: nil),
            ])
        }
    }

    @Test func historyListsNewestRunsFirst() async throws {
        try await TestDatabase.withSchema { connection, _ in
            let log = ETLRunLog(connection: connection)
            let first = try await log.start(at: Date(timeIntervalSince1970: 1_000_000))
            let second = try await log.start(at: Date(timeIntervalSince1970: 2_000_000))
            try await log.finish(first, at: Date(timeIntervalSince1970: 1_000_010), outcome: .succeeded)
            #expect(try await log.history().map(\.runID) == [second.id, first.id])
            #expect(try await log.history(runs: 1).map(\.outcome) == [.running])
        }
    }

    @Test func aRunningRunNamesItsBackendWhichDiesWithItsConnection() async throws {
        try await TestDatabase.withSchema { observer, schema in
            // The run is started by another connection (another process), which then dies.
            let runner = try await TestDatabase.connect()
            try await runner.execute("SET search_path TO \(schema)")
            let run = try await ETLRunLog(connection: runner).start()
            let log = ETLRunLog(connection: observer)
            let backend = try #require(try await log.history(runs: 1).first?.backend)
            #expect(try await runner.execute("SELECT pg_backend_pid()").scalar == String(backend))
            #expect(try await log.isAlive(backend: backend))
            await runner.close()
            var alive = true
            for _ in 0..<100 where alive {
                alive = try await log.isAlive(backend: backend)
                if alive { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(!alive)
            // A finished run names no backend.
            try await log.finish(run, outcome: .succeeded)
            #expect(try await log.history(runs: 1).first?.backend == nil)
        }
    }

    @Test func longMessagesAreCutToTheColumn() {
        let message = String(repeating: "é", count: 700)  // 1400 bytes
        let fitted = ETLRunLog.fit(message)
        #expect(fitted.utf8.count <= 1024)
        #expect(fitted.hasSuffix("é…"))
        #expect(ETLRunLog.fit("short") == "short")
    }

    @Test func timestampsRoundTrip() {
        let date = Date(timeIntervalSince1970: 1_543_537_327.796)
        #expect(SQLTimestamp.format(date) == "2018-11-30 00:22:07.796")
        #expect(SQLTimestamp.parse("2018-11-30 00:22:07.796") == date)
        #expect(SQLTimestamp.parse("2018-11-30 00:22:07") == Date(timeIntervalSince1970: 1_543_537_327))
        #expect(SQLTimestamp.parse("yesterday") == nil)
    }
}
