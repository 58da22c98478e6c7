import Foundation
import Testing
import TestSupport

/// p and u in the console on a sandbox: the cluster panel follows moto's cluster from available to
/// paused and back, and the database steps say how to resume meanwhile; then step 5 with a final snapshot.
@Suite struct ConsolePauseTmuxTests {
    typealias Tmux = ConsoleTmuxTests.Tmux

    @Test func pAndUPauseAndResumeTheCluster() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        try await runner.withSandbox(["--scale", "0.01"]) { profile in
            try await Tmux().driving { tmux in try await drive(tmux, runner, profile: profile) }
        }
    }

    func drive(_ tmux: Tmux, _ runner: SparkifyRunner, profile: String) async throws {
        #expect(try await runner.run(["iac", "up", "--config", profile, "--quiet"]).status == 0)
        try await ConsoleTmuxTests().start(tmux, runner, ["--config", profile])
        var (ok, screen) = try await tmux.waitFor("2 Cluster       done", "status   available")
        #expect(ok, "first screen:\n\(screen)")

        try await tmux.keys("p")
        (ok, screen) = try await tmux.waitFor("status   paused", "P Pause succeeded: dwhCluster paused",
                                             "C Create tables blocked cluster dwhCluster is", "u resume ─┘")
        #expect(ok, "after p:\n\(screen)")
        try await tmux.keys("c")
        (ok, screen) = try await tmux.waitFor("C Create tables: not done: cluster dwhCluster is paused — resume it with u")
        #expect(ok, "c while paused:\n\(screen)")

        try await tmux.keys("u")
        (ok, screen) = try await tmux.waitFor("status   available", "U Resume succeeded: dwhCluster available at",
                                             "2 Cluster       done")
        #expect(ok, "after u:\n\(screen)")

        // Step 5 with a final snapshot typed in the dialog's second field.
        try await tmux.keys("5")
        (ok, screen) = try await tmux.waitFor("Tab: a final snapshot first (optional)")
        #expect(ok, "5:\n\(screen)")
        try await tmux.type("dwhCluster")
        try await tmux.keys("Tab")
        try await tmux.type("s1")
        (ok, screen) = try await tmux.waitFor("take final snapshot s1 of cluster")
        #expect(ok, "typed:\n\(screen)")
        try await tmux.keys("Enter")
        (ok, screen) = try await tmux.waitFor("5 Clean up succeeded")
        #expect(ok, "after 5:\n\(screen)")
        let status = try await runner.run(["iac", "status", "--config", profile])
        #expect(status.stdout.contains("\n  s1  available  manual  "), "\(status.stdout)")
        try await tmux.keys("q")
        (ok, screen) = try await tmux.waitFor("EXIT=0")
        #expect(ok, "q:\n\(screen)")
    }
}
