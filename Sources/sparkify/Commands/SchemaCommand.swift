import ArgumentParser
import Warehouse

/// `sparkify schema`: the warehouse's DDL or its diagram, rendered from the schema model. Needs no
/// database: `--dialect` picks the target (default redshift, the production one).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the warehouse schema: DDL for Redshift or PostgreSQL, or a graphviz diagram.",
        discussion: "schema.png at the repository root is `sparkify schema --format dot | dot -Tpng`.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case sql, dot
    }

    @Option(help: "redshift or postgres.") var dialect: Dialect = .redshift
    @Option(help: "sql (CREATE TABLE statements) or dot (graphviz).") var format: Format = .sql

    func run() {
        switch format {
        case .sql: print(DDL.script(dialect: dialect), terminator: "")
        case .dot: print(SchemaDiagram.dot(), terminator: "")
        }
    }
}

extension Dialect: ExpressibleByArgument {}
