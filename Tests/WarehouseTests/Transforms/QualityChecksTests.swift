import Testing
@testable import Warehouse

@Suite("Quality checks on PostgreSQL")
struct QualityChecksTests {
    func transformed(_ connection: Connection) async throws {
        try await StagedRows.createTables(on: connection)
        try await StagedRows.insert(TransformTests.events, on: connection)
        try await StagedRows.insert(TransformTests.songs, on: connection)
        for stage: ETLStage in [.songplays, .users, .songs, .artists, .time] { try await Transform.run(stage, on: connection) }
    }

    @Test func aConsistentWarehousePassesEveryCheckWithItsNumbers() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await transformed(connection)
            let report = try await QualityChecks.run(on: connection)
            #expect(report.passed)
            #expect(report.results.map(\.description) == [
                "PASS songplays is not empty: 4 rows",
                "PASS users is not empty: 2 rows",
                "PASS songs is not empty: 4 rows",
                "PASS artists is not empty: 2 rows",
                "PASS time is not empty: 3 rows",
                "PASS songplays has no NULL songplay_id: 0 of 4 rows",
                "PASS users has no NULL user_id: 0 of 2 rows",
                "PASS songs has no NULL song_id: 0 of 4 rows",
                "PASS artists has no NULL artist_id: 0 of 2 rows",
                "PASS time has no NULL start_time: 0 of 3 rows",
                "PASS every songplays.user_id is in users: 0 of 4 songplays rows have a user_id missing from users",
                "PASS every songplays.start_time is in time: 0 of 4 songplays rows have a start_time missing from time",
                "PASS every songplays.song_id is in songs (when not NULL): 0 of 2 songplays.song_id values are missing from songs",
                "PASS every songplays.artist_id is in artists (when not NULL): 0 of 2 songplays.artist_id values are missing from artists",
                "PASS every songs.artist_id is in artists (when not NULL): 0 of 4 songs.artist_id values are missing from artists",
                "PASS users has no duplicate user_id: 0 duplicates among 2 keys",
                "PASS songs has no duplicate song_id: 0 duplicates among 4 keys",
                "PASS artists has no duplicate artist_id: 0 duplicates among 2 keys",
                "PASS time has no duplicate start_time: 0 duplicates among 3 keys",
                "PASS every users.level is free or paid: 0 of 2 users have another level",
                "PASS songplays = NextSong events staged: 4 songplays, 4 NextSong events",
            ])
        }
    }

    @Test func brokenTablesFailTheirChecksAndOnlyThose() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await transformed(connection)
            // A play by a user the users table lacks, at a time the time table lacks, and no play staged for it.
            try await connection.execute("INSERT INTO songplays (songplay_id, start_time, user_id) VALUES (99, '2019-01-01', '77')")
            // Redshift would accept a duplicate key; simulate it where PostgreSQL allows: drop the key first.
            try await connection.execute("ALTER TABLE songs DROP CONSTRAINT songs_pkey")
            try await connection.execute("INSERT INTO songs (song_id) VALUES ('SOC1')")
            try await connection.execute("TRUNCATE artists")
            let report = try await QualityChecks.run(on: connection)
            #expect(!report.passed)
            #expect(report.failures.map(\.description) == [
                "FAIL artists is not empty: 0 rows",
                "FAIL every songplays.user_id is in users: 1 of 5 songplays rows have a user_id missing from users",
                "FAIL every songplays.start_time is in time: 1 of 5 songplays rows have a start_time missing from time",
                "FAIL every songplays.artist_id is in artists (when not NULL): 2 of 2 songplays.artist_id values are missing from artists",
                "FAIL every songs.artist_id is in artists (when not NULL): 4 of 4 songs.artist_id values are missing from artists",
                "FAIL songs has no duplicate song_id: 1 duplicates among 5 keys",
                "FAIL songplays = NextSong events staged: 5 songplays, 4 NextSong events",
            ])
        }
    }

    @Test func aPlayWithoutUserOrTimeIsReported() {
        let check = QualityChecks.reference("songplays", "user_id", to: "users")
        #expect(check.sql == """
            SELECT count(CASE WHEN t.user_id IS NULL THEN 1 END), count(*)
            FROM songplays f LEFT JOIN users t ON t.user_id = f.user_id
            """)
        #expect(check.judge([2, 10]) == CheckResult(name: "every songplays.user_id is in users", passed: false,
                                                    detail: "2 of 10 songplays rows have a user_id missing from users"))
    }

    /// What two interleaved runs left behind (#9): plays pointing at songs and artists another run
    /// replaced, and a level the app does not know. Only the new checks catch it.
    @Test func playsPointingAtReplacedSongsAndAnUnknownLevelFail() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await transformed(connection)
            try await connection.execute("UPDATE songplays SET song_id = 'SOGONE', artist_id = 'ARGONE' WHERE song_id IS NOT NULL")
            try await connection.execute("UPDATE songs SET artist_id = 'ARGONE' WHERE song_id = (SELECT min(song_id) FROM songs)")
            try await connection.execute("UPDATE users SET level = 'gold' WHERE user_id = (SELECT min(user_id) FROM users)")
            let report = try await QualityChecks.run(on: connection)
            #expect(report.failures.map(\.description) == [
                "FAIL every songplays.song_id is in songs (when not NULL): 2 of 2 songplays.song_id values are missing from songs",
                "FAIL every songplays.artist_id is in artists (when not NULL): 2 of 2 songplays.artist_id values are missing from artists",
                "FAIL every songs.artist_id is in artists (when not NULL): 1 of 4 songs.artist_id values are missing from artists",
                "FAIL every users.level is free or paid: 1 of 2 users have another level",
            ])
        }
    }
}
