import Foundation
import Synchronization
import Testing
@testable import Warehouse

@Suite("Insights")
struct InsightsTests {
    @Test func theQueriesAreRedshiftSQLAndBothDialectsRunTheSameText() {
        let redshift = InsightsSQL.statements(top: 10, dialect: .redshift)
        #expect(redshift == InsightsSQL.statements(top: 10, dialect: .postgres))
        #expect(InsightsSQL.begin == "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        #expect(redshift == [
            """
            SELECT t.hour, t.weekday, t.day, sp.level, count(*), count(sp.song_id)
            FROM songplays sp
            LEFT JOIN time t ON t.start_time = sp.start_time
            GROUP BY t.hour, t.weekday, t.day, sp.level
            """,
            """
            SELECT level, count(*)
            FROM users
            GROUP BY level
            """,
            """
            SELECT p.user_id, u.first_name, u.last_name, u.level, p.plays
            FROM (SELECT user_id, count(*) AS plays FROM songplays GROUP BY user_id) p
            JOIN users u ON u.user_id = p.user_id
            ORDER BY p.plays DESC, p.user_id
            LIMIT 10
            """,
            """
            SELECT location, count(*) AS plays
            FROM songplays
            WHERE location IS NOT NULL
            GROUP BY location
            ORDER BY plays DESC, location
            LIMIT 10
            """,
            """
            SELECT p.song_id, s.title, a.name, p.plays
            FROM (SELECT song_id, count(*) AS plays FROM songplays WHERE song_id IS NOT NULL GROUP BY song_id) p
            JOIN songs s ON s.song_id = p.song_id
            LEFT JOIN artists a ON a.artist_id = s.artist_id
            ORDER BY p.plays DESC, p.song_id
            LIMIT 10
            """,
            """
            SELECT p.artist_id, a.name, p.plays
            FROM (SELECT artist_id, count(*) AS plays FROM songplays WHERE artist_id IS NOT NULL GROUP BY artist_id) p
            JOIN artists a ON a.artist_id = p.artist_id
            ORDER BY p.plays DESC, p.artist_id
            LIMIT 10
            """,
        ])
    }

    /// One scan's groups summed: a play the time table lacks (NULL hour, weekday, day) still counts in
    /// the totals and levels; users of any level count, only free and paid are shown by level.
    @Test func groupsAddUpToEveryAnswer() {
        let groups = QueryResult(rows: [
            ["8", "0", "4", "paid", "2", "2"], ["20", "1", "5", "free", "3", "1"], ["20", "1", "5", "paid", "1", "0"],
            [nil, nil, nil, "free", "1", "0"], ["23", "5", "30", nil, "2", "0"],
        ])
        let users = QueryResult(rows: [["free", "3"], ["paid", "1"], [nil, "1"]])
        let insights = Insights([groups, users, .init(), .init(), .init(), .init()], at: Date(timeIntervalSince1970: 0))
        var hours = [Int](repeating: 0, count: 24)
        hours[8] = 2; hours[20] = 4; hours[23] = 2
        var days = [Int](repeating: 0, count: 30)
        days[3] = 2; days[4] = 4; days[29] = 2
        #expect(insights == Insights(
            plays: 9, matchedPlays: 3, users: 5, byHour: hours, byWeekday: [2, 4, 0, 0, 0, 2, 0],
            byLevel: .init(free: 4, paid: 3), usersByLevel: .init(free: 3, paid: 1), byDay: days,
            topUsers: [], topLocations: [], topSongs: [], topArtists: [], at: Date(timeIntervalSince1970: 0)))
    }

    @Test func answersEveryQuestionFromTheStarSchema() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await StarRows.fill(connection)
            let insights = try await Insights.read(on: connection)
            var hours = [Int](repeating: 0, count: 24)
            hours[8] = 2; hours[20] = 3; hours[23] = 2
            var days = [Int](repeating: 0, count: 30)
            days[3] = 2; days[4] = 3; days[29] = 2
            #expect(insights == Insights(
                plays: 7, matchedPlays: 3, users: 4, byHour: hours, byWeekday: [2, 3, 0, 0, 0, 2, 0],
                byLevel: .init(free: 5, paid: 2), usersByLevel: .init(free: 3, paid: 1), byDay: days,
                topUsers: [
                    .init(userID: "1", firstName: "Ada", lastName: "Lovelace", level: "paid", plays: 3),
                    .init(userID: "2", firstName: "Alan", lastName: "Turing", level: "free", plays: 2),
                    // A tie: the smaller id first.
                    .init(userID: "3", firstName: "Grace", lastName: "Hopper", level: "free", plays: 1),
                    .init(userID: "4", firstName: "Zed", lastName: "Zimmer", level: "free", plays: 1),
                ],
                topLocations: [.init(location: "London, UK", plays: 3), .init(location: "Paris, FR", plays: 2),
                               .init(location: "Amsterdam, NL", plays: 1), .init(location: "Berlin, DE", plays: 1)],
                topSongs: [.init(songID: "SO1", title: "Song One", artist: "Artist One", plays: 2),
                           .init(songID: "SO2", title: "Song Two", artist: "Artist Two", plays: 1)],
                topArtists: [.init(artistID: "AR1", name: "Artist One", plays: 2), .init(artistID: "AR2", name: "Artist Two", plays: 1)],
                at: insights.at))
            // Read-only, and nothing left open: the connection is usable outside a transaction.
            #expect(try await connection.execute("SELECT count(*) FROM pg_prepared_xacts").scalar == "0")
            #expect(try await connection.execute("SHOW transaction_read_only").scalar == "off")

            let top2 = try await Insights.read(top: 2, on: connection)
            #expect(top2.topUsers.map(\.userID) == ["1", "2"])
            #expect(top2.topLocations.map(\.location) == ["London, UK", "Paris, FR"])
        }
    }

    @Test func everyAnswerInOneRoundTrip() async throws {
        let statements = Mutex<[String]>([])
        try await TestDatabase.withSchema(observer: { record in statements.withLock { $0.append(record.firstLine) } }) { connection, _ in
            try await StarRows.fill(connection)
            let before = statements.withLock { $0.count }
            _ = try await Insights.read(on: connection)
            #expect(statements.withLock { Array($0.dropFirst(before)) } == ["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;"])
        }
    }

    @Test func emptyTablesGiveZerosAndMissingTablesTheirSQLSTATE() async throws {
        try await TestDatabase.withSchema { connection, _ in
            await #expect(throws: DatabaseError.self) { try await Insights.read(on: connection) }
            do { _ = try await Insights.read(on: connection) } catch let error as DatabaseError { #expect(error.sqlState == SQLState.undefinedTable) }
            for statement in DDL.createTablesStatements(dialect: .postgres) { try await connection.execute(statement) }
            let empty = try await Insights.read(on: connection)
            #expect(empty.plays == 0 && empty.byHour == [Int](repeating: 0, count: 24) && empty.byDay == [] && empty.topUsers == [])
        }
    }

    @Test func jsonHasTheDocumentedKeysInOrder() {
        let insights = Insights(
            plays: 3, matchedPlays: 1, users: 2, byHour: [Int](repeating: 0, count: 23) + [3], byWeekday: [1, 0, 0, 0, 0, 0, 2],
            byLevel: .init(free: 1, paid: 2), usersByLevel: .init(free: 1, paid: 1), byDay: [0, 3],
            topUsers: [.init(userID: "7", firstName: "Ada", lastName: nil, level: "paid", plays: 2)],
            topLocations: [.init(location: "Bath, \"UK\"", plays: 3)],
            topSongs: [.init(songID: "SO1", title: "Café", artist: nil, plays: 1)],
            topArtists: [.init(artistID: "AR1", name: "X", plays: 1)],
            at: Date(timeIntervalSince1970: 1_543_537_327))
        #expect(insights.json == """
            {"plays": 3, "matched_plays": 1, "users": 2, "by_hour": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3], \
            "by_weekday": [1, 0, 0, 0, 0, 0, 2], "by_level": {"free": 1, "paid": 2}, "users_by_level": {"free": 1, "paid": 1}, \
            "by_day": [0, 3], "top_users": [{"user_id": "7", "first_name": "Ada", "last_name": null, "level": "paid", "plays": 2}], \
            "top_locations": [{"location": "Bath, \\"UK\\"", "plays": 3}], \
            "top_songs": [{"song_id": "SO1", "title": "Café", "artist": null, "plays": 1}], \
            "top_artists": [{"artist_id": "AR1", "name": "X", "plays": 1}], "at": "2018-11-30T00:22:07Z"}
            """)
    }
}
