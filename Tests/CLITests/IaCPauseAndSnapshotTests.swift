import Foundation
import TestSupport
import Testing

/// `iac pause|resume` and `iac down --snapshot` / `iac up --from-snapshot`, each on a sandbox of its own:
/// moto's cluster changes state while the sandbox's PostgreSQL stays up.
@Suite struct IaCPauseAndSnapshotTests {
    static func steps(_ run: SparkifyRunner.Run) -> [String] { IaCCommandTests.steps(run) }

    @Test func pauseThenResumeRoundTripsAndTheDatabaseStepsWaitMeanwhile() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        try await runner.withSandbox(["--scale", "0.01"]) { profile in
            let up = try await runner.run(["iac", "up", "--config", profile])
            #expect(up.status == 0, "\(up.stderr)")

            let pause = try await runner.run(["iac", "pause", "--config", profile])
            #expect(pause.status == 0, "\(pause.stderr)")
            #expect(Self.steps(pause) == [], "\(pause.stdout)")
            #expect(pause.stdout.contains("P Pause        pausing dwhCluster: compute stops billing, storage is still billed\n"), "\(pause.stdout)")
            #expect(pause.stdout.contains("P Pause        done dwhCluster paused: compute is not billed while paused, storage still is\n"),
                    "\(pause.stdout)")

            let status = try await runner.run(["iac", "status", "--config", profile])
            #expect(status.stdout.contains("cluster  dwhCluster  paused  dc2.large × 4"), "\(status.stdout)")
            #expect(status.stdout.contains("2 Cluster      blocked  cluster dwhCluster is paused — resume it with u or `sparkify iac resume`"),
                    "\(status.stdout)")

            // Pausing changes only moto's state: the sandbox's PostgreSQL stays up, and a headless command on
            // the profile's [CLUSTER] HOST asks only the database (the console, which looks at AWS too, waits).
            let counts = try await runner.run(["counts", "--config", profile])
            #expect(counts.status == 0, "\(counts.stderr)")
            // On AWS a paused cluster's host does not answer: a database that does not answer sends the
            // command to ask AWS, and it says how to resume instead of "cannot connect".
            let silent = runner.directory + "/silent.cfg"
            let lines = try String(contentsOfFile: profile, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            try lines.map { $0.hasPrefix("DB_PORT=") ? "DB_PORT=1" : String($0) }.joined(separator: "\n")
                .write(toFile: silent, atomically: true, encoding: .utf8)
            let refused = try await runner.run(["counts", "--config", silent])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("error: R Row counts: cluster dwhCluster is paused — resume it with u or `sparkify iac resume`"),
                    "\(refused.stderr)")

            // Pausing a paused cluster changes nothing and says so.
            let again = try await runner.run(["iac", "pause", "--config", profile])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.contains("already done dwhCluster is paused"), "\(again.stdout)")

            let resume = try await runner.run(["iac", "resume", "--config", profile, "--json"])
            #expect(resume.status == 0, "\(resume.stderr)")
            let last = SparkifyRunner.objects(resume).last
            #expect(last?["step"] as? String == "resume")
            #expect(last?["outcome"] as? String == "succeeded")
            #expect((last?["detail"] as? String)?.hasPrefix("dwhCluster available at dwhCluster.") == true, "\(last ?? [:])")

            let after = try await runner.run(["iac", "status", "--config", profile])
            #expect(after.stdout.contains("cluster  dwhCluster  available  dc2.large × 4"), "\(after.stdout)")
        }
    }

    @Test func aFinalSnapshotOnCleanUpRestoresInStep2() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        try await runner.withSandbox(["--scale", "0.01"]) { profile in
            let first = try await runner.run(["iac", "up", "--config", profile])
            try #require(first.status == 0, "\(first.stdout)\n\(first.stderr)")

            // Without --yes the question says what will be kept.
            let asked = try await runner.run(["iac", "down", "--snapshot", "s1", "--config", profile])
            #expect(asked.status == 2)
            #expect(asked.stderr.contains("Clean up will take final snapshot s1 of cluster dwhCluster, delete the cluster,"), "\(asked.stderr)")

            let bad = try await runner.run(["iac", "down", "--snapshot", "s_1", "--yes", "--config", profile])
            #expect(bad.status == 2)
            #expect(bad.stderr.hasPrefix("Error: --snapshot 's_1': a snapshot identifier may only hold letters, digits and hyphens"), "\(bad.stderr)")

            let down = try await runner.run(["iac", "down", "--snapshot", "s1", "--yes", "--config", profile])
            #expect(down.status == 0, "\(down.stderr)")
            #expect(down.stdout.contains("5 Clean up     deleting dwhCluster (final snapshot s1)"), "\(down.stdout)")

            let status = try await runner.run(["iac", "status", "--config", profile])
            #expect(status.stdout.contains("cluster  dwhCluster: none (run `sparkify iac up`)"), "\(status.stdout)")
            #expect(status.stdout.contains("snapshots of dwhCluster (restore one with `sparkify iac up --from-snapshot ID`):\n  s1  available  manual  "),
                    "\(status.stdout)")

            let up = try await runner.run(["iac", "up", "--from-snapshot", "s1", "--config", profile])
            #expect(up.status == 0, "\(up.stderr)")
            #expect(Self.steps(up).contains("2 Cluster      restoring"), "\(up.stdout)")
            #expect(up.stdout.contains("2 Cluster      restoring dwhCluster from snapshot s1"), "\(up.stdout)")

            let json = try await runner.run(["iac", "status", "--config", profile, "--json"])
            let cluster = SparkifyRunner.objects(json).last?["cluster"] as? [String: Any]
            #expect(cluster?["status"] as? String == "available")
            // The restored cluster has an automated snapshot of its own (moto takes one as Redshift does).
            let snapshots = (cluster?["snapshots"] as? [[String: Any]]) ?? []
            #expect(snapshots.first?["identifier"] as? String == "s1", "\(snapshots)")
            #expect(snapshots.first?["type"] as? String == "manual", "\(snapshots)")

            let unknown = try await runner.run(["iac", "down", "--yes", "--config", profile])
            #expect(unknown.status == 0, "\(unknown.stderr)")
            let missing = try await runner.run(["iac", "up", "--from-snapshot", "no-such-snapshot", "--config", profile])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("ClusterSnapshotNotFound"), "\(missing.stderr)")
        }
    }
}
