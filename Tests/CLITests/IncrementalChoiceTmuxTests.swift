import Foundation
import Testing
import TestSupport

/// `e` after a previous run, in the real binary in tmux (issue 14): a full ETL, tomorrow's log seeded
/// into the sandbox's bucket, then `e` asks "only new objects (1) / everything", `n` loads only the new
/// day and the ETL panel shows "1 new of 30 objects".
@Suite struct IncrementalChoiceTmuxTests {
    typealias Tmux = ConsoleTmuxTests.Tmux

    @Test func tomorrowsLogIsOfferedAndLoadedAlone() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let month = runner.directory + "/month"
        #expect(try await runner.run(["generate", "--out", month, "--scale", "0.05", "--seed", "3", "--quiet"]).status == 0)
        try FileManager.default.removeItem(atPath: month + "/log_data/2018/11/2018-11-30-events.json")

        try await runner.withSandbox(["--data", month]) { profile in
            #expect(try await runner.run(["create-tables", "--config", profile, "--yes", "--quiet"]).status == 0)
            let full = try await runner.run(["etl", "--config", profile, "--quiet"])
            #expect(full.status == 0, "full etl: \(full.stderr)")
            let tomorrow = try await runner.run(["generate", "--out", "new", "--scale", "0.05", "--seed", "3", "--days", "30", "--quiet"])
            #expect(tomorrow.status == 0, "\(tomorrow.stderr)")
            let seeded = try await runner.run(["sandbox", "seed", "--state", runner.directory + "/state", "--data", "new", "--quiet"])
            #expect(seeded.status == 0, "\(seeded.stderr)")

            try await Tmux().driving { tmux in try await drive(tmux, runner, profile: profile) }
        }
    }

    func drive(_ tmux: Tmux, _ runner: SparkifyRunner, profile: String) async throws {
        try await ConsoleTmuxTests().start(tmux, runner, ["--config", profile])
        // Wide enough for the ETL panel's "N new of M objects" in full (80 columns say "1/30 new").
        try await tmux.resize(160, 48)
        var (ok, screen) = try await tmux.waitFor("E Run ETL       done", "c e r steps")
        #expect(ok, "first screen:\n\(screen)")

        try await tmux.keys("e")
        (ok, screen) = try await tmux.waitFor("E Run ETL: what to load", "staging_events  1 new of 30 objects",
                                              "staging_songs   0 new of 745 objects", "n  only new objects (1)", "e  everything")
        #expect(ok, "e:\n\(screen)")

        try await tmux.keys("n")
        (ok, screen) = try await tmux.waitFor("E Run ETL succeeded", "✓ 1 new of 30 objects", "✓ 0 new of 745 objects", seconds: 120)
        #expect(ok, "n:\n\(screen)")
        #expect(!screen.contains("what to load"), "the dialog stays open:\n\(screen)")

        try await tmux.keys("q")
        (ok, screen) = try await tmux.waitFor("EXIT=0")
        #expect(ok, "after q:\n\(screen)")
    }
}
