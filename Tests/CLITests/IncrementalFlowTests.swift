import Foundation
import Testing

/// Tomorrow's log in the sandbox, headless: `generate --days`, `sandbox seed`, `etl --incremental`
/// against moto (S3 listings with ETags) and the sandbox's PostgreSQL.
@Suite struct IncrementalFlowTests {
    func warnings(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  object["event"] as? String == "warning" else { return nil }
            return object["message"] as? String
        }
    }

    @Test func aNewDaySeededIntoTheSandboxIsAllAnIncrementalRunStages() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let generated = try await runner.run(["generate", "--out", "month", "--scale", "0.05", "--seed", "3", "--quiet"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let day30 = "log_data/2018/11/2018-11-30-events.json"
        try FileManager.default.removeItem(atPath: runner.directory + "/month/" + day30)

        try await runner.withSandbox(["--data", runner.directory + "/month"]) { profile in
            #expect(try await runner.run(["create-tables", "--config", profile, "--yes", "--quiet"]).status == 0)
            let full = try await runner.run(["etl", "--config", profile, "--incremental", "--json"])
            #expect(full.status == 0, "\(full.stderr)")
            #expect(warnings(full.stdout) == ["full rebuild instead of an incremental run: no earlier run recorded what it loaded (etl_objects is empty)"])

            let tomorrow = try await runner.run(["generate", "--out", "new", "--scale", "0.05", "--seed", "3", "--days", "30", "--quiet"])
            #expect(tomorrow.status == 0, "\(tomorrow.stderr)")
            let seeded = try await runner.run(["sandbox", "seed", "--state", runner.directory + "/state", "--data", "new", "--json"])
            #expect(seeded.status == 0, "\(seeded.stderr)")
            #expect(seeded.lines.last?.hasPrefix(#"{"seeded": 1, "bytes": "#) == true)

            let incremental = try await runner.run(["etl", "--config", profile, "--incremental", "--json"])
            #expect(incremental.status == 0, "\(incremental.stderr)")
            #expect(warnings(incremental.stdout).prefix(2) == ["staging_events: 1 new of 30 objects",
                                                               "staging_songs: 0 new of 745 objects"])
            let repeated = try await runner.run(["etl", "--config", profile, "--incremental", "--json"])
            #expect(warnings(repeated.stdout).prefix(1) == ["staging_events: 0 new of 30 objects"])

            let refused = try await runner.run(["etl", "--config", profile, "--incremental", "--stage", "songs"])
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("--incremental runs every stage: leave out --stage"))
        }
    }
}
