import Testing
@testable import Warehouse

@Suite("create-tables on PostgreSQL")
struct TableSetupTests {
    @Test func populatedTablesAreTheOnesHoldingRows() async throws {
        try await TestDatabase.withSchema { connection, _ in
            #expect(try await TableSetup.populatedTables(on: connection) == [])
            try await TableSetup.recreate(on: connection)
            try await StagedRows.insert(TransformTests.events, on: connection)
            try await connection.execute("INSERT INTO users (user_id) VALUES ('1'), ('2')")
            #expect(try await TableSetup.populatedTables(on: connection) == [
                .init(name: "staging_events", rows: 6), .init(name: "users", rows: 2),
            ])
            try await TableSetup.recreate(on: connection)
            #expect(try await TableSetup.populatedTables(on: connection) == [])
        }
    }

    @Test func aFailureHalfwayLeavesTheOldTables() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await TableSetup.recreate(on: connection)
            try await connection.execute("INSERT INTO users (user_id) VALUES ('1')")
            // A view on users makes DROP TABLE users fail after the fact table was already dropped.
            try await connection.execute("CREATE VIEW paid_users AS SELECT * FROM users")
            let error = await #expect(throws: DatabaseError.self) { try await TableSetup.recreate(on: connection) }
            #expect(error?.sqlState == "2BP01")
            #expect(error?.statement == "DROP TABLE IF EXISTS users")
            #expect(try await connection.execute("SELECT count(*) FROM users").scalar == "1")
            #expect(try await connection.execute("SELECT count(*) FROM songplays").scalar == "0")
        }
    }
}
