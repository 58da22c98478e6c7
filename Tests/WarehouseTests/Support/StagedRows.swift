import Warehouse

/// Hand-written staging rows for transform tests: only the fields a test cares about.
struct StagedEvent {
    var page = "NextSong"
    var ts: String
    var userId: String? = "10"
    var firstName: String? = "Ada"
    var lastName: String? = "Lovelace"
    var gender: String? = "F"
    var level: String? = "free"
    var sessionId: Int? = 1
    var itemInSession: Int? = 0
    var artist: String? = nil
    var song: String? = nil
    var length: Double? = nil
    var location: String? = "London, UK"
    var userAgent: String? = "Mozilla/5.0"
}

struct StagedSong {
    var songId: String?
    var title: String?
    var artistId: String?
    var artistName: String?
    var duration: Double? = 200
    var year: Int? = 2000
    var location: String? = ""
    var latitude: Double? = nil
    var longitude: Double? = nil
}

enum StagedRows {
    /// Creates every table (PostgreSQL dialect) in the connection's search_path.
    static func createTables(on connection: Connection) async throws {
        for statement in DDL.createTablesStatements(dialect: .postgres) { try await connection.execute(statement) }
    }

    static func insert(_ events: [StagedEvent], on connection: Connection) async throws {
        for e in events {
            try await connection.execute("""
                INSERT INTO staging_events (page, ts, userId, firstName, lastName, gender, level, sessionId, itemInSession,
                                            artist, song, length, location, userAgent)
                VALUES ($1, CAST($2 AS TIMESTAMP), $3, $4, $5, $6, $7, CAST($8 AS INTEGER), CAST($9 AS INTEGER), $10, $11,
                        CAST($12 AS DOUBLE PRECISION), $13, $14)
                """, [e.page, e.ts, e.userId, e.firstName, e.lastName, e.gender, e.level, e.sessionId.map(String.init),
                      e.itemInSession.map(String.init), e.artist, e.song, e.length.map { String($0) }, e.location, e.userAgent])
        }
    }

    static func insert(_ songs: [StagedSong], on connection: Connection) async throws {
        for s in songs {
            try await connection.execute("""
                INSERT INTO staging_songs (num_songs, song_id, title, artist_id, artist_name, duration, year, artist_location,
                                           artist_latitude, artist_longitude)
                VALUES (1, $1, $2, $3, $4, CAST($5 AS DOUBLE PRECISION), CAST($6 AS INTEGER), $7,
                        CAST($8 AS DOUBLE PRECISION), CAST($9 AS DOUBLE PRECISION))
                """, [s.songId, s.title, s.artistId, s.artistName, s.duration.map { String($0) }, s.year.map(String.init),
                      s.location, s.latitude.map { String($0) }, s.longitude.map { String($0) }])
        }
    }

    /// Every row of `table` as text, `|`-separated, NULL as `∅`, in `order`.
    static func dump(_ table: String, orderBy order: String, on connection: Connection) async throws -> [String] {
        try await connection.execute("SELECT * FROM \(table) ORDER BY \(order)").rows
            .map { $0.map { $0 ?? "∅" }.joined(separator: "|") }
    }
}
