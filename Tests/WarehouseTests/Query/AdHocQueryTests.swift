import Foundation
import Testing
@testable import Warehouse

@Suite("Ad hoc queries on PostgreSQL")
struct AdHocQueryTests {
    @Test func rowsComeWithTheirColumnTypesAndNullStaysApartFromEmpty() async throws {
        try await TestDatabase.withSchema { connection, _ in
            let answer = try await AdHocQuery("""
                SELECT 1 AS n, CAST(2.5 AS DOUBLE PRECISION) AS x, '' AS empty, CAST(NULL AS VARCHAR(8)) AS missing,
                       CAST('2018-11-30 00:22:07' AS TIMESTAMP) AS at;
                """).run(on: connection)
            #expect(answer.columns == [
                QueryColumn(name: "n", type: "int4"), QueryColumn(name: "x", type: "float8"),
                QueryColumn(name: "empty", type: "text"), QueryColumn(name: "missing", type: "varchar"),
                QueryColumn(name: "at", type: "timestamp"),
            ])
            #expect(answer.rows == [["1", "2.5", "", nil, "2018-11-30 00:22:07"]])
            #expect(answer.more == false)
            #expect(answer.command == "SELECT 1")
        }
    }

    @Test func onlyTheFirstRowsAreFetchedAndTheRestReportedAsMore() async throws {
        try await TestDatabase.withSchema { connection, _ in
            // A million rows: the query stops after the sixth instead of reading them all.
            let answer = try await AdHocQuery("SELECT g FROM generate_series(1, 1000000) g", limit: 5).run(on: connection)
            #expect(answer.rows == [["1"], ["2"], ["3"], ["4"], ["5"]])
            #expect(answer.more)
            let exact = try await AdHocQuery("SELECT g FROM generate_series(1, 5) g", limit: 5).run(on: connection)
            #expect(exact.rows.count == 5 && !exact.more)
            let none = try await AdHocQuery("SELECT 1 AS one WHERE false").run(on: connection)
            #expect(none.columns == [QueryColumn(name: "one", type: "int4")] && none.rows.isEmpty && none.hasRows)
            // The connection is clean afterwards: no transaction left open, no cancel pending.
            #expect(try await connection.execute("SELECT 42").scalar == "42")
        }
    }

    @Test func aWriteIsRefusedUnlessAskedForAndChangesNothing() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await connection.execute("CREATE TABLE kept (n INTEGER)")
            for sql in ["DROP TABLE kept", "INSERT INTO kept VALUES (1)", "CREATE TABLE other (n INTEGER)"] {
                do {
                    _ = try await AdHocQuery(sql).run(on: connection)
                    Issue.record("\(sql) ran in a read-only transaction")
                } catch let error as DatabaseError {
                    #expect(AdHocQuery.isRefusedWrite(error), "\(sql): \(error)")
                }
            }
            // Switching the transaction to read-write is refused too, once it has its snapshot.
            await #expect(throws: DatabaseError.self) { try await AdHocQuery("SET TRANSACTION READ WRITE").run(on: connection) }
            #expect(try await connection.execute("SELECT count(*) FROM kept").scalar == "0")

            let inserted = try await AdHocQuery("INSERT INTO kept VALUES (1), (2)", write: true).run(on: connection)
            #expect(inserted.command == "INSERT 0 2" && !inserted.hasRows)
            #expect(try await connection.execute("SELECT count(*) FROM kept").scalar == "2")
        }
    }

    @Test func oneStatementOnlySoNothingSlipsOutOfTheReadOnlyTransaction() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await connection.execute("CREATE TABLE kept (n INTEGER)")
            do {
                _ = try await AdHocQuery("COMMIT; DROP TABLE kept;").run(on: connection)
                Issue.record("two statements ran")
            } catch let error as DatabaseError {
                #expect(error.sqlState == SQLState.syntaxError)
            }
            #expect(try await connection.execute("SELECT count(*) FROM kept").scalar == "0")
        }
    }

    @Test func aSyntaxErrorNamesItsSQLSTATEAndPosition() async throws {
        try await TestDatabase.withSchema { connection, _ in
            let query = AdHocQuery("SELECT level,\n  count(*) FROM songplays GROUP BY 1 ORDR BY 1;")
            do {
                _ = try await query.run(on: connection)
                Issue.record("the syntax error was not reported")
            } catch let error as DatabaseError {
                #expect(error.sqlState == "42601")
                #expect(error.position == 52)
                #expect(ErrorCaret.lines(sql: query.statement, position: error.position ?? 0) == [
                    "LINE 2:   count(*) FROM songplays GROUP BY 1 ORDR BY 1",
                    "                                             ^",
                ])
            }
        }
    }

    @Test func cancelStopsARunningQueryAndRollsBack() async throws {
        try await TestDatabase.withSchema { connection, _ in
            let watcher = try await TestDatabase.connect()
            let pid = String(connection.backendPID)
            let running = Task { try await AdHocQuery("SELECT pg_sleep(30)").run(on: connection) }
            // Wait until the server itself reports the statement running, then cancel it.
            while try await watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND query LIKE '%pg_sleep(30)%'",
                [pid]).scalar != "1" {
                await Task.yield()
            }
            connection.cancel()
            do {
                _ = try await running.value
                Issue.record("pg_sleep(30) was not cancelled")
            } catch let error as DatabaseError {
                #expect(error.isCancellation)
            }
            #expect(try await connection.execute("SHOW transaction_read_only").scalar == "off")
            await watcher.close()
        }
    }
}
