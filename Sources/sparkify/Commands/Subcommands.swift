import ArgumentParser

/// Every subcommand, in the order `--help` lists them. Add a new command's type here.
let allSubcommands: [any ParsableCommand.Type] = [
    ETLCommand.self,
]
