import Foundation
import Testing
@testable import Warehouse

@Suite("load_errors on PostgreSQL")
struct LoadErrorLogTests {
    @Test func recordsAreStoredCutToTheirColumns() async throws {
        try await TestDatabase.withSchema { connection, _ in
            let record = LoadErrorRecord(
                table: "staging_events", startTime: Date(timeIntervalSince1970: 1_543_537_327),
                filename: "s3://udacity-dend/log_data/2018/11/2018-11-30-events.json", lineNumber: 12,
                columnName: "itemInSession", type: "int4", columnLength: "0", position: 0,
                rawLine: String(repeating: "ü", count: 600), rawFieldValue: "\"one\"", errorCode: 1207,
                reason: "Invalid digit, Value 'o', Pos 0, Type: Integer")
            try await LoadErrorLog.insert([record], runID: "r1", on: connection)
            let stored = try await connection.execute("""
                SELECT run_id, tbl, starttime, filename, line_number, colname, type, col_length, position,
                       octet_length(raw_line), raw_field_value, err_code, err_reason
                FROM load_errors
                """)
            #expect(stored.rows == [[
                "r1", "staging_events", "2018-11-30 00:22:07", "s3://udacity-dend/log_data/2018/11/2018-11-30-events.json",
                "12", "itemInSession", "int4", "0", "0", "1024", "\"one\"", "1207",
                "Invalid digit, Value 'o', Pos 0, Type: Integer",
            ]])
        }
    }

    @Test func truncationNeverSplitsACharacter() {
        #expect("aé".truncated(toBytes: 2) == "a")
        #expect("aé".truncated(toBytes: 3) == "aé")
        #expect("日本".truncated(toBytes: 5) == "日")
    }
}
