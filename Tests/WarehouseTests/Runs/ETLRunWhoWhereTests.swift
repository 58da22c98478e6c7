import Foundation
import Testing
@testable import Warehouse

/// etl_runs names who ran each run, where, with which sparkify — and a table an older sparkify created
/// is brought up to date in place, its rows kept.
@Suite("etl_runs: who and where, and the in-place upgrade")
struct ETLRunWhoWhereTests {
    /// etl_runs as the first release created it, before it kept who and where.
    static let firstReleaseDDL = """
        CREATE TABLE etl_runs (
            run_id      VARCHAR(40) NOT NULL,
            stage       VARCHAR(32) NOT NULL,
            started_at  TIMESTAMP NOT NULL,
            finished_at TIMESTAMP,
            row_count   BIGINT,
            byte_count  BIGINT,
            seconds     DOUBLE PRECISION,
            outcome     VARCHAR(16) NOT NULL,
            message     VARCHAR(1024),
            PRIMARY KEY (run_id, stage)
        )
        """
    static let firstReleaseColumns: Set = ["run_id", "stage", "started_at", "finished_at", "row_count", "byte_count",
                                           "seconds", "outcome", "message"]
    static let start = Date(timeIntervalSince1970: 1_543_622_400)  // 2018-12-01 00:00:00 UTC

    @Test func theColumnsAnOlderTableLacksAreAddedOneStatementEach() {
        #expect(DDL.addMissingColumns(WarehouseSchema.etlRuns, existing: Self.firstReleaseColumns) == [
            "ALTER TABLE etl_runs ADD COLUMN username VARCHAR(128)",
            "ALTER TABLE etl_runs ADD COLUMN hostname VARCHAR(256)",
            "ALTER TABLE etl_runs ADD COLUMN sparkify_version VARCHAR(32)",
        ])
        #expect(DDL.addMissingColumns(WarehouseSchema.etlRuns,
                                      existing: Self.firstReleaseColumns.union(["username", "hostname"])) == [
            "ALTER TABLE etl_runs ADD COLUMN sparkify_version VARCHAR(32)",
        ])
        #expect(DDL.addMissingColumns(WarehouseSchema.etlRuns, existing: Set(WarehouseSchema.etlRuns.columns.map(\.name))).isEmpty)
    }

    @Test func aRunStartedNamesTheLockHoldersUserAndHostAndTheVersion() async throws {
        try await TestDatabase.withSchema { connection, _ in
            let log = ETLRunLog(connection: connection)
            let run = ETLRunLog.newRun(at: Self.start)
            let lock = try await RunLock.acquire(on: connection, for: RunLock.Holder(work: run.id, user: "ann", host: "laptop",
                                                                                      startedAt: Self.start))
            _ = try await log.start(run, by: lock.holder, version: "0.1.0")
            try await log.record(run, stage: .songs, startedAt: Self.start, finishedAt: Self.start + 1, rows: 71, outcome: .succeeded)
            try await log.finish(run, at: Self.start + 2, outcome: .succeeded)
            await lock.release()

            let history = try await log.history()
            #expect(history.map(\.stage) == ["run", "songs"])
            #expect(history[0].user == "ann")
            #expect(history[0].host == "laptop")
            #expect(history[0].version == "0.1.0")
            #expect(history[0].ranBy == "ann@laptop")
            // Stages are the run's: who and where are said once, on its own row.
            #expect(history[1].ranBy == nil && history[1].version == nil)
        }
    }

    @Test func anOlderTableIsReadAsItIsThenUpgradedByTheNextRunWithItsRowsKept() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await connection.execute(Self.firstReleaseDDL)
            try await connection.execute("""
                INSERT INTO etl_runs (run_id, stage, started_at, finished_at, row_count, seconds, outcome)
                VALUES ('20181130T000000Z-old', 'run', '2018-11-30 00:00:00', '2018-11-30 00:00:09', 6820, 9, 'succeeded'),
                       ('20181130T000000Z-old', 'songplays', '2018-11-30 00:00:01', '2018-11-30 00:00:02', 6820, 1, 'succeeded')
                """)
            let log = ETLRunLog(connection: connection)
            // Reading needs no upgrade: a read-only look (`sparkify runs`) on an old warehouse works.
            let before = try await log.history()
            #expect(before.map(\.runID) == ["20181130T000000Z-old", "20181130T000000Z-old"])
            #expect(before.allSatisfy { $0.user == nil && $0.host == nil && $0.version == nil })
            #expect(try await connection.columnNames(of: "etl_runs") == Self.firstReleaseColumns)

            let run = ETLRunLog.newRun(at: Self.start)
            _ = try await log.start(run, by: RunLock.Holder(work: run.id, user: "bob", host: "ci-7", startedAt: Self.start),
                                    version: "0.1.0")
            try await log.finish(run, at: Self.start + 1, outcome: .succeeded)

            #expect(try await connection.columnNames(of: "etl_runs")
                == Self.firstReleaseColumns.union(["username", "hostname", "sparkify_version"]))
            let after = try await log.history()
            #expect(after.map(\.runID) == [run.id, "20181130T000000Z-old", "20181130T000000Z-old"])
            #expect(after[0].ranBy == "bob@ci-7")
            #expect(after[1] == before[0])
            #expect(after[2] == before[1])
            #expect(try await connection.execute("SELECT count(*) FROM etl_runs").scalar == "3")
            // Upgrading is done once: the next run finds every column.
            _ = try await log.start(ETLRunLog.newRun(at: Self.start + 10),
                                    by: RunLock.Holder(work: "x", user: "bob", host: "ci-7", startedAt: Self.start + 10))
            #expect(try await connection.execute("SELECT count(*) FROM etl_runs").scalar == "4")
        }
    }

    @Test func longNamesAreCutToTheirColumns() {
        let host = String(repeating: "h", count: 300)
        #expect(ETLRunLog.fit(host, column: "hostname").utf8.count <= 256)
        #expect(ETLRunLog.fit("laptop", column: "hostname") == "laptop")
    }
}
