import Foundation
import TestSupport
import Testing
import Warehouse

/// The built `sparkify insights --json`, on a warehouse the built `sparkify etl` loaded from the real
/// sample, against what ``SampleInsightsOracle`` computes straight from the sample's files — the answer
/// an analyst's script reads, not the Runbook API behind it (RunbookTests' InsightsOracleTests).
@Suite("sparkify insights --json on the sample follows from its files")
struct InsightsBinaryOracleTests {
    typealias Setup = CreateTablesCommandTests.Setup

    static func list(_ json: [String: Any], _ key: String) throws -> [[String: Any]] {
        try #require(json[key] as? [[String: Any]], "\(key)")
    }

    static func levels(_ json: [String: Any], _ key: String) throws -> SampleInsightsOracle.Levels {
        let object = try #require(json[key] as? [String: Any], "\(key)")
        return .init(free: try #require(object["free"] as? Int), paid: try #require(object["paid"] as? Int))
    }

    /// gethostname(2), as a run's host is recorded.
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        _ = gethostname(&buffer, buffer.count - 1)
        return String(cString: buffer)
    }

    @Test func theBinarysInsightsAreWhatTheSampleFilesSay() async throws {
        guard let sample = SharedFixtures.directory("data/udacity-sample")?.path else { return }
        let expected = try SampleInsightsOracle(sample: sample)
        #expect(expected.plays == 6_820)

        let setup = try await Setup(extraConfig: ETLCommandTests.sources(sample))
        var runner = setup.runner
        runner.environment["USER"] = "analyst"
        #expect(try await runner.run(["create-tables"]).status == 0)
        let etl = try await runner.run(["etl"])
        #expect(etl.status == 0, "\(etl.stderr)")

        let insights = try await runner.run(["insights", "--json"])
        #expect(insights.status == 0, "\(insights.stderr)")
        #expect(insights.lines.count == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(insights.stdout.utf8)) as? [String: Any])
        #expect(json["plays"] as? Int == 6_820)
        #expect(json["plays"] as? Int == expected.plays)
        #expect(json["matched_plays"] as? Int == expected.matchedPlays)
        #expect(json["users"] as? Int == expected.users)
        #expect(json["by_hour"] as? [Int] == expected.byHour)
        #expect(json["by_weekday"] as? [Int] == expected.byWeekday)
        #expect(try Self.levels(json, "by_level") == expected.byLevel)
        #expect(try Self.levels(json, "users_by_level") == expected.usersByLevel)
        #expect(json["by_day"] as? [Int] == expected.byDay)
        #expect(try Self.list(json, "top_users").map {
            SampleInsightsOracle.User(userID: $0["user_id"] as? String ?? "", firstName: $0["first_name"] as? String,
                                      lastName: $0["last_name"] as? String, level: $0["level"] as? String,
                                      plays: $0["plays"] as? Int ?? -1)
        } == expected.topUsers)
        #expect(try Self.list(json, "top_locations").map {
            SampleInsightsOracle.Count(key: $0["location"] as? String ?? "", plays: $0["plays"] as? Int ?? -1)
        } == expected.topLocations)
        #expect(try Self.list(json, "top_songs").map {
            SampleInsightsOracle.Song(songID: $0["song_id"] as? String ?? "", title: $0["title"] as? String,
                                      artist: $0["artist"] as? String, plays: $0["plays"] as? Int ?? -1)
        } == expected.topSongs)
        #expect(try Self.list(json, "top_artists").map {
            SampleInsightsOracle.Artist(artistID: $0["artist_id"] as? String ?? "", name: $0["name"] as? String,
                                        plays: $0["plays"] as? Int ?? -1)
        } == expected.topArtists)
        #expect(json["at"] is String)

        // The run that loaded it names who ran it, where, and with which sparkify.
        let runs = try await runner.run(["runs", "--json"])
        let run = try #require((try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [String: Any])?["runs"]
            as? [[String: Any]]).first
        #expect(run?["outcome"] as? String == "succeeded")
        #expect(run?["user"] as? String == "analyst")
        #expect(run?["host"] as? String == Self.hostName)
        let version = try await runner.run(["--version"])
        #expect(run?["version"] as? String == version.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        try await setup.tearDown()
    }
}
