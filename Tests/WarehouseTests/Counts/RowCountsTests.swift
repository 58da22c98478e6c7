import Foundation
import Testing
@testable import Warehouse

@Suite("Row counts")
struct RowCountsTests {
    @Test func countsEveryTableAndMarksMissingOnes() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await StagedRows.createTables(on: connection)
            try await StagedRows.insert(TransformTests.events, on: connection)
            try await connection.execute("DROP TABLE time")
            let counts = try await RowCounts.count(on: connection)
            #expect(counts.tables == [
                .init(name: "staging_events", rows: 6), .init(name: "staging_songs", rows: 0),
                .init(name: "songplays", rows: 0), .init(name: "users", rows: 0), .init(name: "songs", rows: 0),
                .init(name: "artists", rows: 0), .init(name: "time", rows: nil),
            ])
            // The failed count left no aborted transaction behind.
            #expect(try await connection.execute("SELECT 1").scalar == "1")
        }
    }

    @Test func jsonAndTextFollowTheContract() {
        let counts = RowCounts(tables: [.init(name: "staging_events", rows: 8056), .init(name: "time", rows: nil)],
                               at: Date(timeIntervalSince1970: 1_543_537_327.5))
        #expect(counts.json == #"{"tables": {"staging_events": 8056, "time": null}, "at": "2018-11-30T00:22:07Z"}"#)
        #expect(counts.text == """
            staging_events        8056
            time               missing
            counted at 2018-11-30T00:22:07Z
            """)
    }
}
