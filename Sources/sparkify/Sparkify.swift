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
}
