import Foundation
import Testing
import TestSupport

/// The Insights, SQL and History views in the real binary, in tmux, on a sandbox after an ETL that
/// rejected one record (MAXERROR > 0): keys in (send-keys), the screen read back (capture-pane).
@Suite struct AnalysisViewsTmuxTests {
    typealias Tmux = ConsoleTmuxTests.Tmux

    @Test func insightsSQLAndHistoryOnALoadedSandbox() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let data = runner.directory + "/data"
        #expect(try await runner.run(["generate", "--out", data, "--scale", "0.05", "--quiet"]).status == 0)
        // One record the loader must reject: its ts is not a number.
        let logs = (FileManager.default.enumerator(atPath: data + "/log_data")?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        let bad = try #require(logs.first)
        let handle = try #require(FileHandle(forWritingAtPath: data + "/log_data/" + bad))
        handle.seekToEndOfFile()
        handle.write(Data("\n{\"page\": \"NextSong\", \"ts\": \"soon\", \"userId\": \"1\"}".utf8))
        try handle.close()
        try await runner.withSandbox(["--data", data]) { profile in
            #expect(try await runner.run(["create-tables", "--config", profile, "--quiet"]).status == 0)
            let etl = try await runner.run(["etl", "--config", profile, "--max-error", "5", "--quiet"])
            #expect(etl.status == 0, "etl: \(etl.stderr)")
            let insights = try await runner.run(["insights", "--config", profile, "--json"])
            let object = try JSONSerialization.jsonObject(with: Data(insights.stdout.utf8)) as? [String: Any]
            let topUser = try #require((object?["top_users"] as? [[String: Any]])?.first)
            try await Tmux().driving { tmux in
                try await drive(tmux, runner, profile: profile, topUser: "\(topUser["first_name"] ?? "") \(topUser["last_name"] ?? "")",
                                badFile: (bad as NSString).lastPathComponent)
            }
        }
    }

    /// `;` as a key: at the end of a send-keys argument tmux reads it as its own command separator.
    func semicolon(_ tmux: Tmux) async throws {
        try await tmux.run(["send-keys", "-t", tmux.session, "-H", "3b"])
    }

    func drive(_ tmux: Tmux, _ runner: SparkifyRunner, profile: String, topUser: String, badFile: String) async throws {
        try FileManager.default.copyItem(atPath: profile, toPath: runner.directory + "/dwh.cfg")
        let environment = runner.environment.filter { ["HOME", "PATH", "XDG_STATE_HOME"].contains($0.key) }
            .map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let command = "cd '\(runner.directory)' && env \(environment) LANG=C.UTF-8 TERM=screen-256color "
            + "'\(try SparkifyRunner.executable())'; echo \"EXIT=$?\"; sleep 60"
        try await tmux.run(["new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "40", command])
        var (ok, screen) = try await tmux.waitFor("E Run ETL       done", "i insights")
        #expect(ok, "first screen:\n\(screen)")

        // i: the hour chart, then (scrolled) the top user.
        try await tmux.keys("i")
        (ok, screen) = try await tmux.waitFor("▸ Insights at", "plays by hour of day (UTC)", "00 █", "matched a song")
        #expect(ok, "i:\n\(screen)")
        try await tmux.keys("PageDown")
        try await tmux.keys("PageDown")
        try await tmux.keys("PageDown")
        (ok, screen) = try await tmux.waitFor("top users", "  1  \(topUser) (")
        #expect(ok, "top user \(topUser):\n\(screen)")
        try await tmux.keys("Escape")
        (ok, screen) = try await tmux.waitFor("┌ ▸ Runbook")
        #expect(ok, "Esc from insights:\n\(screen)")

        // s: a query's rows in the grid.
        try await tmux.keys("s")
        (ok, screen) = try await tmux.waitFor("▸ SQL (read-only)", "sql> ")
        #expect(ok, "s:\n\(screen)")
        try await tmux.type("SELECT level, count(*) AS plays FROM songplays")
        try await tmux.keys("Enter")
        try await tmux.type("GROUP BY 1 ORDER BY 1")
        try await semicolon(tmux)
        try await tmux.keys("Enter")
        (ok, screen) = try await tmux.waitUntil { screen in
            screen.contains("2 rows in") && screen.contains("level  plays") && screen.contains("│ free ") && screen.contains("│ paid ")
        }
        #expect(ok, "the grid:\n\(screen)")

        // A long statement, cancelled with Esc; the keys stay live while it runs.
        try await tmux.type("SELECT pg_sleep(30)")
        try await semicolon(tmux)
        try await tmux.keys("Enter")
        (ok, screen) = try await tmux.waitFor("running: SELECT pg_sleep(30);")
        #expect(ok, "pg_sleep:\n\(screen)")
        try await tmux.type("SELECT 1")
        (ok, screen) = try await tmux.waitFor("sql> SELECT 1")
        #expect(ok, "typing while it runs:\n\(screen)")
        try await tmux.keys("Escape")
        (ok, screen) = try await tmux.waitFor("cancelled", seconds: 5)
        #expect(ok, "Esc while running:\n\(screen)")
        try await tmux.keys("Escape")
        (ok, screen) = try await tmux.waitFor("┌ ▸ Runbook")
        #expect(ok, "Esc from sql:\n\(screen)")

        // h: the run, and the record it rejected with its file and line.
        try await tmux.keys("h")
        (ok, screen) = try await tmux.waitFor("▸ History", "succeeded", "1 rejected record", badFile, "line ")
        #expect(ok, "h:\n\(screen)")

        for view in ["i", "s", "h"] {
            try await tmux.keys("Escape")
            try await tmux.keys(view)
            for (width, height) in [(80, 24), (200, 60)] {
                try await tmux.resize(width, height)
                (ok, screen) = try await tmux.waitUntil { screen in
                    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                    return lines.count == height && lines.allSatisfy { $0.count <= width }
                        && lines[2].hasPrefix("┌ ▸ ") && lines[height - 2].hasSuffix("┘")
                }
                #expect(ok, "\(view) at \(width)×\(height):\n\(screen)")
            }
            try await tmux.resize(60, 20)
            (ok, screen) = try await tmux.waitFor("terminal is 60×20; sparkify needs at least 80×24")
            #expect(ok, "\(view) at 60×20:\n\(screen)")
            try await tmux.resize(120, 40)
        }
        try await tmux.keys("Escape")
        try await tmux.keys("q")
        (ok, screen) = try await tmux.waitFor("EXIT=0")
        #expect(ok, "after q:\n\(screen)")
    }
}
