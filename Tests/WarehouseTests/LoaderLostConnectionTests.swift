import Foundation
import TestSupport
import Testing
@testable import Warehouse

/// A staging load whose backend is terminated mid-COPY stops its producer instead of draining the
/// whole source into a dead socket (#9, item 4: libpq swallows the failed write until the COPY ends;
/// the load's probe and each write look at the socket).
@Suite("Staging load losing its backend")
struct LoaderLostConnectionTests {
    @Test func aTerminatedBackendFailsTheProducersSendAndTheLoadWithTheServersMessage() async throws {
        let settings = try await TestServers.postgres()
        let connection = try await Connection.open(settings)
        let admin = try await Connection.open(settings)
        let table = "lost_test_" + UUID().uuidString.prefix(8).lowercased()
        let key = Int.random(in: 1_000_000...2_000_000)
        try await SharedLoadErrorsTable.ready()
        try await admin.execute("CREATE TABLE \(table) (id integer)")
        try await admin.execute("INSERT INTO \(table) VALUES (0)")
        // The gate: every row the COPY inserts waits for an advisory lock this session holds.
        try await admin.execute("""
            CREATE FUNCTION \(table)_gate() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_advisory_xact_lock_shared(\(key)); RETURN NEW; END $$
            """)
        try await admin.execute("CREATE TRIGGER gate BEFORE INSERT ON \(table) FOR EACH ROW EXECUTE FUNCTION \(table)_gate()")
        try await admin.execute("SELECT pg_advisory_lock(\(key))")

        let load = StagingLoad(connection: connection, plan: LoadPlan(table: table, columns: [LoadColumn(name: "id", type: .integer)],
                                                                      options: CopyOptions()))
        let inbox = BoundedChannel<ObjectChunk>(capacity: 4)
        let loading = Task { try await load.run(inbox) }
        // A producer that never runs out: only a failed inbox stops it.
        let producer = Task { () -> Int in
            let rows = Array(repeating: #"{"id": 7}"#, count: 2000).joined(separator: "\n")
            var sent = 0
            while true {
                do {
                    try await inbox.send(ObjectChunk(object: "endless-\(sent).json", bytes: Array(rows.utf8), isEndOfObject: true))
                } catch {
                    return sent
                }
                sent += 1
            }
        }
        let waiting = "SELECT count(*) FROM pg_stat_activity WHERE pid = \(connection.backendPID) AND query LIKE 'COPY%' AND wait_event_type = 'Lock'"
        for _ in 0..<1000 where try await admin.execute(waiting).scalar == "0" { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try await admin.execute(waiting).scalar == "1")

        try await admin.execute("SELECT pg_terminate_backend(\(connection.backendPID))")
        let sent = await producer.value
        #expect(sent > 0)
        let result = await loading.result
        guard case .failure(let failure) = result, case .database(let error, _)? = failure as? StagingError else {
            Issue.record("expected the load to fail with the database's error, got \(result)")
            return
        }
        #expect(error.isConnectionLost)
        // Here the COPY's writer is blocked (the gated server reads nothing), and libpq itself reads the
        // server's goodbye when the write fails, then reports the closed socket. A COPY whose writes go
        // through — the usual case, measured on the binary — reports the server's own 57P01 message.
        // Under load libpq may instead see the reset itself ("could not send data", "connection … reset").
        #expect(error.sqlState == "57P01" || error.message.contains("server closed the connection unexpectedly")
                    || error.message.localizedCaseInsensitiveContains("connection"), "\(error.message)")

        try await admin.execute("SELECT pg_advisory_unlock(\(key))")
        #expect(try await admin.execute("SELECT id FROM \(table)").rows == [["0"]])
        try await admin.execute("DROP TABLE \(table)")
        try await admin.execute("DROP FUNCTION \(table)_gate()")
        await connection.close()
        await admin.close()
    }
}
