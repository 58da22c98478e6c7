import AWS
import Config
import Foundation
import Runbook
import TestSupport
import Testing
import Warehouse

/// Faults an ETL run must survive (#9): a second run at once, a backend terminated mid-COPY, records
/// skipped under MAXERROR. Runs are held mid-COPY by ``TinyWarehouseData``'s gate, which the server
/// itself enforces, so "mid-COPY" is what pg_stat_activity says, not a guess about timing.
@Suite("ETL runs under faults")
struct ETLReliabilityTests {
    static func data(extraEventLine: String? = nil) throws -> String {
        try TinyWarehouseData.write(extraEventLine: extraEventLine)
    }

    /// A scratch warehouse with its tables, and the runner's connection to it.
    static func warehouse() async throws -> (DatabaseSettings, Connection) {
        let database = try await ScratchDatabase.make()
        let connection = try await Connection.open(database)
        for statement in DDL.createTablesStatements(dialect: .postgres) { try await connection.execute(statement) }
        return (database, connection)
    }

    static let gateKey = 4242

    /// Makes every row COPY inserts into staging_events wait while `holder` holds the gate.
    static func closeGate(on holder: Connection) async throws {
        for statement in TinyWarehouseData.closeGateSQL(key: gateKey) { try await holder.execute(statement) }
    }

    static func openGate(on holder: Connection) async throws {
        for statement in TinyWarehouseData.openGateSQL(key: gateKey) { try await holder.execute(statement) }
    }

    /// Waits until the server shows `backend` running a COPY that waits at the gate.
    static func waitAtGate(_ backend: Int, watcher: Connection) async throws {
        let query = """
            SELECT count(*) FROM pg_stat_activity
            WHERE pid = \(backend) AND query LIKE 'COPY%' AND wait_event_type = 'Lock'
            """
        for _ in 0..<1000 where try await watcher.execute(query).scalar == "0" {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try await watcher.execute(query).scalar == "1")
    }

    /// A full run on `connection`, started with the gate closed and returned once it waits there mid-COPY.
    static func runHeldAtGate(on connection: Connection, gate: Connection, config: DWHConfig,
                              database: DatabaseSettings) async throws -> (Task<ETLRunner.Summary, any Error>, EventLog) {
        try await closeGate(on: gate)
        let events = EventLog()
        let run = Task {
            try await ETLRunner(connection: connection, config: config, source: ObjectSource(s3: nil), settings: database,
                                onEvent: events.append).run()
        }
        try await waitAtGate(connection.backendPID, watcher: gate)
        return (run, events)
    }

    static func counts(_ connection: Connection) async throws -> [String?] {
        try await connection.execute("""
            SELECT (SELECT count(*) FROM staging_events), (SELECT count(*) FROM staging_songs), (SELECT count(*) FROM songplays),
                   (SELECT count(*) FROM users), (SELECT count(*) FROM songs)
            """).rows.first ?? []
    }

    @Test func aSecondRunIsRefusedAtOnceNamingTheFirstAndTheWarehouseIsASingleRuns() async throws {
        let (database, connection) = try await Self.warehouse()
        let gate = try await Connection.open(database)
        let data = try Self.data()
        let config = try ScratchDatabase.config(database, data: data)
        let (first, started) = try await Self.runHeldAtGate(on: connection, gate: gate, config: config, database: database)

        let other = try await Connection.open(database)
        do {
            _ = try await ETLRunner(connection: other, config: config, source: ObjectSource(s3: nil)).run(stages: [.stagingSongs])
            Issue.record("the second run was not refused")
        } catch {
            guard case .locked(.held(let holder?)) = error else {
                Issue.record("expected the lock's refusal, got \(error)")
                return
            }
            let firstRun = started.all.compactMap { if case .runStarted(let id, _) = $0 { id } else { nil } }.first
            #expect(holder.work == firstRun)
            #expect(holder.backend == connection.backendPID)
            #expect(error.description.hasPrefix("run \(firstRun ?? "?") started "))
            #expect(error.description.hasSuffix(" is in progress — wait, or cancel it there"))
        }
        try await Self.openGate(on: gate)
        let summary = try await first.value
        #expect(summary.checks?.passed == true)
        #expect(try await Self.counts(gate) == ["3", "1", "2", "2", "1"])
        // The refused run left no trace in etl_runs, and the lock is free again.
        #expect(try await gate.execute("SELECT count(*) FROM etl_runs WHERE stage = 'run'").scalar == "1")
        #expect(await RunLock.holder(on: gate, includingThisProcess: true) == nil)
        for connection in [connection, gate, other] { await connection.close() }
    }

    @Test func aBackendTerminatedMidCopyFailsTheRunOnRecordAndTheNextRunSucceeds() async throws {
        let (database, connection) = try await Self.warehouse()
        let watcher = try await Connection.open(database)
        let config = try ScratchDatabase.config(database, data: try Self.data())
        _ = try await ETLRunner(connection: connection, config: config, source: ObjectSource(s3: nil)).run()
        let before = try await Self.counts(watcher)
        await connection.close()

        let runner = try await Connection.open(database)
        let (run, events) = try await Self.runHeldAtGate(on: runner, gate: watcher, config: config, database: database)
        try await watcher.execute("SELECT pg_terminate_backend(\(runner.backendPID))")
        do {
            _ = try await run.value
            Issue.record("the run survived its backend")
        } catch {
            let failure = try #require(error as? ETLError)
            #expect(failure.isConnectionLost)
            #expect(failure.description.hasPrefix("staging_events: "))
            #expect(failure.description.contains("terminating connection due to administrator command"))
        }
        try await Self.openGate(on: watcher)
        #expect(try await Self.counts(watcher) == before)
        let outcomes = try await watcher.execute(
            """
            SELECT outcome, stage FROM etl_runs
            WHERE run_id = (SELECT run_id FROM etl_runs WHERE stage = 'run' ORDER BY started_at DESC LIMIT 1) ORDER BY stage
            """).rows
        #expect(outcomes == [["failed", "run"], ["failed", "staging_events"]])
        // The failed stage's last report keeps what it had done: no zeros behind negative rates.
        let last = events.all.compactMap { event -> (StageProgress, ETLOutcome)? in
            if case .stageFinished(let progress, let outcome, _) = event { return (progress, outcome) } else { return nil }
        }.last
        #expect(last?.1 == .failed)
        #expect(last?.0.stage == .stagingEvents)
        #expect(last.map { $0.0.objectsDone == 1 && $0.0.objectsTotal == 1 && $0.0.bytes > 0 } == true)

        // The failure was recorded on a fresh connection, which also cleared the lock's row.
        #expect(try await watcher.execute("SELECT count(*) FROM etl_lock").scalar == "0")
        let again = try await Connection.open(database)
        let nextEvents = EventLog()
        let summary = try await ETLRunner(connection: again, config: config, source: ObjectSource(s3: nil),
                                          onEvent: nextEvents.append).run()
        #expect(summary.checks?.passed == true)
        #expect(nextEvents.all.allSatisfy { if case .warning = $0 { false } else { true } })
        #expect(try await Self.counts(watcher) == before)
        await again.close()
        await watcher.close()
        await runner.close()
    }

    @Test func recordsSkippedUnderMaxErrorAreAWarningNamingThem() async throws {
        let (database, connection) = try await Self.warehouse()
        let data = try Self.data(extraEventLine: #"{"ts": "soon", "page": "Home"}"#)
        let config = try ScratchDatabase.config(database, data: data)
        let events = EventLog()
        _ = try await ETLRunner(connection: connection, config: config, source: ObjectSource(s3: nil), maxError: 5,
                                onEvent: events.append).run(stages: [.stagingEvents])
        let warnings = events.all.compactMap { if case .warning(let text) = $0 { text } else { nil } }
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.hasPrefix("staging_events: 1 record skipped: \(data)/log_data/2018-11-01-events.json line 2, "))
        #expect(warning.hasSuffix("; see load_errors"))
        await connection.close()
    }

    @Test func aServerStoppedMidRunFailsItAndTheNextLookClosesTheRowAsInterrupted() async throws {
        let server = try await OwnPostgres.start()
        let database = server.settings
        let connection = try await Connection.open(database)
        for statement in DDL.createTablesStatements(dialect: .postgres) { try await connection.execute(statement) }
        let gate = try await Connection.open(database)
        let config = try ScratchDatabase.config(database, data: try Self.data())
        let (run, _) = try await Self.runHeldAtGate(on: connection, gate: gate, config: config, database: database)

        try await server.stop()
        do {
            _ = try await run.value
            Issue.record("the run survived its server")
        } catch {
            let failure = try #require(error as? ETLError)
            #expect(failure.isConnectionLost)
            #expect(failure.description.hasPrefix("staging_events: "))
        }

        // `sandbox up` again: the first look at the database closes the row nobody could write.
        try await server.restart()
        let reader = try await Connection.open(database)
        #expect(try await reader.execute("SELECT outcome FROM etl_runs WHERE stage = 'run'").rows == [["running"]])
        let observer = RunbookObserver(provisioning: ProvisioningTarget(config: config), region: "us-east-1",
                                       provisioner: nil, database: database)
        let look = await observer.observe(.database, previous: Observation(config: config))
        #expect(look.etlRun?.outcome == .interrupted)
        #expect(try await reader.execute("SELECT outcome FROM etl_runs WHERE stage = 'run'").rows == [["interrupted"]])
        #expect(try await Self.counts(reader) == ["0", "0", "0", "0", "0"])
        await reader.close()
        await server.remove()
    }
}
