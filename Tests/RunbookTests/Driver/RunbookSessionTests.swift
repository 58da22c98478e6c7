import Config
import Foundation
import Runbook
import Sandbox
import Synchronization
import TestSupport
import Testing
import Warehouse

/// ``RunbookSession`` carrying the engine's actions out against a real PostgreSQL and generated files:
/// the steps as the console and headless commands run them.
@Suite("Runbook session: steps C, E, R for real")
struct RunbookSessionTests {
    final class Events: Sendable {
        typealias Condition = @Sendable (RunbookEvent) -> Bool
        private let events = Mutex<[RunbookEvent]>([])
        private let gates = Mutex<[(Condition, AsyncStream<Void>.Continuation)]>([])

        func append(_ event: RunbookEvent) {
            events.withLock { $0.append(event) }
            let open = gates.withLock { gates in
                let (open, shut) = (gates.filter { $0.0(event) }, gates.filter { !$0.0(event) })
                gates = shut
                return open
            }
            for (_, gate) in open { gate.yield(); gate.finish() }
        }

        /// Opens at the first event from now on that `holds` for (a gate on the session's own events).
        func gate(_ holds: @escaping Condition) -> AsyncStream<Void> {
            let (stream, continuation) = AsyncStream<Void>.makeStream()
            gates.withLock { $0.append((holds, continuation)) }
            return stream
        }

        var all: [RunbookEvent] { events.withLock { $0 } }
        func results(_ step: RunbookStep) -> [StepOutcome] {
            all.compactMap { if case .result(step, let outcome) = $0 { return outcome } else { return nil } }
        }
    }

    static func generated(scale: Double) async throws -> String {
        let directory = try TemporaryDirectory.make("session-data")
        _ = try await DataGenerator(scale: scale, seed: 7).write(to: directory) { _ in }
        return directory
    }

    static func session(_ database: DatabaseSettings, data: String) throws -> (RunbookSession, Events) {
        let config = try ScratchDatabase.config(database, data: data)
        let events = Events()
        let world = try RunbookWorld.make(config: config, report: events.append)
        return (RunbookSession(work: StepWork(world: world), onEvent: events.append), events)
    }

    static func count(_ database: DatabaseSettings, _ table: String) async throws -> Int {
        let connection = try await Connection.open(database)
        defer { Task { await connection.close() } }
        return Int(try await connection.execute("SELECT count(*) FROM \(table)").scalar ?? "") ?? -1
    }

    @Test func createTablesThenETLThenCountsAndCreateTablesAsksOverRows() async throws {
        let database = try await ScratchDatabase.make()
        let data = try await Self.generated(scale: 0.02)
        let (session, events) = try Self.session(database, data: data)
        session.start()
        await session.settled()
        #expect(session.engine.state(of: .etl) == .blocked(
            "needs the tables (step C): staging_events, staging_songs, songplays, users, songs, artists, time missing"))

        session.request(.createTables)
        await session.settled()
        #expect(events.results(.createTables) == [.succeeded("7 tables created (postgres)")])
        #expect(session.engine.state(of: .createTables) == .done("7 tables"))

        session.request(.etl)
        await session.settled()
        guard case .succeeded(let detail)? = events.results(.etl).first else {
            Issue.record("etl did not succeed: \(events.results(.etl))"); return
        }
        let songplays = try await Self.count(database, "songplays")
        #expect(songplays > 0)
        #expect(detail.hasSuffix("songplays \(songplays) rows"))
        #expect(session.engine.state(of: .etl) == .done("songplays \(songplays) rows"))
        // Every stage reported its end, and the log saw SQL.
        let finished = events.all.compactMap { if case .stageFinished(let report, .succeeded, _) = $0 { return report.stage } else { return nil } }
        // (The "list S3" line finishes once per staging stage.)
        #expect(Set(finished) == Set(PipelineStage.all))
        #expect(finished.last == .stage(.checks))
        #expect(events.all.contains { if case .sqlStatement = $0 { return true } else { return false } })
        // The tables panel got the new counts without being asked.
        let lastCounts = events.all.compactMap { if case .counts(let counts) = $0 { return counts } else { return nil } }.last
        #expect(lastCounts?.rows("songplays") == songplays)

        // Quit and start again: a new session remembers nothing, and shows the same truth.
        let (restarted, _) = try Self.session(database, data: data)
        restarted.start()
        await restarted.settled()
        for step in [RunbookStep.connect, .createTables, .etl, .counts] {
            #expect(restarted.engine.state(of: step).name == session.engine.state(of: step).name, "\(step)")
        }
        #expect(restarted.engine.state(of: .etl) == .done("songplays \(songplays) rows"))
        #expect(restarted.engine.state(of: .createTables) == .done("7 tables"))

        // Over tables with rows, C asks first; "no" changes nothing.
        session.request(.createTables)
        #expect(session.engine.pendingConfirmation?.step == .createTables)
        session.answer("n")
        await session.settled()
        #expect(try await Self.count(database, "songplays") == songplays)
    }

    @Test func cancellingTheETLRollsTheStageBackAndTheNextRunCompletes() async throws {
        let database = try await ScratchDatabase.make()
        let data = try await Self.generated(scale: 1)
        let (session, events) = try Self.session(database, data: data)
        session.start()
        await session.settled()
        session.request(.createTables)
        await session.settled()
        // A first full run, so the final tables hold rows the cancelled run must not touch.
        session.request(.etl)
        await session.settled()
        let before = try await Self.count(database, "songplays")
        #expect(before > 0)

        // Cancel once staging_songs is under way.
        let underWay = events.gate { if case .stageProgress(let r) = $0, r.stage == .stage(.stagingSongs) { return true } else { return false } }
        session.request(.etl)
        for await _ in underWay { break }
        let clock = ContinuousClock()
        let asked = clock.now
        session.cancel()
        await session.settled()
        // Only a guard against a cancel that never lands: the 2 s promise is measured on the binary
        // (HeadlessFlowTests, bench/interrupt.sh); this wait also covers the look after it, under full load.
        #expect(asked.duration(to: clock.now) < .seconds(30))
        #expect(events.results(.etl).last == .cancelled)
        #expect(try await Self.count(database, "songplays") == before)
        // etl_runs says so too: a restarted console shows the truth, not a run "in progress" forever.
        guard case .failed(let reason) = session.engine.observation.derivedState(of: .etl) else {
            Issue.record("E after a cancelled run: \(session.engine.observation.derivedState(of: .etl))"); return
        }
        #expect(reason.hasPrefix("cancelled in staging_songs"))

        session.request(.etl)
        await session.settled()
        #expect(events.results(.etl).last.map { if case .succeeded = $0 { true } else { false } } == true)
        #expect(try await Self.count(database, "songplays") == before)
    }
}

/// Observations run side by side; one that started earlier but lands later must not undo a newer one.
@Suite struct RunbookSessionObservationOrderTests {
    @Test func aStaleObservationLandingLateIsDropped() async throws {
        let config = try DWHConfig(file: INIFile(parsing: "[CLUSTER]\nHOST=127.0.0.1\n", source: "test.cfg"))
        let world = try RunbookWorld.make(config: config, report: { _ in })
        let calls = Mutex(0)
        // Gates, not clocks: the first look is under way before the second starts, and lands only after
        // the second has landed (its counts reached the face).
        let (firstStarted, started) = AsyncStream<Void>.makeStream()
        let (secondLanded, landed) = AsyncStream<Void>.makeStream()
        let session = RunbookSession(work: StepWork(world: world), observe: { scope, previous in
            let call = calls.withLock { calls in
                calls += 1
                return calls
            }
            var observation = previous
            let rows = call == 1 ? 0 : 5   // the first look saw the tables before a stage committed
            let tables = WarehouseSchema.counted.map { RowCounts.TableCount(name: $0.name, rows: rows) }
            observation.database = .known(DatabaseFacts(dialect: .postgres, address: "u@127.0.0.1:5432/d",
                                                        tables: RowCounts(tables: tables, at: Date())))
            if call == 1 {
                started.yield()
                for await _ in secondLanded { break }
            }
            return observation
        }, onEvent: { event in
            if case .counts(let counts) = event, counts.rows("songplays") == 5 { landed.yield() }
        })
        session.start()
        for await _ in firstStarted { break }
        session.refresh(.database)
        await session.settled()
        #expect(calls.withLock { $0 } == 2)
        #expect(session.engine.observation.database.value?.tables?.rows("songplays") == 5)
        #expect(session.engine.state(of: .etl) == .done("songplays 5 rows"))
    }
}
