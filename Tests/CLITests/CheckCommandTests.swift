import Config
import Foundation
import TestSupport
import Testing

/// `sparkify check` (step 4) against the tests' PostgreSQL.
@Suite struct CheckCommandTests {
    func config(_ db: DatabaseSettings, in directory: String, port: Int? = nil) throws -> String {
        let path = directory + "/check.cfg"
        try """
            [CLUSTER]
            HOST='\(db.host)'
            DB_NAME='\(db.database)'
            DB_USER='\(db.user)'
            DB_PASSWORD='\(db.password?.reveal() ?? "")'
            DB_PORT=\(port ?? db.port)
            """.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    @Test func reportsTheDialectAndVersionOfAReachableDatabase() async throws {
        let db = try await TestServers.postgres()
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let path = try config(db, in: runner.directory)

        let run = try await runner.run(["check", "--config", path, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let objects = try run.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let result = try #require(objects.first { $0["event"] as? String == "result" })
        #expect(result["step"] as? String == "connect")
        let detail = result["detail"] as? String ?? ""
        #expect(detail.hasPrefix("\(db.user)@\(db.host):\(db.port)/\(db.database) — postgres, connect "))
        #expect(detail.contains(" — PostgreSQL "))
        #expect(!run.stdout.contains(db.password?.reveal() ?? "-"))

        let text = try await runner.run(["check", "--config", path])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("4 connect    ok            \(db.user)@\(db.host):\(db.port)/\(db.database) — postgres, connect "))
    }

    @Test func anUnreachableDatabaseFailsWithWhereItLooked() async throws {
        let db = try await TestServers.postgres()
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let path = try config(db, in: runner.directory, port: 1)   // nothing listens on port 1
        let run = try await runner.run(["check", "--config", path])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error: cannot connect to the database: \(db.user)@\(db.host):1/\(db.database): "))
        #expect(!run.stderr.contains(db.password?.reveal() ?? "-"))
    }

    @Test func noConfigAtAllIsAUsageError() async throws {
        let runner = try SparkifyRunner(environment: ["XDG_STATE_HOME": "/nonexistent"])
        defer { runner.remove() }
        let run = try await runner.run(["check"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("sparkify sandbox up"))
    }
}
