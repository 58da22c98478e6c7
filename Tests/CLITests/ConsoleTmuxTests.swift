import Foundation
import Testing
import TestSupport
import Warehouse

/// The console as an operator sees it: the real binary in tmux on a sandbox seeded with generated data,
/// driven by keys (send-keys) and read off the screen (capture-pane), step by step.
@Suite struct ConsoleTmuxTests {
    /// A tmux server of the test's own (its own socket), holding one session.
    struct Tmux {
        let socket = "sparkify-test-" + UUID().uuidString.prefix(8)
        let session = "console"

        /// Runs a tmux command through `system` on a thread of its own. (Foundation's `Process` never
        /// saw the tmux client exit once the client had started the server: the test hung.)
        @discardableResult
        func run(_ arguments: [String]) async throws -> String {
            let path = FileManager.default.temporaryDirectory.path + "/\(socket)-\(UUID().uuidString.prefix(8)).out"
            defer { try? FileManager.default.removeItem(atPath: path) }
            let quoted = (["tmux", "-L", socket] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            let command = quoted.joined(separator: " ") + " >'\(path)' 2>/dev/null </dev/null"
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                Thread.detachNewThread {
                    _ = system(command)
                    continuation.resume()
                }
            }
            return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        }

        /// Runs `body` against this server and kills the server afterwards, whatever happened; `body`'s
        /// error is rethrown.
        func driving(_ body: (Tmux) async throws -> Void) async throws {
            var failure: (any Error)?
            do { try await body(self) } catch { failure = error }
            try await run(["kill-server"])
            if let failure { throw failure }
        }

        func screen() async throws -> String { try await run(["capture-pane", "-p", "-t", session]) }
        func keys(_ keys: String...) async throws { try await run(["send-keys", "-t", session] + keys) }
        func type(_ text: String) async throws { try await run(["send-keys", "-t", session, "-l", text]) }
        func resize(_ width: Int, _ height: Int) async throws {
            try await run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
        }

        /// Waits until the screen shows every one of `texts`; returns the screen (the last one seen when
        /// it never did, so the failure shows what was there).
        func waitFor(_ texts: String..., seconds: Double = 30) async throws -> (Bool, String) {
            try await waitUntil(seconds: seconds) { screen in texts.allSatisfy(screen.contains) }
        }

        /// Waits until `holds` is true of the screen (a frame may be caught half drawn: look again).
        func waitUntil(seconds: Double = 30, _ holds: (String) -> Bool) async throws -> (Bool, String) {
            let deadline = Date().addingTimeInterval(seconds)
            var last = ""
            while Date() < deadline {
                last = try await screen()
                if holds(last) { return (true, last) }
                try await Task.sleep(for: .milliseconds(100))
            }
            // Also on stderr: the test log keeps the screen even when the issue's message is cut.
            FileHandle.standardError.write(Data("console e2e: timed out; the screen was:\n\(last)\n".utf8))
            return (false, last)
        }
    }

    /// Lines of the log files (events) and song files under a generated data directory.
    static func fileCounts(_ data: String) throws -> (events: Int, songs: Int) {
        var events = 0, songs = 0
        for case let path as String in FileManager.default.enumerator(atPath: data)! where path.hasSuffix(".json") {
            if path.hasPrefix("log_data/") {
                events += try String(contentsOfFile: data + "/" + path, encoding: .utf8).split(separator: "\n").count
            } else if path.hasPrefix("song_data/") {
                songs += 1
            }
        }
        return (events, songs)
    }

    /// The tables panel shows `table` with `rows` and `change` on one line.
    static func tableRow(_ table: String, _ rows: String, change: String, in screen: String) -> Bool {
        screen.split(separator: "\n").contains { line in
            line.contains(try! Regex("│\(table) +\(rows) +\(change) "))
        }
    }

    static func grouped(_ number: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_US")
        return formatter.string(from: NSNumber(value: number)) ?? "\(number)"
    }

    /// `sparkify --config PROFILE` opens the console on that profile; SIGTERM while the ETL runs closes it
    /// as quitting does: the terminal restored, the run cancelled and closed in etl_runs, why on stderr, 143.
    @Test func theRootsConfigOpensTheConsoleAndSIGTERMClosesItCleanly() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        try await runner.withSandbox(["--scale", "0.2"]) { profile in
            try await Tmux().driving { tmux in try await terminate(tmux, runner, profile: profile) }
        }
    }

    /// Starts `sparkify ARGUMENTS` in a tmux session of 120×40, its pid written to `pidFile`, and after it
    /// ends `EXIT=<status>` on the screen.
    func start(_ tmux: Tmux, _ runner: SparkifyRunner, _ arguments: [String], pidFile: String? = nil) async throws {
        let environment = runner.environment.filter { ["HOME", "PATH", "XDG_STATE_HOME"].contains($0.key) }
            .map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let program = ([try SparkifyRunner.executable()] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let launch = pidFile.map { "sh -c 'echo $$ > \"\($0)\"; exec \"$0\" \"$@\"' " } ?? ""
        let command = "cd '\(runner.directory)' && env \(environment) LANG=C.UTF-8 TERM=screen-256color "
            + launch + program + "; echo \"EXIT=$?\"; sleep 60"
        try await tmux.run(["new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "40", command])
    }

    func terminate(_ tmux: Tmux, _ runner: SparkifyRunner, profile: String) async throws {
        let pidFile = runner.directory + "/console.pid"
        try await start(tmux, runner, ["--config", profile], pidFile: pidFile)
        // The first look has landed once E knows there are no tables.
        var (ok, screen) = try await tmux.waitFor("sparkify — \(profile)", "1 IAM role      pending", "C Create tables pending",
                                                  "E Run ETL       blocked needs the tables")
        #expect(ok, "first screen:\n\(screen)")
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))

        try await tmux.keys("c")
        // E is pending once the look after C has seen the tables (before it, e is refused: no tables).
        (ok, screen) = try await tmux.waitFor("C Create tables done", "E Run ETL       pending")
        #expect(ok, "after c:\n\(screen)")
        // A gate, not a race with a fast run: songplays held in SHARE mode (reads still go through), so
        // the run cannot get past its first transform before SIGTERM has cancelled it.
        let gate = try await HeadlessFlowTests.connection(profile: profile)
        try await gate.execute("BEGIN")
        try await gate.execute("LOCK TABLE songplays IN SHARE MODE")
        try await tmux.keys("e")
        (ok, screen) = try await tmux.waitFor("E Run ETL       running")
        #expect(ok, "e:\n\(screen)")
        // The screen says running at the key press; SIGTERM waits until the run has its etl_runs row
        // (a run cancelled while it takes the run lock has nothing to close).
        let deadline = Date().addingTimeInterval(60)
        while try await gate.execute("SELECT count(*) FROM etl_runs WHERE stage = 'run' AND outcome = 'running'").scalar != "1",
              Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(pid, SIGTERM)
        (ok, screen) = try await tmux.waitFor("EXIT=143")
        #expect(ok, "after SIGTERM:\n\(screen)")
        try await gate.execute("ROLLBACK")
        await gate.close()
        // The screen is the shell's again (ncurses left its screen), with the reason on stderr.
        #expect(!screen.contains("┌ ▸ Runbook"), "\(screen)")
        #expect(screen.contains("sparkify: the console closed on SIGTERM; E Run ETL was cancelled and rolled back"), "\(screen)")
        let connection = try await HeadlessFlowTests.connection(profile: profile)
        let run = try await connection.execute("SELECT outcome FROM etl_runs WHERE stage = 'run' ORDER BY started_at DESC LIMIT 1").scalar
        await connection.close()
        #expect(run == "cancelled")
    }

    @Test func theRunbookFromRoleToCleanUpAndResizes() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let data = runner.directory + "/data"
        #expect(try await runner.run(["generate", "--out", data, "--scale", "0.05", "--quiet"]).status == 0)
        try await runner.withSandbox(["--data", data]) { profile in
            try await Tmux().driving { tmux in try await drive(tmux, runner, profile: profile, expected: try Self.fileCounts(data)) }
        }
    }

    func drive(_ tmux: Tmux, _ runner: SparkifyRunner, profile: String, expected: (events: Int, songs: Int)) async throws {
        // `sparkify` alone, as the README's main command runs it, on ./dwh.cfg (the sandbox's profile).
        try FileManager.default.copyItem(atPath: profile, toPath: runner.directory + "/dwh.cfg")
        try await start(tmux, runner, [])

        // What AWS and the database say, not what was remembered: no role, no tables.
        var (ok, screen) = try await tmux.waitFor("1 IAM role      pending", "C Create tables pending",
                                                  "E Run ETL       blocked needs the tables", "sandbox  moto + local PostgreSQL")
        #expect(ok, "first screen:\n\(screen)")

        try await tmux.keys("1")
        // Step 2 can run once the look after step 1 has seen the role.
        (ok, screen) = try await tmux.waitFor("1 IAM role      done", "1 IAM role succeeded: arn:aws:iam::123456789012:role/dwhRole",
                                             "2 Cluster       pending")
        #expect(ok, "after 1:\n\(screen)")
        try await tmux.keys("2")
        (ok, screen) = try await tmux.waitFor("2 Cluster       done    dc2.large × 4", "status   available")
        #expect(ok, "after 2:\n\(screen)")
        try await tmux.keys("3")
        (ok, screen) = try await tmux.waitFor("3 Open port     done", "ingress  tcp 5439 from 127.0.0.1/32")
        #expect(ok, "after 3:\n\(screen)")
        try await tmux.keys("4")
        // The step's own report first, then the observation after it says what the database is.
        (ok, screen) = try await tmux.waitFor("4 Connect succeeded: dwhuser@127.0.0.1:", "4 Connect       done    postgres")
        #expect(ok, "after 4:\n\(screen)")

        // Fresh tables hold no rows: C asks nothing.
        try await tmux.keys("c")
        (ok, screen) = try await tmux.waitFor("C Create tables done    7 tables", "staging_events     0")
        #expect(ok, "after c:\n\(screen)")

        // ? shows every key; any key closes it.
        try await tmux.keys("?")
        (ok, screen) = try await tmux.waitFor("┌ Keys", "cancel the running stage, close a dialog", "any key closes this help")
        #expect(ok, "?:\n\(screen)")
        try await tmux.keys("x")
        (ok, screen) = try await tmux.waitUntil { !$0.contains("┌ Keys") }
        #expect(ok, "help stays open:\n\(screen)")

        // Esc cancels the running ETL; the run rolled back, the tables stay empty.
        try await tmux.keys("e")
        (ok, screen) = try await tmux.waitFor("E Run ETL       running")
        #expect(ok, "e:\n\(screen)")
        try await tmux.keys("Escape")
        (ok, screen) = try await tmux.waitUntil { screen in
            ["E Run ETL       failed  cancelled", "E Run ETL cancelled"].allSatisfy(screen.contains)
                && Self.tableRow("songplays", "0", change: "±0", in: screen)   // recounted after the cancel
        }
        #expect(ok, "Esc while loading:\n\(screen)")

        try await tmux.keys("e")
        (ok, screen) = try await tmux.waitFor("E Run ETL       done    songplays", "checks         ████", seconds: 120)
        #expect(ok, "after e:\n\(screen)")
        // The counts the files imply; the change is since the run started (songs was empty then).
        let events = Self.grouped(expected.events), songs = Self.grouped(expected.songs)
        try await tmux.keys("r")
        (ok, screen) = try await tmux.waitUntil { screen in
            screen.contains("R Row counts succeeded")
                && Self.tableRow("staging_events", events, change: #"\S+"#, in: screen)
                && Self.tableRow("staging_songs", songs, change: #"\S+"#, in: screen)
                && Self.tableRow("songs", songs, change: #"\+"# + songs, in: screen)
        }
        #expect(ok, "after r:\n\(screen)")

        // C over rows asks first; Esc leaves the tables as they are.
        try await tmux.keys("c")
        (ok, screen) = try await tmux.waitFor("C Create tables: confirm", "Create tables drops staging_events (\(events) rows)", "y to confirm")
        #expect(ok, "c over rows:\n\(screen)")
        try await tmux.keys("Escape")
        (ok, screen) = try await tmux.waitFor("not confirmed: nothing was changed")
        #expect(ok, "after Esc:\n\(screen)")

        // Step 5 wants the cluster id typed.
        try await tmux.keys("5")
        (ok, screen) = try await tmux.waitFor("5 Clean up: confirm", "type dwhCluster to confirm")
        #expect(ok, "5:\n\(screen)")
        try await tmux.type("dwhCluster")
        (ok, screen) = try await tmux.waitFor("> dwhCluster")
        #expect(ok)
        try await tmux.keys("Enter")
        (ok, screen) = try await tmux.waitFor("5 Clean up      done", "5 Clean up succeeded: nothing of dwhCluster / dwhRole remains",
                                             "no cluster dwhCluster")
        #expect(ok, "after 5:\n\(screen)")
        #expect(screen.contains("1 IAM role      pending"))

        for (width, height) in [(80, 24), (200, 60)] {
            try await tmux.resize(width, height)
            // Every panel, framed, in exactly the new size.
            (ok, screen) = try await tmux.waitUntil { screen in
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                return lines.count == height && lines.allSatisfy { $0.count <= width }
                    && lines[1].hasPrefix("┌ ▸ Runbook ") && lines[height - 2].hasSuffix("┘")
                    && ["5 Clean up      done", "┌ Cluster", "┌ Tables", "┌ ETL progress", "┌ Log"].allSatisfy(screen.contains)
            }
            #expect(ok, "\(width)×\(height):\n\(screen)")
        }
        try await tmux.resize(60, 20)
        (ok, screen) = try await tmux.waitFor("terminal is 60×20; sparkify needs at least 80×24")
        #expect(ok, "60×20:\n\(screen)")
        try await tmux.resize(120, 40)

        // Nothing runs and the sandbox costs nothing: q quits at once.
        try await tmux.keys("q")
        (ok, screen) = try await tmux.waitFor("EXIT=0")
        #expect(ok, "after q:\n\(screen)")
    }
}
