import ArgumentParser
import Foundation
import Runbook

/// The root command. `sparkify` alone — or with only the global options, `sparkify --config FILE` —
/// opens the console on a terminal, like `sparkify console`; without a terminal it prints the help.
/// Each subcommand lives in Commands/, one file each; logic lives in the modules.
@main
struct Sparkify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sparkify",
        abstract: "Provision a Redshift warehouse (or a loopback sandbox), stage Sparkify's logs and songs, build the star schema.",
        discussion: """
            `sparkify` alone opens the console on a terminal (on --config FILE, else ./dwh.cfg, else the sandbox); \
            without a terminal it prints this help. Every step also runs headless: see the subcommands.
            """,
        version: SparkifyRelease.version,
        subcommands: allSubcommands)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        // In a script there is no console to open: the help, and not an error.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            print(Self.helpMessage())
            return
        }
        try await ConsoleCommand.open(global, state: nil)
    }

    /// ArgumentParser's own entry point, except that usage errors exit 2 (PRODUCT §5), not 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                Output.stderr(fullMessage(for: error))
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}
