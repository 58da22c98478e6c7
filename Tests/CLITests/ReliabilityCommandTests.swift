import Config
import Foundation
import TestSupport
import Testing
import Warehouse

/// The binary's answers to the faults of #9: a second `etl` while one runs, and config mistakes.
@Suite struct ReliabilityCommandTests {
    typealias Setup = CreateTablesCommandTests.Setup

    static func sources(_ data: String) -> String {
        "[S3]\nLOG_DATA=\(data)/log_data\nLOG_JSONPATH=\(data)/log_json_path.json\nSONG_DATA=\(data)/song_data"
    }

    @Test func aSecondEtlWhileOneRunsExitsOneNamingTheFirstAndTheWarehouseIsASingleRuns() async throws {
        let setup = try await Setup(extraConfig: Self.sources(try TinyWarehouseData.write()))
        #expect(try await setup.runner.run(["create-tables"]).status == 0)
        let key = Int.random(in: 3_000_000...4_000_000)
        for statement in TinyWarehouseData.closeGateSQL(key: key) { try await setup.connection.execute(statement) }

        let first = try setup.runner.launch(["etl"])
        for _ in 0..<1500 where try await setup.connection.execute(TinyWarehouseData.waitingAtGateSQL(key: key)).scalar == "0" {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try await setup.connection.execute(TinyWarehouseData.waitingAtGateSQL(key: key)).scalar == "1")
        let runID = try #require(try await setup.connection.execute("SELECT run_id FROM etl_runs WHERE outcome = 'running'").scalar)

        // "At once": a second run that waited for the first would still be running here; stop it then.
        let second = try setup.runner.launch(["etl"])
        for _ in 0..<3000 where second.process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        if second.process.isRunning {
            Issue.record("the second etl is still running while the first holds the lock")
            second.process.terminate()
        }
        #expect(await second.exitStatus() == 1)
        let user = ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
        let refusal = try #require(second.stderr.split(separator: "\n").last.map(String.init))
        #expect(refusal.hasPrefix("error: "))
        #expect(refusal.contains("run \(runID) started "))
        #expect(refusal.hasSuffix(" by \(user)@\(RunLock.Holder.hostName()) is in progress — wait, or cancel it there"))

        for statement in TinyWarehouseData.openGateSQL(key: key) { try await setup.connection.execute(statement) }
        #expect(await first.exitStatus() == 0, "\(first.stderr)")
        let counts = try await setup.connection.execute("""
            SELECT (SELECT count(*) FROM staging_events), (SELECT count(*) FROM songplays), (SELECT count(*) FROM users),
                   (SELECT count(*) FROM songs), (SELECT count(*) FROM etl_runs WHERE stage = 'run')
            """).rows
        #expect(counts == [["3", "2", "2", "1", "1"]])
        try await setup.tearDown()
    }

    @Test func aConfigWithoutClusterSectionIsAUsageErrorNamingIt() async throws {
        let runner = try SparkifyRunner(environment: [:])
        FileManager.default.createFile(atPath: runner.directory + "/dwh.cfg", contents: Data("[S3]\nLOG_DATA=/data/log_data\n".utf8),
                                       attributes: [.posixPermissions: 0o600])
        let run = try await runner.run(["etl"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("dwh.cfg has no [CLUSTER] section: add [CLUSTER] with HOST"))
        runner.remove()
    }

    @Test func anUnterminatedQuoteIsAUsageErrorNamingTheLine() async throws {
        let runner = try SparkifyRunner(environment: [:])
        FileManager.default.createFile(atPath: runner.directory + "/dwh.cfg",
                                       contents: Data("[CLUSTER]\nHOST=127.0.0.1\nDB_NAME='dwh\n".utf8),
                                       attributes: [.posixPermissions: 0o600])
        let run = try await runner.run(["counts"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("dwh.cfg line 3: the value of DB_NAME opens a ' quote that is not closed on this line"))
        runner.remove()
    }

    @Test func aDirectoryAsConfigIsCalledADirectory() async throws {
        let runner = try SparkifyRunner(environment: [:])
        let run = try await runner.run(["etl", "--config", runner.directory])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot read \(runner.directory): is a directory"))
        runner.remove()
    }
}
