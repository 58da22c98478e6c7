import Foundation
import Runbook
import TestSupport
import Testing
import Warehouse

/// The insights of the real sample, compared with answers computed straight from the JSON files
/// (``SampleInsightsOracle``: Foundation's parser and calendar), not from the warehouse. The binary's
/// `insights --json` meets the same oracle in CLITests' InsightsBinaryOracleTests.
@Suite("The sample's insights follow from its files")
struct InsightsOracleTests {
    /// TestSupport's oracle in the warehouse's own types.
    static func expected(from sample: String) throws -> Insights {
        let oracle = try SampleInsightsOracle(sample: sample)
        return Insights(
            plays: oracle.plays, matchedPlays: oracle.matchedPlays, users: oracle.users, byHour: oracle.byHour,
            byWeekday: oracle.byWeekday, byLevel: .init(free: oracle.byLevel.free, paid: oracle.byLevel.paid),
            usersByLevel: .init(free: oracle.usersByLevel.free, paid: oracle.usersByLevel.paid), byDay: oracle.byDay,
            topUsers: oracle.topUsers.map {
                Insights.User(userID: $0.userID, firstName: $0.firstName, lastName: $0.lastName, level: $0.level, plays: $0.plays)
            },
            topLocations: oracle.topLocations.map { Insights.Location(location: $0.key, plays: $0.plays) },
            topSongs: oracle.topSongs.map { Insights.Song(songID: $0.songID, title: $0.title, artist: $0.artist, plays: $0.plays) },
            topArtists: oracle.topArtists.map { Insights.Artist(artistID: $0.artistID, name: $0.name, plays: $0.plays) },
            at: .distantPast)
    }

    @Test func theInsightsOfTheSampleAreWhatItsFilesSay() async throws {
        guard let sample = SharedFixtures.directory("data/udacity-sample")?.path else { return }
        var expected = try Self.expected(from: sample)
        #expect(expected.plays == 6_820)

        let database = try await ScratchDatabase.make()
        let connection = try await Connection.open(database)
        for statement in DDL.createTablesStatements(dialect: .postgres) { try await connection.execute(statement) }
        let config = try ScratchDatabase.config(database, data: sample)
        _ = try await ETLRunner(connection: connection, config: config, source: ObjectSource(s3: nil)).run()
        await connection.close()

        let insights = try await WarehouseAnalysis(database: database).insights()
        expected.at = insights.at
        #expect(insights.plays == expected.plays)
        #expect(insights.matchedPlays == expected.matchedPlays)
        #expect(insights.users == expected.users)
        #expect(insights.byHour == expected.byHour)
        #expect(insights.byWeekday == expected.byWeekday)
        #expect(insights.byLevel == expected.byLevel)
        #expect(insights.usersByLevel == expected.usersByLevel)
        #expect(insights.byDay == expected.byDay)
        #expect(insights.topUsers == expected.topUsers)
        #expect(insights.topLocations == expected.topLocations)
        #expect(insights.topSongs == expected.topSongs)
        #expect(insights.topArtists == expected.topArtists)
        #expect(insights == expected)
    }
}
