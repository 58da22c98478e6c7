import Foundation
import Testing
@testable import Warehouse

@Suite("Run history and load errors, read back")
struct RunReadersTests {
    static let start = Date(timeIntervalSince1970: 1_543_622_400)  // 2018-12-01 00:00:00 UTC

    static func record(_ run: String, _ stage: String, at offset: Double, outcome: ETLOutcome = .succeeded) -> ETLRunRecord {
        ETLRunRecord(runID: run, stage: stage, startedAt: start + offset, finishedAt: start + offset + 1, rows: 10,
                     bytes: nil, seconds: 1, outcome: outcome, message: nil)
    }

    @Test func recordsGroupIntoRunsAndUnknownStagesAreLeftOut() {
        let records = [
            Self.record("r2", "run", at: 10), Self.record("r2", "staging_events", at: 10), Self.record("r2", "lock", at: 10),
            Self.record("r1", "run", at: 0, outcome: .failed), Self.record("r1", "songplays", at: 0, outcome: .failed),
        ]
        let runs = ETLRunSummary.group(records)
        #expect(runs.map(\.run.runID) == ["r2", "r1"])
        #expect(runs.map { $0.stages.map(\.stage) } == [["staging_events"], ["songplays"]])
        #expect(runs[1].seconds == 1)
    }

    @Test func summariesOfADatabaseWithoutRunsAreEmpty() async throws {
        try await TestDatabase.withSchema { connection, _ in
            let summaries = try await ETLRunLog(connection: connection).summaries()
            #expect(summaries == [])
        }
    }

    @Test func aRunsLoadErrorsComeFromLoadErrorsOnPostgreSQL() async throws {
        try await TestDatabase.withSchema { connection, _ in
            let log = ETLRunLog(connection: connection)
            let run = try await log.start(at: Self.start)
            try await log.finish(run, at: Self.start + 5, outcome: .succeeded)
            let bad = LoadErrorRecord(
                table: "staging_events", startTime: Self.start + 1, filename: "s3://udacity-dend/log_data/2018/11/a.json",
                lineNumber: 12, columnName: "ts", type: "timestamp", columnLength: nil, position: 3,
                rawLine: "{\"ts\": \"soon\"}", rawFieldValue: "\"soon\"", errorCode: 1206, reason: "Invalid timestamp")
            try await LoadErrorLog.insert([bad], runID: run.id, on: connection)
            try await LoadErrorLog.insert([bad], runID: "another run", on: connection)
            let summary = try #require(try await log.summaries().first)
            #expect(try await LoadErrorReader.errors(of: summary.run, on: connection) == [bad])
        }
    }

    @Test func noLoadErrorsTableMeansNoErrors() async throws {
        try await TestDatabase.withSchema { connection, _ in
            let errors = try await LoadErrorReader.errors(of: Self.record("r", "run", at: 0), on: connection)
            #expect(errors == [])
        }
    }

    @Test func onRedshiftTheRunsWindowSelectsSTLLoadErrors() {
        let run = Self.record("r1", "run", at: 0)
        let (sql, parameters) = LoadErrorReader.query(for: run, dialect: .redshift)
        #expect(parameters == ["2018-12-01 00:00:00.000", "2018-12-01 00:00:01.000"])
        #expect(sql == """
            SELECT TRIM(p.name), e.starttime, TRIM(e.filename), e.line_number, TRIM(e.colname), TRIM(e.type),
                   TRIM(e.col_length), e.position, TRIM(e.raw_line), TRIM(e.raw_field_value), e.err_code, TRIM(e.err_reason)
            FROM stl_load_errors e
            JOIN (SELECT DISTINCT id, name FROM stv_tbl_perm) p ON p.id = e.tbl
            WHERE e.starttime >= CAST($1 AS TIMESTAMP) AND e.starttime <= CAST($2 AS TIMESTAMP)
              AND TRIM(p.name) IN ('staging_events', 'staging_songs')
            ORDER BY e.starttime, e.filename, e.line_number
            LIMIT 1000
            """)
        var running = run
        running.finishedAt = nil
        #expect(LoadErrorReader.query(for: running, dialect: .redshift, now: Self.start + 60).parameters
            == ["2018-12-01 00:00:00.000", "2018-12-01 00:01:00.000"])
        #expect(LoadErrorReader.query(for: run, dialect: .postgres).parameters == ["r1"])
    }
}
