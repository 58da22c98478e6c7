import Foundation
import Synchronization
import TestSupport
import Testing
@testable import Warehouse

/// The client-side COPY against a real PostgreSQL: rows land, and a failed or cancelled load leaves the
/// table as it was while its bad records stay in load_errors.
@Suite("Staging load into PostgreSQL")
struct LoaderStagingLoadTests {
    /// A table of its own for each test, holding one row from "before"; load_errors exists first.
    private func table(_ connection: Connection) async throws -> String {
        try await SharedLoadErrorsTable.ready()
        let name = "load_test_" + UUID().uuidString.prefix(8).lowercased()
        try await connection.execute("CREATE TABLE \(name) (id integer, name varchar(16), ts timestamp)")
        try await connection.execute("INSERT INTO \(name) VALUES (0, 'before', NULL)")
        return name
    }

    private func plan(_ table: String, maxError: Int = 0) -> LoadPlan {
        LoadPlan(table: table, columns: [LoadColumn(name: "id", type: .integer), LoadColumn(name: "name", type: .varchar(maxBytes: 16)),
                                         LoadColumn(name: "ts", type: .timestamp)],
                 options: CopyOptions(timeFormat: .epochMilliseconds, maxError: maxError))
    }

    private func rows(_ connection: Connection, _ table: String) async throws -> [[String?]] {
        try await connection.execute("SELECT id, name, ts FROM \(table) ORDER BY id").rows
    }

    /// An inbox already holding `objects` (each in two chunks) and finished.
    private func inbox(_ objects: [(String, String)]) -> BoundedChannel<ObjectChunk> {
        let inbox = BoundedChannel<ObjectChunk>(capacity: 2 * objects.count + 1)
        for (name, text) in objects {
            let bytes = Array(text.utf8)
            let half = bytes.count / 2
            try? inbox.sendBlocking(ObjectChunk(object: name, bytes: Array(bytes[..<half]), isEndOfObject: false))
            try? inbox.sendBlocking(ObjectChunk(object: name, bytes: Array(bytes[half...]), isEndOfObject: true))
        }
        inbox.finish()
        return inbox
    }

    @Test func loadsObjectsReplacingThePreviousRows() async throws {
        let connection = try await Connection.open(try await TestServers.postgres())
        let table = try await table(connection)
        let reported = Mutex<[String]>([])
        let load = StagingLoad(connection: connection, plan: plan(table)) { summary in
            reported.withLock { $0.append("\(summary.object): \(summary.rows) rows") }
        }
        let result = try await load.run(inbox([
            ("a.json", "{\"id\": 1, \"name\": \"tab\\there\", \"ts\": 1543537327796}\n{\"id\": 2}"),
            ("empty.json", ""),
            ("b.json", "{\n  \"id\": 3,\n  \"name\": \"back\\\\slash\"\n}"),
        ]))
        #expect(result.rows == 3)
        #expect(result.objects == 3)
        #expect(try await rows(connection, table) == [["1", "tab\there", "2018-11-30 00:22:07.796"], ["2", nil, nil],
                                                      ["3", "back\\slash", nil]])
        #expect(reported.withLock { $0 } == ["a.json: 2 rows", "empty.json: 0 rows", "b.json: 1 rows"])
        await connection.close()
    }

    @Test func aBadRecordWithMaxErrorZeroFailsAndLeavesTheTableAsItWas() async throws {
        let connection = try await Connection.open(try await TestServers.postgres())
        let table = try await table(connection)
        let runID = "test-" + UUID().uuidString.prefix(8)
        let load = StagingLoad(connection: connection, plan: plan(table), runID: runID)
        do {
            _ = try await load.run(inbox([("s3://bucket/log.json", "{\"id\": 1}\n{\"id\": \"one\"}\n{\"id\": 3}")]))
            Issue.record("expected the load to fail")
        } catch {
            #expect(error.description.contains("s3://bucket/log.json line 2, column id: Invalid digit, Value 'o', Pos 0, Type: Integer (1207)"))
        }
        #expect(try await rows(connection, table) == [["0", "before", nil]])
        let logged = try await connection.execute(
            "SELECT tbl, filename, line_number, colname, raw_field_value, err_code FROM load_errors WHERE run_id = $1", [runID]).rows
        #expect(logged == [[table, "s3://bucket/log.json", "2", "id", "one", "1207"]])
        await connection.close()
    }

    @Test func skippedRecordsUnderMaxErrorAreLoggedAndTheRestCommits() async throws {
        let connection = try await Connection.open(try await TestServers.postgres())
        let table = try await table(connection)
        let runID = "test-" + UUID().uuidString.prefix(8)
        let load = StagingLoad(connection: connection, plan: plan(table, maxError: 5), runID: runID)
        let result = try await load.run(inbox([("log.json", "{\"id\": 1, \"name\": \"seventeen bytes!!\"}\n{\"id\": 2}\nnot json\n")]))
        #expect(result.rows == 1)
        #expect(result.skipped.map(\.reason) == ["String length exceeds DDL length",
                                                 "Invalid JSON: unexpected character 'n' where an object or array should start"])
        #expect(try await rows(connection, table) == [["2", nil, nil]])
        let logged = try await connection.execute("SELECT line_number, err_code FROM load_errors WHERE run_id = $1 ORDER BY line_number",
                                                  [runID]).rows
        #expect(logged == [["1", "1204"], ["3", "1216"]])
        await connection.close()
    }

    @Test func cancellingLeavesTheTableAsItWas() async throws {
        let connection = try await Connection.open(try await TestServers.postgres())
        let table = try await table(connection)
        let inbox = BoundedChannel<ObjectChunk>(capacity: 4)
        try inbox.sendBlocking(ObjectChunk(object: "slow.json", bytes: Array("{\"id\": 1}\n".utf8), isEndOfObject: false))
        let load = StagingLoad(connection: connection, plan: plan(table))
        let task = Task { try await load.run(inbox) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = await task.result
        guard case .failure(let error as StagingError) = result, case .cancelled = error else {
            Issue.record("expected cancellation, got \(result)")
            return
        }
        // The producer sees the inbox fail, so it stops too.
        #expect(throws: (any Error).self) { try inbox.sendBlocking(ObjectChunk(object: "slow.json", bytes: [], isEndOfObject: true)) }
        #expect(try await rows(connection, table) == [["0", "before", nil]])
        await connection.close()
    }

    @Test func aFailingProducerFailsTheLoadWithItsError() async throws {
        let connection = try await Connection.open(try await TestServers.postgres())
        let table = try await table(connection)
        let inbox = BoundedChannel<ObjectChunk>(capacity: 4)
        try inbox.sendBlocking(ObjectChunk(object: "a.json", bytes: Array("{\"id\": 1}".utf8), isEndOfObject: true))
        inbox.fail(StagingError.source(object: "s3://bucket/b.json", message: "download failed: connection reset"))
        do {
            _ = try await StagingLoad(connection: connection, plan: plan(table)).run(inbox)
            Issue.record("expected the load to fail")
        } catch {
            #expect(error.description == "s3://bucket/b.json: download failed: connection reset")
        }
        #expect(try await rows(connection, table) == [["0", "before", nil]])
        await connection.close()
    }
}
