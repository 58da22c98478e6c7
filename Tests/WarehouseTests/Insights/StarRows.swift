import Warehouse

/// Hand-written star-schema rows for the insights: four users, two matched songs, seven plays.
enum StarRows {
    /// Nov 4 2018 is a Sunday, Nov 5 a Monday, Nov 30 a Friday.
    static let plays: [(time: String, user: String, level: String, song: String?, artist: String?, location: String)] = [
        ("2018-11-04 08:00:00", "1", "paid", "SO1", "AR1", "London, UK"),
        ("2018-11-04 08:30:00", "1", "paid", "SO1", "AR1", "London, UK"),
        ("2018-11-05 20:00:00", "2", "free", "SO2", "AR2", "Paris, FR"),
        ("2018-11-05 20:15:00", "2", "free", nil, nil, "Paris, FR"),
        ("2018-11-05 20:30:00", "4", "free", nil, nil, "Amsterdam, NL"),
        ("2018-11-30 23:00:00", "1", "free", nil, nil, "London, UK"),
        ("2018-11-30 23:59:59", "3", "free", nil, nil, "Berlin, DE"),
    ]

    /// Creates every table in the connection's search_path and fills the star (time through its transform).
    static func fill(_ connection: Connection) async throws {
        for statement in DDL.createTablesStatements(dialect: .postgres) { try await connection.execute(statement) }
        try await connection.execute("""
            INSERT INTO users (user_id, first_name, last_name, gender, level) VALUES
              ('1', 'Ada', 'Lovelace', 'F', 'paid'), ('2', 'Alan', 'Turing', 'M', 'free'),
              ('3', 'Grace', 'Hopper', 'F', 'free'), ('4', 'Zed', 'Zimmer', 'M', 'free')
            """)
        try await connection.execute("""
            INSERT INTO artists (artist_id, name) VALUES ('AR1', 'Artist One'), ('AR2', 'Artist Two')
            """)
        try await connection.execute("""
            INSERT INTO songs (song_id, title, artist_id, year, duration) VALUES
              ('SO1', 'Song One', 'AR1', 2001, 200), ('SO2', 'Song Two', 'AR2', 2002, 180)
            """)
        for (id, play) in plays.enumerated() {
            try await connection.execute("""
                INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)
                VALUES ($1, CAST($2 AS TIMESTAMP), $3, $4, $5, $6, 1, $7, 'Mozilla/5.0')
                """, [String(id), play.time, play.user, play.level, play.song, play.artist, play.location])
        }
        try await Transform.run(.time, on: connection)
    }
}
