import ArgumentParser
import Warehouse

/// `--dialect` for commands that talk to a database: forces what `version()` would detect.
struct DialectOption: ParsableArguments {
    @Option(name: .customLong("dialect"), help: "Force the SQL dialect (redshift|postgres) instead of detecting it.")
    var forced: Dialect?
}
