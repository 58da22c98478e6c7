import Testing
@testable import Warehouse

/// The transforms of PRODUCT §3 on small hand-written staging rows, one schema per test.
@Suite("Transforms on PostgreSQL")
struct TransformTests {
    /// Song A by Artist A has three staged versions: two within 1 ms of the played length (the smaller
    /// song_id wins) and one 2 ms off with an even smaller id (not a candidate).
    static let songs = [
        StagedSong(songId: "SOB2", title: "Song A", artistId: "ARA", artistName: "Artist A", duration: 200.0004),
        StagedSong(songId: "SOA9", title: "Song A", artistId: "ARA", artistName: "Artist A", duration: 199.9996),
        StagedSong(songId: "SO000", title: "Song A", artistId: "ARA", artistName: "Artist A", duration: 200.002),
        StagedSong(songId: "SOC1", title: "Song C", artistId: "ARC", artistName: "Artist C", duration: 180),
    ]

    static let events = [
        // A match with several candidates.
        StagedEvent(ts: "2018-11-01 21:01:46.796", sessionId: 5, itemInSession: 1, artist: "Artist A", song: "Song A", length: 200),
        // Nothing staged with this title: kept, without song and artist.
        StagedEvent(ts: "2018-11-01 21:05:00.000", sessionId: 5, itemInSession: 2, artist: "Nobody", song: "Unknown", length: 123.4),
        // The right title by another artist: no match.
        StagedEvent(ts: "2018-11-30 08:00:00.500", userId: "20", firstName: "Alan", lastName: "Turing", gender: "M",
                    level: "paid", sessionId: 9, itemInSession: 0, artist: "Artist B", song: "Song C", length: 180),
        // Not a play.
        StagedEvent(page: "Home", ts: "2018-11-01 21:00:00.000", sessionId: 5, itemInSession: 0),
        // A logged-out visitor.
        StagedEvent(page: "Login", ts: "2018-11-02 10:00:00.000", userId: "", firstName: nil, lastName: nil, gender: nil,
                    level: "free", sessionId: 7, itemInSession: 0, location: nil, userAgent: nil),
        // The same instant as the first play, by another user: two plays, one time row.
        StagedEvent(ts: "2018-11-01 21:01:46.796", userId: "20", firstName: "Alan", lastName: "Turing", gender: "M",
                    level: "paid", sessionId: 8, itemInSession: 3, artist: "Artist C", song: "Song C", length: 180.0009),
    ]

    func stage(_ connection: Connection, events: [StagedEvent] = Self.events, songs: [StagedSong] = Self.songs) async throws {
        try await StagedRows.createTables(on: connection)
        try await StagedRows.insert(events, on: connection)
        try await StagedRows.insert(songs, on: connection)
    }

    @Test func songplaysHaveOneRowPerNextSongWithTheSmallestMatchingSong() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await stage(connection)
            let outcome = try await Transform.run(.songplays, on: connection)
            #expect(outcome.rows == 4)
            #expect(try await StagedRows.dump("songplays", orderBy: "songplay_id", on: connection) == [
                "0|2018-11-01 21:01:46.796|10|free|SOA9|ARA|5|London, UK|Mozilla/5.0",
                "1|2018-11-01 21:01:46.796|20|paid|SOC1|ARC|8|London, UK|Mozilla/5.0",
                "2|2018-11-01 21:05:00|10|free|∅|∅|5|London, UK|Mozilla/5.0",
                "3|2018-11-30 08:00:00.5|20|paid|∅|∅|9|London, UK|Mozilla/5.0",
            ])
        }
    }

    @Test func aPlayWithoutAUserIsKeptWithANullUser() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await stage(connection, events: [StagedEvent(ts: "2018-11-03 00:00:00", userId: "", song: "x", length: 1)],
                            songs: [])
            try await Transform.run(.songplays, on: connection)
            #expect(try await StagedRows.dump("songplays", orderBy: "songplay_id", on: connection) == [
                "0|2018-11-03 00:00:00|∅|free|∅|∅|1|London, UK|Mozilla/5.0",
            ])
        }
    }

    @Test func usersTakeTheirLatestEventAndLoggedOutVisitorsAreNoUsers() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await stage(connection, events: Self.events + [
                // User 10 upgrades later on, under a new surname; the Home event is the latest.
                StagedEvent(page: "Upgrade", ts: "2018-11-20 12:00:00", lastName: "King", level: "free", sessionId: 30),
                StagedEvent(page: "Home", ts: "2018-11-20 12:00:01", lastName: "King", level: "paid", sessionId: 30,
                            itemInSession: 1),
                // User 30: two events at the same instant, session and item: 'paid' wins the tie.
                StagedEvent(page: "Home", ts: "2018-11-21 00:00:00", userId: "30", firstName: "Grace", lastName: "Hopper",
                            level: "free", sessionId: 40),
                StagedEvent(page: "Home", ts: "2018-11-21 00:00:00", userId: "30", firstName: "Grace", lastName: "Hopper",
                            level: "paid", sessionId: 40),
            ])
            #expect(try await Transform.run(.users, on: connection).rows == 3)
            #expect(try await StagedRows.dump("users", orderBy: "user_id", on: connection) == [
                "10|Ada|King|F|paid",
                "20|Alan|Turing|M|paid",
                "30|Grace|Hopper|F|paid",
            ])
        }
    }

    @Test func songsHaveOneRowPerSongId() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await stage(connection, songs: Self.songs + [
                StagedSong(songId: "SOC1", title: "Song C (remastered)", artistId: "ARC", artistName: "Artist C", duration: 181),
                StagedSong(songId: nil, title: "No id", artistId: "ARX", artistName: "X"),
            ])
            #expect(try await Transform.run(.songs, on: connection).rows == 4)
            #expect(try await StagedRows.dump("songs", orderBy: "song_id", on: connection) == [
                "SO000|Song A|ARA|2000|200.002",
                "SOA9|Song A|ARA|2000|199.9996",
                "SOB2|Song A|ARA|2000|200.0004",
                "SOC1|Song C|ARC|2000|180",
            ])
        }
    }

    /// With every song_id staged once, PostgreSQL copies the staged rows without sorting them and the
    /// key build proves them unique; a repeated id (above) makes it sort instead. Both give the rows the
    /// Redshift form gives.
    @Test func songsWithUniqueIdsAreTheStagedRowsAndNoSortIsNeededToSayIt() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await stage(connection, songs: Self.songs + [
                StagedSong(songId: nil, title: "No id", artistId: "ARX", artistName: "X"),
                StagedSong(songId: "", title: "Empty id", artistId: "ARY", artistName: "Y"),
            ])
            #expect(try await Transform.run(.songs, on: connection).rows == 4)
            let postgres = try await StagedRows.dump("songs", orderBy: "song_id", on: connection)
            #expect(postgres == [
                "SO000|Song A|ARA|2000|200.002",
                "SOA9|Song A|ARA|2000|199.9996",
                "SOB2|Song A|ARA|2000|200.0004",
                "SOC1|Song C|ARC|2000|180",
            ])
            #expect(try await connection.execute(
                "SELECT count(*) FROM pg_constraint WHERE conrelid = 'songs'::regclass AND contype = 'p'").scalar == "1")
            try await connection.transaction { connection in
                for statement in TransformSQL.statements(for: .songs, dialect: .redshift) { try await connection.execute(statement) }
            }
            #expect(try await StagedRows.dump("songs", orderBy: "song_id", on: connection) == postgres)
        }
    }

    @Test func artistsTakeOneStagedSongsValuesWhenSongsDisagree() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await stage(connection, songs: [
                // Coordinates beat everything, even a smaller song_id.
                StagedSong(songId: "SO1", title: "a", artistId: "AR1", artistName: "Artist", location: "Paris"),
                StagedSong(songId: "SO9", title: "b", artistId: "AR1", artistName: "Artist feat. X", location: "London",
                           latitude: 51.5, longitude: -0.1),
                StagedSong(songId: "SO2", title: "c", artistId: "AR1", artistName: "Artist", location: ""),
                // Without coordinates a location beats none.
                StagedSong(songId: "SO3", title: "d", artistId: "AR2", artistName: "B", location: ""),
                StagedSong(songId: "SO4", title: "e", artistId: "AR2", artistName: "B2", location: "Berlin"),
                // All equal in information: the smallest song_id.
                StagedSong(songId: "SO6", title: "f", artistId: "AR3", artistName: "C", location: nil),
                StagedSong(songId: "SO5", title: "g", artistId: "AR3", artistName: "C prime", location: nil),
            ])
            #expect(try await Transform.run(.artists, on: connection).rows == 3)
            #expect(try await StagedRows.dump("artists", orderBy: "artist_id", on: connection) == [
                "AR1|Artist feat. X|London|51.5|-0.1",
                "AR2|B2|Berlin|∅|∅",
                "AR3|C prime|∅|∅|∅",
            ])
        }
    }

    @Test func timeHasOneRowPerDistinctPlayTime() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await stage(connection)
            try await Transform.run(.songplays, on: connection)
            #expect(try await Transform.run(.time, on: connection).rows == 3)
            // 2018-11-01 was a Thursday (weekday 4) in ISO week 44; 2018-11-30 a Friday in week 48.
            #expect(try await StagedRows.dump("time", orderBy: "start_time", on: connection) == [
                "2018-11-01 21:01:46.796|21|1|44|11|2018|4",
                "2018-11-01 21:05:00|21|1|44|11|2018|4",
                "2018-11-30 08:00:00.5|8|30|48|11|2018|5",
            ])
        }
    }

    @Test func aSecondRunLeavesIdenticalRows() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await stage(connection)
            let stages: [ETLStage] = [.songplays, .users, .songs, .artists, .time]
            func snapshot() async throws -> [[String]] {
                var tables: [[String]] = []
                for stage in stages {
                    let table = stage.table!
                    tables.append(try await StagedRows.dump(table.name, orderBy: table.columns.map(\.name).joined(separator: ", "),
                                                            on: connection))
                }
                return tables
            }
            for stage in stages { try await Transform.run(stage, on: connection) }
            let first = try await snapshot()
            for stage in stages { try await Transform.run(stage, on: connection) }
            #expect(try await snapshot() == first)
            #expect(first.map(\.count) == [4, 2, 4, 2, 3])
        }
    }

    @Test func aFailingTransformKeepsThePreviousRows() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await stage(connection)
            try await Transform.run(.songplays, on: connection)
            try await connection.execute("ALTER TABLE staging_songs RENAME COLUMN title TO song_title")
            let error = await #expect(throws: DatabaseError.self) { try await Transform.run(.songplays, on: connection) }
            #expect(error?.sqlState == "42703")
            #expect(try await connection.execute("SELECT count(*) FROM songplays").scalar == "4")
        }
    }

    /// Redshift's window forms, run on PostgreSQL over the same staged rows, give the rows of
    /// PostgreSQL's DISTINCT ON forms: the dialects differ in how, not in what.
    @Test func theRedshiftFormsGiveTheRowsOfThePostgresForms() async throws {
        try await TestDatabase.withSchema { connection, _ in
            try await stage(connection, events: Self.events + [
                StagedEvent(page: "Home", ts: "2018-11-21 00:00:00", userId: "30", firstName: "Grace", level: "free", sessionId: 40),
                StagedEvent(page: "Home", ts: "2018-11-21 00:00:00", userId: "30", firstName: "Grace", level: "paid", sessionId: 40),
                // Two plays identical in every column stay two plays.
                StagedEvent(ts: "2018-11-22 10:00:00", artist: "Artist C", song: "Song C", length: 180),
                StagedEvent(ts: "2018-11-22 10:00:00", artist: "Artist C", song: "Song C", length: 180),
            ], songs: Self.songs + [
                StagedSong(songId: "SOC1", title: "Song C (live)", artistId: "ARC", artistName: "Artist C feat. D", duration: 181,
                           location: "Oslo", latitude: 59.9, longitude: 10.7),
            ])
            for stage in [ETLStage.songplays, .users, .songs, .artists, .time] {
                let table = stage.table!
                let order = table.columns.map(\.name).joined(separator: ", ")
                try await Transform.run(stage, on: connection)
                let postgres = try await StagedRows.dump(table.name, orderBy: order, on: connection)
                try await connection.transaction { connection in
                    for statement in TransformSQL.statements(for: stage, dialect: .redshift) { try await connection.execute(statement) }
                }
                #expect(try await StagedRows.dump(table.name, orderBy: order, on: connection) == postgres, "\(stage.rawValue)")
                #expect(!postgres.isEmpty)
            }
            #expect(try await connection.execute("SELECT count(*) FROM songplays").scalar == "6")
        }
    }

    @Test func redshiftEmptiesWithDeleteBecauseTruncateCommitsAndPostgresBuildsTheKeyAfterTheRows() {
        #expect(TransformSQL.statements(for: .users, dialect: .redshift).map(DatabaseError.firstLine) == [
            "DELETE FROM users", "INSERT INTO users (user_id, first_name, last_name, gender, level)",
        ])
        #expect(TransformSQL.statements(for: .users, dialect: .postgres).map(DatabaseError.firstLine) == [
            "SET LOCAL work_mem = '256MB'", "SET LOCAL maintenance_work_mem = '256MB'", "SET LOCAL jit = off",
            "SET LOCAL enable_nestloop = off", "SET LOCAL enable_mergejoin = off", "TRUNCATE users", "ALTER TABLE users DROP CONSTRAINT IF EXISTS users_pkey",
            "INSERT INTO users (user_id, first_name, last_name, gender, level)",
            "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (user_id)",
        ])
        #expect(TransformSQL.statements(for: .songs, dialect: .postgres).suffix(3).map(DatabaseError.firstLine) == [
            "TRUNCATE songs", "ALTER TABLE songs DROP CONSTRAINT IF EXISTS songs_pkey", "DO $$",
        ])
        #expect(TransformSQL.statements(for: .checks, dialect: .postgres).isEmpty)
        #expect(TransformSQL.statements(for: .stagingEvents, dialect: .postgres).isEmpty)
    }
}

/// What follows a committed run, by dialect.
@Suite struct AfterRunStatementsTests {
    @Test func postgresAnalyzesTheStarTablesAndRedshiftLeavesItToItself() {
        #expect(TransformSQL.afterRun(.postgres) == ["ANALYZE songplays, users, songs, artists, time"])
        #expect(TransformSQL.afterRun(.redshift) == [])
    }
}
