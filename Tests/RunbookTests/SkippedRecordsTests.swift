import Foundation
import Testing
@testable import Runbook
import Warehouse

/// The warning a run prints when MAXERROR let it skip records (#9: "nothing silent").
@Suite struct SkippedRecordsTests {
    static func record(_ file: String, line: Int, reason: String) -> LoadErrorRecord {
        LoadErrorRecord(table: "staging_events", startTime: Date(timeIntervalSince1970: 0), filename: file, lineNumber: line,
                        columnName: "ts", type: "timestamp", columnLength: nil, position: 0, rawLine: "{}", rawFieldValue: "soon",
                        errorCode: 1206, reason: reason)
    }

    @Test func oneRecordNamesItsFileLineCodeAndReason() {
        let records = [Self.record("log_data/2018/11/2018-11-01-events.json", line: 11,
                                   reason: "Invalid timestamp format or value [epochmillisecs]: 'soon'")]
        #expect(SkippedRecords.warning(records, stage: .stagingEvents)
            == "staging_events: 1 record skipped: log_data/2018/11/2018-11-01-events.json line 11, 1206 Invalid timestamp "
            + "format or value [epochmillisecs]: 'soon'; see load_errors")
    }

    @Test func manyRecordsNameTheFirstThreeAndCountTheRest() {
        let records = (1...5).map { Self.record("a.json", line: $0, reason: "bad") }
        #expect(SkippedRecords.warning(records, stage: .stagingSongs)
            == "staging_songs: 5 records skipped: a.json line 1, 1206 bad; a.json line 2, 1206 bad; a.json line 3, 1206 bad; "
            + "and 2 more; see load_errors")
        #expect(SkippedRecords.warning([], stage: .stagingSongs) == nil)
    }
}
