import Foundation
import Runbook
import TestSupport
import Testing
import Warehouse

/// The insights of the real sample, compared with answers computed here straight from the JSON files
/// (Foundation's parser and calendar), not from the warehouse.
@Suite("The sample's insights follow from its files")
struct InsightsOracleTests {
    static func expected(from sample: String) throws -> Insights {
        let events = try StarSchemaOracleTests.objects(in: sample + "/log_data")
        let songs = try StarSchemaOracleTests.objects(in: sample + "/song_data")
        func text(_ o: [String: Any], _ k: String) -> String? { o[k] as? String }
        func number(_ o: [String: Any], _ k: String) -> Double? { (o[k] as? NSNumber)?.doubleValue }
        func int(_ o: [String: Any], _ k: String) -> Int64 { (o[k] as? NSNumber)?.int64Value ?? 0 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!

        var byHour = [Int](repeating: 0, count: 24), byWeekday = [Int](repeating: 0, count: 7), byDay = [Int](repeating: 0, count: 31)
        var levels = (free: 0, paid: 0), matched = 0
        var playsByUser: [String: Int] = [:], playsByLocation: [String: Int] = [:]
        var playsBySong: [String: Int] = [:], playsByArtist: [String: Int] = [:]
        let plays = events.filter { text($0, "page") == "NextSong" }
        for play in plays {
            let date = Date(timeIntervalSince1970: Double(int(play, "ts")) / 1000)
            let parts = calendar.dateComponents([.hour, .weekday, .day], from: date)
            byHour[parts.hour!] += 1
            byWeekday[parts.weekday! - 1] += 1
            byDay[parts.day! - 1] += 1
            if text(play, "level") == "free" { levels.free += 1 }
            if text(play, "level") == "paid" { levels.paid += 1 }
            if let user = text(play, "userId"), !user.isEmpty { playsByUser[user, default: 0] += 1 }
            if let location = text(play, "location") { playsByLocation[location, default: 0] += 1 }
            if let match = StarSchemaOracleTests.matchingSong(play, in: songs) {
                matched += 1
                playsBySong[text(match, "song_id")!, default: 0] += 1
                playsByArtist[text(match, "artist_id")!, default: 0] += 1
            }
        }
        while byDay.last == 0 { byDay.removeLast() }

        var latest: [String: [String: Any]] = [:]
        func order(_ e: [String: Any]) -> [Int64] { [int(e, "ts"), int(e, "sessionId"), int(e, "itemInSession")] }
        for event in events {
            guard let user = text(event, "userId"), !user.isEmpty else { continue }
            if let seen = latest[user], !order(seen).lexicographicallyPrecedes(order(event)) { continue }
            latest[user] = event
        }
        let userLevels = latest.values.compactMap { text($0, "level") }
        func ranked(_ counts: [String: Int]) -> [(key: String, value: Int)] {
            Array(counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(10))
        }
        let songByID = Dictionary(songs.map { (text($0, "song_id")!, $0) }, uniquingKeysWith: { first, _ in first })
        // PRODUCT §3's artist: the values of one staged song, the most informative (coordinates, then a
        // location), then the smallest song_id.
        func preference(_ song: [String: Any]) -> (Int, Int, String) {
            (number(song, "artist_latitude") != nil && number(song, "artist_longitude") != nil ? 0 : 1,
             (text(song, "artist_location") ?? "").isEmpty ? 1 : 0, text(song, "song_id") ?? "")
        }
        let artistName = Dictionary(grouping: songs) { text($0, "artist_id")! }
            .mapValues { candidates in text(candidates.min { preference($0) < preference($1) }!, "artist_name") }
        return Insights(
            plays: plays.count, matchedPlays: matched, users: latest.count, byHour: byHour, byWeekday: byWeekday,
            byLevel: .init(free: levels.free, paid: levels.paid),
            usersByLevel: .init(free: userLevels.filter { $0 == "free" }.count, paid: userLevels.filter { $0 == "paid" }.count),
            byDay: byDay,
            topUsers: ranked(playsByUser).map { user, count in
                Insights.User(userID: user, firstName: text(latest[user]!, "firstName"), lastName: text(latest[user]!, "lastName"),
                              level: text(latest[user]!, "level"), plays: count)
            },
            topLocations: ranked(playsByLocation).map { Insights.Location(location: $0.key, plays: $0.value) },
            topSongs: ranked(playsBySong).map { song, count in
                let file = songByID[song]!
                return Insights.Song(songID: song, title: text(file, "title"), artist: artistName[text(file, "artist_id")!] ?? nil,
                                     plays: count)
            },
            topArtists: ranked(playsByArtist).map { Insights.Artist(artistID: $0.key, name: artistName[$0.key] ?? nil, plays: $0.value) },
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
