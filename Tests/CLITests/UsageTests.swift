import Foundation
import Testing
import TestSupport

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

    /// `sparkify` alone — or with only global options, as `sparkify --config FILE` — opens the console on a
    /// terminal; in a script there is none, so it prints the help.
    @Test func aloneWithoutATerminalItPrintsTheHelp() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let bare = try await runner.run([])
        #expect(bare.status == 0)
        #expect(bare.stdout.hasPrefix("OVERVIEW: "))
        #expect(bare.stdout.contains("  console "))
        #expect(bare.stdout.contains("`sparkify` alone opens the console on a terminal"))
        let configured = try await runner.run(["--config", runner.directory + "/none.cfg"])
        #expect(configured.status == 0, "\(configured.stderr)")
        #expect(configured.stdout == bare.stdout)
        let console = try await runner.run(["console"])
        #expect(console.status == 2)
        #expect(console.stderr == "error: the console needs a terminal; in scripts use the headless commands (sparkify --help)\n")
    }

    @Test func versionPrintsTheVersion() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let version = try await runner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
    }

    /// Every command and subcommand path whose `--help` is pinned in Snapshots/help-….txt.
    static let commands: [[String]] = [
        [], ["console"], ["sandbox"], ["sandbox", "up"], ["sandbox", "status"], ["sandbox", "down"], ["generate"],
        ["iac"], ["iac", "up"], ["iac", "plan"], ["iac", "status"], ["iac", "down"], ["check"], ["s3"], ["s3", "ls"], ["s3", "get"],
        ["s3", "presign"], ["schema"], ["create-tables"],
        ["etl"], ["counts"],
        ["iac", "pause"], ["iac", "resume"],
    ]

    /// The help texts, word for word (re-record with SPARKIFY_RECORD=1 after changing a command).
    @Test(arguments: commands) func helpTextsAreTheGoldenOnes(_ command: [String]) async throws {
        let runner = try SparkifyRunner(environment: ["COLUMNS": "100"])
        defer { runner.remove() }
        let help = try await runner.run(command + ["--help"])
        #expect(help.status == 0, "\(command): \(help.stderr)")
        Snapshot.check(help.stdout, named: "help-" + (command.isEmpty ? "sparkify" : command.joined(separator: "-")) + ".txt")
    }
}
