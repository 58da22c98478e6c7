import Foundation
import Testing
import TestSupport

/// The console's log on the sample data, read off the screen page by page: the operator's actions one
/// line each, every look at AWS and the database one `observed:` line, and no failing statement on a
/// fresh database.
@Suite struct ConsoleLogTmuxTests {
    typealias Tmux = ConsoleTmuxTests.Tmux

    /// The log panel's rows on `screen` by their index in the whole log (from the "↑ N above" mark), or
    /// nil when the screen shows no log panel.
    static func logRows(_ screen: String) -> [Int: String]? {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        guard let top = lines.firstIndex(where: { String($0).contains("┌ ▸ Log") }),
              let left = String(lines[top]).range(of: "┌ ▸ Log").map({ String(lines[top])[..<$0.lowerBound].count }),
              let right = lines[top][left...].firstIndex(of: "┐") else { return nil }
        let edge = String(lines[top][left...right])
        let above = (try? Regex(#"↑ (\d+) above"#)).flatMap { edge.firstMatch(of: $0) }.flatMap { Int($0.output[1].substring ?? "") } ?? 0
        var rows: [Int: String] = [:]
        for (offset, line) in lines[(top + 1)...].enumerated() {
            guard line.count > right, line[left] == "│" else { break }
            rows[above + offset] = String(line[(left + 1)..<right]).trimmingCharacters(in: .whitespaces)
        }
        return rows
    }

    /// The log panel's rows once two captures agree: one taken mid-redraw can pair the new page's
    /// "↑ N above" with the old page's rows, and the old rows would be read twice.
    static func settledLogRows(_ tmux: Tmux) async throws -> [Int: String]? {
        var previous = logRows(try await tmux.screen())
        for _ in 0..<50 {
            try await Task.sleep(for: .milliseconds(50))
            let current = logRows(try await tmux.screen())
            if current == previous { return current }
            previous = current
        }
        return previous
    }

    @Test func afterCreateTablesAndTheETLTheLogShowsTheOperatorsActions() async throws {
        guard let sample = SharedFixtures.directory("data/udacity-sample") else { return }
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        try await runner.withSandbox(["--data", sample.path]) { profile in
            try await Tmux().driving { tmux in try await drive(tmux, runner, profile: profile) }
        }
    }

    func drive(_ tmux: Tmux, _ runner: SparkifyRunner, profile: String) async throws {
        try FileManager.default.copyItem(atPath: profile, toPath: runner.directory + "/dwh.cfg")
        let environment = runner.environment.filter { ["HOME", "PATH", "XDG_STATE_HOME"].contains($0.key) }
            .map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let command = "cd '\(runner.directory)' && env \(environment) LANG=C.UTF-8 TERM=screen-256color "
            + "'\(try SparkifyRunner.executable())'; echo \"EXIT=$?\"; sleep 60"
        try await tmux.run(["new-session", "-d", "-s", tmux.session, "-x", "200", "-y", "60", command])

        // A fresh database: looked at through the catalog, so nothing fails.
        var (ok, screen) = try await tmux.waitFor("C Create tables pending", "observed: ", "no tables yet")
        #expect(ok, "first screen:\n\(screen)")
        #expect(!screen.contains("42P01"), "a failing statement on a fresh database:\n\(screen)")

        try await tmux.keys("c")
        (ok, screen) = try await tmux.waitFor("C Create tables done    7 tables", "C Create tables succeeded")
        #expect(ok, "after c:\n\(screen)")
        try await tmux.keys("e")
        (ok, screen) = try await tmux.waitFor("E Run ETL       done    songplays", "E Run ETL succeeded", seconds: 180)
        #expect(ok, "after e:\n\(screen)")
        // The look after the last stage has counted the loaded tables.
        (ok, screen) = try await tmux.waitUntil { $0.contains("songplays") && !$0.contains("songplays                0") }
        #expect(ok, "counts after e:\n\(screen)")

        // Read the whole log: from the oldest line, a page at a time, to the newest.
        try await tmux.keys("l")
        try await tmux.keys("Home")
        (ok, screen) = try await tmux.waitFor("End follows")
        var log: [Int: String] = [:]
        for _ in 0..<500 {
            guard let rows = try await Self.settledLogRows(tmux) else { break }
            screen = try await tmux.screen()
            log.merge(rows) { old, _ in old }
            if !screen.contains("End follows") { break }
            try await tmux.keys("PageDown")
            // The page moved when its first row's index changed.
            _ = try await tmux.waitUntil(seconds: 5) { Self.logRows($0)?.keys.min() != rows.keys.min() || !$0.contains("End follows") }
        }
        let lines = log.keys.sorted().compactMap { log[$0] }
        let text = lines.joined(separator: "\n")
        FileHandle.standardError.write(Data("console log (\(lines.count) lines):\n\(text)\n".utf8))

        // The operator's actions, one line each.
        #expect(lines.contains { $0.hasPrefix("C Create tables succeeded") }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("E Run ETL succeeded") }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("SQL COPY staging_events") }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("S3 GetObject 200") }, "\(text)")
        // Each look is one line: none of its statements stand on their own.
        #expect(lines.filter { $0.hasPrefix("observed: ") }.count >= 3, "\(text)")
        // (The checks count the final tables; only a look counts the staging ones.)
        // The dialect is detected once per connection: C's, the comparison's that `e` asks for (only new
        // objects or everything?), E's and its second transform lane's (a look's own is in its detail).
        #expect(lines.contains { $0.hasPrefix("E Run ETL: comparing the sources") }, "\(text)")
        #expect(lines.filter { $0.hasPrefix("SQL SELECT version()") }.count == 4, "\(text)")
        // The comparison looks for etl_objects once, on its own connection; every other catalog look is
        // inside an observation.
        #expect(lines.filter { $0.hasPrefix("SQL SELECT relname") }.count == 1, "\(text)")
        for statement in ["SQL SELECT count(*) FROM staging_events —",
                          "SQL SELECT count(*) FROM staging_songs —", "SQL SELECT r.run_id"] {
            #expect(!lines.contains { $0.hasPrefix(statement) }, "\(statement) logged on its own:\n\(text)")
        }
        #expect(!text.contains("42P01"), "\(text)")
    }
}
