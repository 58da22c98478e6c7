import Config
import Foundation
import Testing
@testable import Warehouse

@Suite("Connection against PostgreSQL")
struct ConnectionTests {
    @Test func connectsAndDetectsThePostgresDialect() async throws {
        let connection = try await TestDatabase.connect()
        #expect(connection.serverVersion.hasPrefix("PostgreSQL "))
        #expect(connection.dialect == .postgres)
        #expect(connection.backendPID > 0)
        let pid = try await connection.execute("SELECT pg_backend_pid()").scalar
        #expect(pid == String(connection.backendPID))
        await connection.close()
    }

    @Test func theDialectCanBeForced() async throws {
        let connection = try await Connection.open(TestDatabase.settings(), dialect: .redshift)
        #expect(connection.dialect == .redshift)
        await connection.close()
    }

    @Test func parametersTravelApartFromTheSQL() async throws {
        let connection = try await TestDatabase.connect()
        let result = try await connection.execute(
            "SELECT $1::int + 1 AS answer, $2::text IS NULL AS missing, $3::text AS verbatim",
            ["41", nil, "'); DROP TABLE users; --"])
        #expect(result == QueryResult(columns: ["answer", "missing", "verbatim"],
                                      rows: [["42", "t", "'); DROP TABLE users; --"]], affectedRows: 1))
        await connection.close()
    }

    @Test func affectedRowsAreCounted() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await connection.execute("CREATE TABLE t (id int PRIMARY KEY)")
            let inserted = try await connection.execute("INSERT INTO t SELECT generate_series(1, 5)")
            #expect(inserted.affectedRows == 5)
            let deleted = try await connection.execute("DELETE FROM t WHERE id > $1", ["3"])
            #expect(deleted.affectedRows == 2)
        }
    }

    @Test func serverErrorsCarrySQLStateMessageAndTheFirstLine() async throws {
        let connection = try await TestDatabase.connect()
        let error = await #expect(throws: DatabaseError.self) {
            try await connection.execute("\n  SELECT *\n  FROM no_such_table")
        }
        #expect(error == DatabaseError(kind: .server, sqlState: "42P01",
                                       message: #"relation "no_such_table" does not exist"#, statement: "SELECT *",
                                       position: 20))
        #expect(error?.description == """
            database error 42P01: relation "no_such_table" does not exist
              statement: SELECT *
            """)
        // The connection is still usable afterwards.
        #expect(try await connection.execute("SELECT 1").scalar == "1")
        await connection.close()
    }

    @Test func errorsCarryDetailAndHint() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await connection.execute("CREATE TABLE t (id int PRIMARY KEY)")
            try await connection.execute("INSERT INTO t VALUES (1)")
            let duplicate = await #expect(throws: DatabaseError.self) {
                try await connection.execute("INSERT INTO t VALUES ($1)", ["1"])
            }
            #expect(duplicate?.sqlState == "23505")
            #expect(duplicate?.detail == "Key (id)=(1) already exists.")
            let misspelt = await #expect(throws: DatabaseError.self) {
                try await connection.execute("SELECT idd FROM t")
            }
            #expect(misspelt?.sqlState == "42703")
            #expect(misspelt?.hint == #"Perhaps you meant to reference the column "t.id"."#)
        }
    }

    @Test func noticesGoToTheHandlerNotStderr() async throws {
        let connection = try await TestDatabase.connect()
        let notices = Collected<Notice>()
        connection.setNoticeHandler { notices.append($0) }
        try await connection.execute("DROP TABLE IF EXISTS surely_absent_table")
        #expect(notices.all == [Notice(severity: "NOTICE", sqlState: "00000",
                                       message: #"table "surely_absent_table" does not exist, skipping"#)])
        await connection.close()
    }

    @Test func theObserverSeesEveryStatement() async throws {
        let records = Collected<StatementRecord>()
        let connection = try await TestDatabase.connect { records.append($0) }
        try await connection.execute("SELECT generate_series(1, 3)\n-- second line")
        _ = try? await connection.execute("SELECT nonsense_column")
        let seen = records.all.map { "\($0.firstLine) | \($0.rows.map(String.init) ?? "-") | \($0.error?.sqlState ?? "ok")" }
        #expect(seen == [
            "SELECT version() | 1 | ok",
            "SELECT generate_series(1, 3) | 3 | ok",
            "SELECT nonsense_column | - | 42703",
        ])
        #expect(records.all.allSatisfy { $0.seconds >= 0 && $0.seconds < 5 })
        await connection.close()
    }

    @Test func cancelStopsARunningStatementQuickly() async throws {
        let connection = try await TestDatabase.connect()
        let started = Date()
        let sleeping = Task { try await connection.execute("SELECT pg_sleep(60)") }
        // cancel() cancels what runs right now: wait until the server runs the statement.
        let watcher = try await TestDatabase.connect()
        let deadline = Date().addingTimeInterval(30)   // a hang guard
        while try await watcher.execute("SELECT state FROM pg_stat_activity WHERE pid = $1", ["\(connection.backendPID)"]).scalar != "active",
              Date() < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        await watcher.close()
        connection.cancel()
        let error = await #expect(throws: DatabaseError.self) { try await sleeping.value }
        #expect(error?.sqlState == "57014")
        #expect(error?.isCancellation == true)
        #expect(Date().timeIntervalSince(started) < 55)   // 57014 proves the cancel; the bound only guards against a hang (the loaded suite took 32 s)
        #expect(try await connection.execute("SELECT 2").scalar == "2")
        await connection.close()
    }

    @Test func cancellingTheTaskCancelsTheStatement() async throws {
        let connection = try await TestDatabase.connect()
        let started = Date()
        let task = Task { try await connection.execute("SELECT pg_sleep(60)") }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let error = await #expect(throws: DatabaseError.self) { try await task.value }
        #expect(error?.sqlState == "57014")
        #expect(Date().timeIntervalSince(started) < 55)   // 57014 proves the cancel; the bound only guards against a hang (the loaded suite took 32 s)
        await connection.close()
    }

    /// A cancel that reaches the server only after its statement ended must not cancel the next one:
    /// the next statement starts once the cancel has arrived, and there it finds nothing to cancel.
    @Test func aCancelArrivingLateNeverHitsTheNextStatement() async throws {
        let proxy = try await SlowCancelProxy.start(upstream: try await TestDatabase.settings().port, delay: 1)
        defer { proxy.stop() }
        var settings = try await TestDatabase.settings()
        settings.port = proxy.port
        let connection = try await Connection.open(settings)
        let cancelled = Task { try await connection.execute("SELECT pg_sleep(0.1)") }
        try await Task.sleep(for: .milliseconds(50))
        cancelled.cancel()
        // The statement ends before its cancel, held a second by the proxy, reaches the server.
        _ = await cancelled.result
        await #expect(throws: Never.self) { try await connection.execute("SELECT pg_sleep(2)") }
        await connection.close()
    }

    /// A task cancelled while its statement waits behind another task's never runs it, and the running
    /// statement, which is not its own, is left alone.
    @Test func aStatementCancelledWhileQueuedNeverStartsAndCancelsNothingElse() async throws {
        let gate = try await TestDatabase.connect()
        let key = Int.random(in: 1_000_000...2_000_000)
        try await gate.execute("SELECT pg_advisory_lock(\(key))")
        try await TestDatabase.withSchema { connection, _ in
            try await connection.execute("CREATE TABLE t (id int)")
            // Runs until the gate lets go, whatever the machine's load.
            let running = Task { try await connection.execute("SELECT pg_advisory_xact_lock(\(key))") }
            try await Task.sleep(for: .milliseconds(200))
            let queued = Task { try await connection.execute("INSERT INTO t VALUES (1)") }
            try await Task.sleep(for: .milliseconds(200))
            queued.cancel()
            try await gate.execute("SELECT pg_advisory_unlock(\(key))")
            let error = await #expect(throws: DatabaseError.self) { try await queued.value }
            #expect(error?.isCancellation == true)
            let ran = await running.result
            #expect((try? ran.get()) != nil, "the running statement: \(ran)")
            #expect(try await connection.execute("SELECT count(*) FROM t").scalar == "0")
        }
        await gate.close()
    }

    @Test func cancellingATaskInsideATransactionRollsItBack() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await connection.execute("CREATE TABLE t (id int)")
            try await connection.execute("INSERT INTO t VALUES (1)")
            let task = Task {
                try await connection.transaction { connection in
                    try await connection.execute("DELETE FROM t")
                    try await connection.execute("SELECT pg_sleep(60)")
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            let error = await #expect(throws: DatabaseError.self) { try await task.value }
            #expect(error?.isCancellation == true)
            #expect(try await connection.execute("SELECT array_agg(id)::text FROM t").scalar == "{1}")
        }
    }

    @Test func aWrongPasswordIsAConnectErrorThatNeverShowsIt() async throws {
        var settings = try await TestDatabase.settings()
        settings.password = Secret("wrong-password-\(UUID().uuidString)")
        settings.user = "no_such_role_\(UUID().uuidString.prefix(8))"
        let error = await #expect(throws: DatabaseError.self) { try await Connection.open(settings) }
        #expect(error?.kind == .connect)
        #expect(error?.description.contains(settings.user) == true)
        #expect(error?.description.contains(settings.password!.reveal()) == false)
    }

    @Test func aClosedConnectionRefusesWork() async throws {
        let connection = try await TestDatabase.connect()
        await connection.close()
        let error = await #expect(throws: DatabaseError.self) { try await connection.execute("SELECT 1") }
        #expect(error?.kind == .connection)
    }

    @Test func transactionsCommitOrRollBack() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await connection.execute("CREATE TABLE t (id int)")
            try await connection.transaction { try await $0.execute("INSERT INTO t VALUES (1)") }
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await connection.transaction { connection in
                    try await connection.execute("INSERT INTO t VALUES (2)")
                    throw Boom()
                }
            }
            let failing = await #expect(throws: DatabaseError.self) {
                try await connection.transaction { connection in
                    try await connection.execute("INSERT INTO t VALUES (3)")
                    try await connection.execute("INSERT INTO t VALUES ('three')")
                }
            }
            #expect(failing?.sqlState == "22P02")
            #expect(try await connection.execute("SELECT array_agg(id ORDER BY id)::text FROM t").scalar == "{1}")
        }
    }
}
