import Testing

/// Exit codes of PRODUCT §5 for the command line itself.
@Suite struct UsageTests {
    @Test func usageErrorsExitTwoWithTheReason() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let unknown = try await runner.run(["--no-such-flag"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("Error: Unknown option '--no-such-flag'"))
        let badValue = try await runner.run(["check", "--dialect", "oracle"])
        #expect(badValue.status == 2)
        #expect(badValue.stderr.contains("Please provide one of 'redshift' and 'postgres'"))
    }

    @Test func helpIsNotAnError() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let help = try await runner.run(["--help"])
        #expect(help.status == 0)
        for command in ["sandbox", "generate", "iac", "check", "s3", "schema"] {
            #expect(help.stdout.contains("  \(command) "), "--help lists \(command)")
        }
    }

    /// `sparkify` alone opens the console on a terminal; in a script there is none, so it prints the help.
    @Test func aloneWithoutATerminalItPrintsTheHelp() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let bare = try await runner.run([])
        #expect(bare.status == 0)
        #expect(bare.stdout.hasPrefix("OVERVIEW: "))
        #expect(bare.stdout.contains("  console "))
        let console = try await runner.run(["console"])
        #expect(console.status == 2)
        #expect(console.stderr == "error: the console needs a terminal; in scripts use the headless commands (sparkify --help)\n")
    }
}
