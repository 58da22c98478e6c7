import ArgumentParser
import Warehouse

/// `sparkify counts` (step R): rows per staging and star table, with the time of the count.
struct CountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counts",
        abstract: "Count the rows of every staging and star table.",
        discussion: #"--json prints {"tables": {"staging_events": N, ...}, "at": "ISO-8601"}; a missing table is null."#)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try DatabaseContext(global)
        let connection = try await context.connect(dialect: nil)
        let counts = try await context.perform { () async throws(DatabaseError) in try await RowCounts.count(on: connection) }
        await connection.close()
        print(global.json ? counts.json : counts.text)
    }
}
