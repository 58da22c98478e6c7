import ArgumentParser
import Runbook
import Warehouse

/// `sparkify insights`: the analysts' questions answered from the star schema (issue #10).
struct InsightsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insights",
        abstract: "Answer the analysts' questions: plays by hour, weekday, level and day; top users, locations, songs, artists.",
        discussion: #"--json prints one object: {"plays", "matched_plays", "users", "by_hour": [24], "by_weekday": [7, 0 = Sunday], "by_level", "users_by_level", "by_day", "top_users", "top_locations", "top_songs", "top_artists", "at"}."#)

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Rows in each top list.") var top = Insights.defaultTop
    @OptionGroup var dialect: DialectOption

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func run() async throws {
        let context = try await AnalysisContext(global, dialect: dialect.forced)
        let analysis = context.analysis, top = top
        let insights = try await context.perform { () async throws(DatabaseError) in try await analysis.insights(top: top) }
        print(global.json ? insights.json : InsightsReport.lines(insights).joined(separator: "\n"))
    }
}
