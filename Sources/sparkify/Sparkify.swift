import ArgumentParser
import Foundation

/// The root command. Each subcommand lives in Commands/, one file each; logic lives in the modules.
@main
struct Sparkify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sparkify",
        abstract: "Provision a Redshift warehouse (or a loopback sandbox), stage Sparkify's logs and songs, build the star schema.",
        subcommands: allSubcommands
    )

    /// ArgumentParser's own entry point, except that usage errors exit 2 (PRODUCT §5), not 64.
    static func main() async {
        do {
            // `sparkify` alone: the console on a terminal; in a script, the help (not an error).
            var command: ParsableCommand
            if CommandLine.arguments.count == 1 {
                guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                    print(helpMessage())
                    return
                }
                command = try ConsoleCommand.parse([])
            } else {
                command = try parseAsRoot()
            }
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}
