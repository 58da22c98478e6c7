import ArgumentParser
import Foundation
import Runbook
import Warehouse

/// `sparkify query`: one ad hoc statement, read-only unless `--write` (issue #10).
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run one SQL statement (read-only unless --write) and print its rows.",
        discussion: "Exit 1 with the SQLSTATE when the statement fails, 2 when it writes without --write (nothing is changed).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The statement.") var sql: String?
    @Option(name: .shortAndLong, help: "Read the statement from FILE.") var file: String?
    @Option(name: .long, help: "table, csv or json (default: table; json with --json).") var format: Format?
    @Option(name: .long, help: "Rows to fetch; more are reported, not fetched.") var limit = AdHocQuery.defaultLimit
    @Flag(name: .long, help: "Allow the statement to write (commits).") var write = false
    @OptionGroup var dialect: DialectOption

    func validate() throws {
        guard (sql == nil) != (file == nil) else { throw ValidationError("give the statement as an argument or with -f FILE, not both") }
        guard limit >= 0 else { throw ValidationError("--limit must not be negative") }
    }

    func run() async throws {
        let text: String
        if let file {
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                Output.stderr("error: cannot read \(file): \(error.localizedDescription)")
                throw ExitCode(ExitStatus.usage)
            }
        } else {
            text = sql ?? ""
        }
        let query = AdHocQuery(text, limit: limit, write: write)
        let context = try await AnalysisContext(global, dialect: dialect.forced)
        let analysis = context.analysis
        let answer = try await context.perform(sql: query.statement) { () async throws(DatabaseError) in try await analysis.run(query) }
        switch format ?? (global.json ? .json : .table) {
        case .table: print(answer.table, terminator: "")
        case .csv: print(answer.csv, terminator: "")
        case .json: print(answer.json)
        }
    }
}
