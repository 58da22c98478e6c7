import ArgumentParser

/// Every subcommand, in the order `--help` lists them. Add a new command's type here.
let allSubcommands: [any ParsableCommand.Type] = [
    ConsoleCommand.self,
    SandboxCommand.self,
    GenerateCommand.self,
    IaCCommand.self,
    CheckCommand.self,
    S3Command.self,
    SchemaCommand.self,
    CreateTablesCommand.self,
    ETLCommand.self,
    CountsCommand.self,
    InsightsCommand.self,
    QueryCommand.self,
    RunsCommand.self,
    LoadErrorsCommand.self,
]
