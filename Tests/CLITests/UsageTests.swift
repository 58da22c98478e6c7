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
}
