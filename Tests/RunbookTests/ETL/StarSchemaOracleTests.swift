import Foundation
import Runbook
import TestSupport
import Testing
import Warehouse

/// The star schema built from the real sample, compared row by row with what PRODUCT §3 says it must
/// hold — computed here straight from the JSON files with Foundation's parser, not from a run.
@Suite("The sample's star schema follows PRODUCT §3")
struct StarSchemaOracleTests {
    /// PRODUCT §3 applied to the files.
    struct Expected {
        var songplays: [String] = []   // "ts|userId|sessionId|level|song_id|artist_id", sorted
        var users: [String] = []       // "userId|first|last|gender|level" from the user's latest event, sorted
        var songIDs: Set<String> = []
        var artistIDs: Set<String> = []
        var times: Set<Int64> = []     // epoch ms of every NextSong
    }

    static func objects(in directory: String) throws -> [[String: Any]] { try SampleInsightsOracle.objects(in: directory) }

    static func matchingSong(_ play: [String: Any], in songs: [[String: Any]]) -> [String: Any]? {
        SampleInsightsOracle.matchingSong(play, in: songs)
    }

    static func expected(from sample: String) throws -> Expected {
        let events = try objects(in: sample + "/log_data")
        let songs = try objects(in: sample + "/song_data")
        func text(_ o: [String: Any], _ k: String) -> String? { o[k] as? String }
        func number(_ o: [String: Any], _ k: String) -> Double? { (o[k] as? NSNumber)?.doubleValue }
        func int(_ o: [String: Any], _ k: String) -> Int64 { (o[k] as? NSNumber)?.int64Value ?? 0 }

        var out = Expected()
        out.songIDs = Set(songs.compactMap { text($0, "song_id") })
        out.artistIDs = Set(songs.compactMap { text($0, "artist_id") })
        for play in events where text(play, "page") == "NextSong" {
            let match = matchingSong(play, in: songs)
            out.songplays.append([String(int(play, "ts")), text(play, "userId") ?? "-", String(int(play, "sessionId")),
                                  text(play, "level") ?? "-", match.flatMap { text($0, "song_id") } ?? "-",
                                  match.flatMap { text($0, "artist_id") } ?? "-"].joined(separator: "|"))
            out.times.insert(int(play, "ts"))
        }
        let latest = SampleInsightsOracle.latestEvents(events)
        out.users = latest.map { user, e in
            [user, text(e, "firstName") ?? "-", text(e, "lastName") ?? "-", text(e, "gender") ?? "-",
             text(e, "level") ?? "-"].joined(separator: "|")
        }
        out.songplays.sort()
        out.users.sort()
        return out
    }

    func column(_ connection: Connection, _ sql: String) async throws -> [String] {
        try await connection.execute(sql).rows.map { $0.first.flatMap { $0 } ?? "-" }
    }

    @Test func everyFinalTableHoldsExactlyTheRowsTheRulesImply() async throws {
        guard let sample = SharedFixtures.directory("data/udacity-sample")?.path else { return }
        let expected = try Self.expected(from: sample)
        #expect(expected.songplays.count == 6_820)   // every NextSong event of the sample

        let database = try await ScratchDatabase.make()
        let connection = try await Connection.open(database)
        for statement in DDL.createTablesStatements(dialect: .postgres) { try await connection.execute(statement) }
        let config = try ScratchDatabase.config(database, data: sample)
        _ = try await ETLRunner(connection: connection, config: config, source: ObjectSource(s3: nil)).run()

        let songplays = try await column(connection, """
            SELECT concat_ws('|', (extract(epoch FROM start_time) * 1000)::bigint, coalesce(user_id, '-'),
                   session_id, coalesce(level, '-'), coalesce(song_id, '-'), coalesce(artist_id, '-'))
            FROM songplays ORDER BY 1
            """)
        #expect(songplays.sorted() == expected.songplays)
        #expect(songplays.filter { !$0.hasSuffix("|-|-") }.count == expected.songplays.filter { !$0.hasSuffix("|-|-") }.count)

        let users = try await column(connection, """
            SELECT concat_ws('|', user_id, coalesce(first_name, '-'), coalesce(last_name, '-'),
                   coalesce(gender, '-'), coalesce(level, '-')) FROM users
            """)
        #expect(users.sorted() == expected.users)
        #expect(Set(try await column(connection, "SELECT song_id FROM songs")) == expected.songIDs)
        #expect(Set(try await column(connection, "SELECT artist_id FROM artists")) == expected.artistIDs)
        let times = try await column(connection, "SELECT (extract(epoch FROM start_time) * 1000)::bigint FROM time")
        #expect(Set(times.compactMap { Int64($0) }) == expected.times)
        #expect(times.count == expected.times.count)
        await connection.close()
    }
}
