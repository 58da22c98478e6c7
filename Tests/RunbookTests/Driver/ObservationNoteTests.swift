import AWS
import Foundation
import Runbook
import Synchronization
import Testing
import TestSupport
import Warehouse

/// Each look at AWS and the database is one log line, its calls and statements in the line's detail, and
/// a fresh database is looked at without a failing statement.
@Suite("Engine: one log line per observation")
struct ObservationNoteTests {
    @Test func theSummarySaysWhatWasFound() {
        #expect(ObservationNote(awsCalls: 0, tablesExisting: 7, tablesKnown: 7, seconds: 0.0031, detail: []).summary
            == "observed: 7 tables counted, 3 ms")
        #expect(ObservationNote(awsCalls: 4, tablesExisting: 0, tablesKnown: 7, seconds: 0.0415, detail: []).summary
            == "observed: 4 AWS calls, no tables yet, 42 ms")
        #expect(ObservationNote(awsCalls: 1, tablesExisting: 3, tablesKnown: 7, seconds: 0.002, detail: []).summary
            == "observed: 1 AWS call, 3 of 7 tables counted, 2 ms")
        #expect(ObservationNote(awsCalls: 0, tablesExisting: nil, tablesKnown: 7, databaseProblem: "connection refused",
                                seconds: 0.001, detail: []).summary
            == "observed: database: connection refused, 1 ms")
    }

    @Test func itIsOneLogLineWithItsDetailAndOneJSONLine() {
        let note = ObservationNote(awsCalls: 1, tablesExisting: 7, tablesKnown: 7, seconds: 0.0034,
                                   detail: ["IAM GetRole 200 r-1 3 ms", "SQL SELECT version() — 1 row, 0.4 ms"])
        #expect(RunbookEvent.observed(note).logEntry
            == LogRing.Entry(.observe, "observed: 1 AWS call, 7 tables counted, 3 ms", detail: note.detail))
        #expect(RunbookEvent.observed(note).jsonLine
            == #"{"aws_calls":1,"detail":["IAM GetRole 200 r-1 3 ms","SQL SELECT version() — 1 row, 0.4 ms"],"event":"observed","ms":3.4,"summary":"observed: 1 AWS call, 7 tables counted, 3 ms","tables":7}"#)
    }

    @Test func aFreshDatabaseIsLookedAtWithoutAFailingStatement() async throws {
        let settings = try await ScratchDatabase.make()
        let observer = RunbookObserver(provisioning: EngineObserverTests.target(), region: "us-east-1", provisioner: nil,
                                       database: settings)
        let base = EngineObserverTests.base(EngineObserverTests.target(), host: settings.host)
        let fresh = try #require(await observer.observe(.database, previous: base).note)
        #expect(fresh.tablesExisting == 0)
        #expect(fresh.summary.hasPrefix("observed: no tables yet, "))
        // The connection's one `SELECT version()` (the dialect, detected once) and the catalog: nothing fails.
        #expect(fresh.detail.map { String($0.prefix(30)) } == ["SQL SELECT version() — 1 row, ", "SQL SELECT relname FROM pg_cat"])

        let connection = try await Connection.open(settings)
        try await TableSetup.recreate(on: connection)
        await connection.close()
        let created = try #require(await observer.observe(.database, previous: base).note)
        #expect(created.tablesExisting == 7)
        #expect(created.detail.filter { $0.hasPrefix("SQL SELECT version()") }.count == 1)
        #expect(created.detail.filter { $0.hasPrefix("SQL SELECT count(*) FROM") && !$0.contains("pg_") }.count == 7)
        #expect(!created.detail.contains { $0.contains("failed") }, "\(created.detail)")
    }

    @Test func awsCallsOfAnObservationFoldIntoItsNote() async throws {
        let reported = Mutex<[RunbookEvent]>([])
        let aws = AWSClient(settings: try await TestServers.moto(),
                            observer: RunbookObserver.awsCalls { event in reported.withLock { $0.append(event) } })
        let provisioner = Provisioner(aws: aws, pollInterval: 0.05, timeout: 60)
        let target = EngineObserverTests.target()
        let observer = RunbookObserver(provisioning: target, region: "us-east-1", provisioner: provisioner, database: nil)
        let note = try #require(await observer.observe(.aws, previous: EngineObserverTests.base(target, host: nil)).note)
        #expect(note.awsCalls > 0)
        #expect(note.detail.count == note.awsCalls)
        #expect(note.tablesExisting == nil)
        #expect(reported.withLock { $0 }.isEmpty)

        // Outside an observation (a step's own calls) each call is an event of its own.
        _ = try await provisioner.up(target, cidr: "10.1.2.3/32", through: .role, events: { _ in })
        #expect(reported.withLock { $0 }.contains {
            if case .awsCall(let call) = $0 { return call.action == "CreateRole" }
            return false
        })
        _ = try await provisioner.down(target, finalSnapshot: nil, events: { _ in })
    }
}
