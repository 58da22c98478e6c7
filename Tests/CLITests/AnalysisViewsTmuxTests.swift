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
                               plays: try #require(object?["plays"] as? Int), badFile: (bad as NSString).lastPathComponent)
            }
        }
    }

    /// `;` as a key: at the end of a send-keys argument tmux reads it as its own command separator.
    func semicolon(_ tmux: Tmux) async throws {
        try await tmux.run(["send-keys", "-t", tmux.session, "-H", "3b"])
    }

    /// 6820 → "6,820", as the console groups digits.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        return String(digits.enumerated().flatMap { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
        })
    }

    func drive(_ tmux: Tmux, _ runner: SparkifyRunner, profile: String, topUser: String, plays: Int, badFile: String) async throws {
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

        // s: the catalog from the database (songplays with its rows, a column with its type), then a
        // query's rows in the grid.
        try await tmux.keys("s")
        (ok, screen) = try await tmux.waitFor("▸ SQL (read-only)", "sql> ", "songplays (\(Self.grouped(plays)))", "  start_time timestamp")
        #expect(ok, "s:\n\(screen)")
        // The help while letters go to the prompt: ? on the empty prompt, F1 once something is typed.
        try await tmux.keys("?")
        (ok, screen) = try await tmux.waitFor("┌ Keys", "F1 ?", "run the statement once it ends with ;")
        #expect(ok, "? on the empty prompt:\n\(screen)")
        try await tmux.keys("Escape")
        try await tmux.type("SELECT level, count(*) AS plays FROM songplays?")
        (ok, screen) = try await tmux.waitFor("sql> SELECT level, count(*) AS plays FROM songplays?")
        #expect(ok && !screen.contains("┌ Keys"), "? typed:\n\(screen)")
        try await tmux.keys("F1")
        (ok, screen) = try await tmux.waitFor("┌ Keys", "F1 ?")
        #expect(ok, "F1 while typing:\n\(screen)")
        try await tmux.keys("Escape")
        try await tmux.keys("BSpace")
        try await tmux.keys("Enter")
        try await tmux.type("GROUP BY 1 ORDER BY 1")
        try await semicolon(tmux)
        try await tmux.keys("Enter")
        (ok, screen) = try await tmux.waitUntil { screen in
            screen.contains("2 rows in") && screen.contains("level  plays") && screen.contains("│ free ") && screen.contains("│ paid ")
        }
        #expect(ok, "the grid:\n\(screen)")

        // A long statement, cancelled with Esc; the keys stay live while it runs. Both are timed from
        // the key to the screen (capture-pane polled, so an upper bound); the bounds only guard against
        // a hang — bench/sql-cancel.sh measures them against the 1 s and 100 ms goals.
        try await tmux.type("SELECT pg_sleep(30)")
        try await semicolon(tmux)
        try await tmux.keys("Enter")
        (ok, screen) = try await tmux.waitFor("running: SELECT pg_sleep(30);")
        #expect(ok, "pg_sleep:\n\(screen)")
        let clock = ContinuousClock()
        let typed = clock.now
        try await tmux.type("SELECT 1")
        (ok, screen) = try await tmux.waitFor("sql> SELECT 1", "running: SELECT pg_sleep(30);")
        let echo = clock.now - typed
        #expect(ok && echo < .seconds(10), "typing while it runs (\(echo)):\n\(screen)")
        let escaped = clock.now
        try await tmux.keys("Escape")
        (ok, screen) = try await tmux.waitFor("cancelled", seconds: 20)
        let cancelled = clock.now - escaped
        // pg_sleep(30) left alone would end after 30 s with a row, never "cancelled".
        #expect(ok && cancelled < .seconds(15), "Esc while running (\(cancelled)):\n\(screen)")
        try await tmux.keys("Escape")
        (ok, screen) = try await tmux.waitFor("┌ ▸ Runbook")
        #expect(ok, "Esc from sql:\n\(screen)")

        // h: the run, and the record it rejected with its file and line.
        try await tmux.keys("h")
        (ok, screen) = try await tmux.waitFor("▸ History", "succeeded", "1 rejected record", badFile, "line ")
        #expect(ok, "h:\n\(screen)")
        // Who ran it where, with which sparkify.
        let version = try await runner.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        (ok, screen) = try await tmux.waitFor("rows  by", "— succeeded by ", "@", "(sparkify \(version))")
        #expect(ok, "h names who ran it:\n\(screen)")

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
