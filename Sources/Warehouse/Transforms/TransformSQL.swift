/// The SQL that builds each final table from the staging tables (PRODUCT §3). Pure.
///
/// Every transform *rebuilds* its table: it empties it and inserts the rows computed from staging, in
/// one transaction. Staging always holds the complete source (a full run reloads it, an incremental run
/// appends what is new: see `IncrementalSQL`), so the final table is a function of staging alone: a
/// second run leaves identical rows, a user's changed level replaces the old one instead of piling up
/// next to it, and a failed or cancelled transform rolls back to the previous contents.
///
/// The two dialects compute the same rows differently. Redshift picks "the first row per key" with
/// ROW_NUMBER() windows, its idiom. PostgreSQL does it with DISTINCT ON (one sort, no window pass),
/// writes into a table it has just truncated with its primary key dropped, and builds the key once
/// after the rows: a TRUNCATE gives the table a fresh file, so under `wal_level = minimal` the rows skip
/// the write-ahead log, and one sorted index build beats maintaining the index row by row. TRUNCATE,
/// DROP and ADD CONSTRAINT are transactional there, so the stage stays all or nothing.
public enum TransformSQL {
    /// The statements of one transform stage, to run in order inside one transaction.
    public static func statements(for stage: ETLStage, dialect: Dialect) -> [String] {
        guard let table = stage.table, !stage.isStaging else { return [] }
        switch dialect {
        case .redshift:
            return [clear(table, dialect: dialect), insert(for: stage, dialect: dialect)]
        case .postgres:
            let prepare = tuning(dialect) + [clear(table, dialect: dialect), dropPrimaryKey(table)]
            // songs builds its key inside the block that decides whether it needs the sort.
            if stage == .songs { return prepare + [Postgres.songsUnlessDuplicated] }
            return prepare + [insert(for: stage, dialect: dialect), addPrimaryKey(table)]
        }
    }

    /// PostgreSQL only, for this transaction: enough memory that the sorts, the match join and the
    /// primary key build stay in memory at scale 100 (the 4 MB default spills them to disk); no JIT
    /// compilation, which costs more than it saves on these single-pass statements; and no nested
    /// loops: the planner estimates the song match (an equality plus |duration − length| < 0.001) at
    /// one row, and a nested-loop plan on that estimate ran over 15 minutes before it was cancelled; nor
    /// merge joins: with the memory above it sorts both sides of the match (1.49M songs at scale 100)
    /// instead of hashing them, which took twice the hash join's time (EXPLAIN ANALYZE, bench/transforms.sh data).
    /// Redshift plans and budgets memory its own way (WLM) and has none of these settings.
    public static func tuning(_ dialect: Dialect) -> [String] {
        switch dialect {
        case .postgres:
            return ["SET LOCAL work_mem = '256MB'", "SET LOCAL maintenance_work_mem = '256MB'", "SET LOCAL jit = off",
                    "SET LOCAL enable_nestloop = off", "SET LOCAL enable_mergejoin = off"]
        case .redshift: return []
        }
    }

    /// After a run commits. PostgreSQL has no statistics for rows it was just given, so the analysts'
    /// queries that follow (insights, SQL) would be planned blind — at scale 10 the insights' grouping
    /// spilled to disk and took twice as long. Redshift analyzes after loads by itself.
    public static func afterRun(_ dialect: Dialect) -> [String] {
        switch dialect {
        case .postgres: return ["ANALYZE " + WarehouseSchema.star.map(\.name).joined(separator: ", ")]
        case .redshift: return []
        }
    }

    /// PostgreSQL: TRUNCATE (transactional there, and it frees the space at once). Redshift: DELETE,
    /// because TRUNCATE commits the running transaction and would break the all-or-nothing stage.
    public static func clear(_ table: TableDefinition, dialect: Dialect) -> String {
        switch dialect {
        case .postgres: return "TRUNCATE \(table.name)"
        case .redshift: return "DELETE FROM \(table.name)"
        }
    }

    /// PostgreSQL's default name for the table's primary key constraint (the DDL leaves it unnamed).
    static func primaryKeyName(_ table: TableDefinition) -> String { table.name + "_pkey" }

    static func dropPrimaryKey(_ table: TableDefinition) -> String {
        "ALTER TABLE \(table.name) DROP CONSTRAINT IF EXISTS \(primaryKeyName(table))"
    }

    static func addPrimaryKey(_ table: TableDefinition) -> String {
        "ALTER TABLE \(table.name) ADD CONSTRAINT \(primaryKeyName(table)) PRIMARY KEY (\(table.primaryKey.joined(separator: ", ")))"
    }

    static func insert(for stage: ETLStage, dialect: Dialect) -> String {
        switch (stage, dialect) {
        case (.songplays, .redshift): return songplays
        case (.songplays, .postgres): return Postgres.songplays
        case (.users, .redshift): return users
        case (.users, .postgres): return Postgres.users
        case (.songs, .redshift): return songs
        case (.songs, .postgres): return Postgres.songs
        case (.artists, .redshift): return artists
        case (.artists, .postgres): return Postgres.artists
        case (.time, .redshift): return time
        case (.time, .postgres): return Postgres.time
        case (.stagingEvents, _), (.stagingSongs, _), (.checks, _): return ""
        }
    }

    /// The order that numbers the plays (songplay_id) in both dialects: ts, then session and item; the
    /// remaining columns only order events identical in those.
    static func playOrder(_ alias: String = "") -> String {
        ["ts", "sessionId", "itemInSession", "userId", "level", "song", "artist", "length", "location", "userAgent"]
            .map { alias + $0 + " NULLS LAST" }.joined(separator: ", ")
    }

    /// Which of several matching songs a play gets, and which staged row speaks for a user, a song or an
    /// artist: the same order in both dialects' SQL.
    static let matchPreference = "s.song_id, s.artist_id NULLS LAST"
    static func userRecency(_ alias: String = "") -> String {
        ["ts DESC", "sessionId DESC", "itemInSession DESC", "level DESC", "firstName", "lastName", "gender"]
            .map { alias + $0 + " NULLS LAST" }.joined(separator: ", ")
    }
    static let songPreference = "title NULLS LAST, artist_id NULLS LAST, year NULLS LAST, duration NULLS LAST"
    static let artistPreference = """
        CASE WHEN artist_latitude IS NOT NULL AND artist_longitude IS NOT NULL THEN 0 ELSE 1 END, \
        CASE WHEN artist_location <> '' THEN 0 ELSE 1 END, song_id NULLS LAST, artist_name NULLS LAST, \
        artist_location NULLS LAST, artist_latitude NULLS LAST, artist_longitude NULLS LAST
        """

    // MARK: - Redshift (window functions)

    /// One row per NextSong event, none dropped. songplay_id numbers the plays 0, 1, 2, … in
    /// `playOrder`, so the ids are the same on every run. A play gets song_id / artist_id from a staged
    /// song with the same title and artist name whose duration is within 1 ms of the played length; of
    /// several such songs, the smallest song_id (then artist_id); without one, both stay NULL.
    public static let songplays = """
        INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)
        WITH plays AS (
            SELECT ROW_NUMBER() OVER (ORDER BY \(playOrder())) - 1 AS songplay_id,
                   ts, userId, level, song, artist, length, sessionId, location, userAgent
            FROM staging_events
            WHERE page = 'NextSong'
        ),
        candidates AS (
            SELECT p.songplay_id, s.song_id, s.artist_id,
                   ROW_NUMBER() OVER (PARTITION BY p.songplay_id ORDER BY \(matchPreference)) AS preference
            FROM plays p
            JOIN staging_songs s
              ON s.title = p.song AND s.artist_name = p.artist AND ABS(s.duration - p.length) < 0.001
            WHERE s.song_id IS NOT NULL AND s.song_id <> ''
        )
        SELECT p.songplay_id, p.ts, NULLIF(p.userId, ''), p.level, c.song_id, c.artist_id, p.sessionId, p.location, p.userAgent
        FROM plays p
        LEFT JOIN candidates c ON c.songplay_id = p.songplay_id AND c.preference = 1
        """

    /// One row per non-empty userId over all events, with names, gender and level from the user's
    /// latest event (`userRecency`: the greatest ts, then session, then item in session; an exact tie
    /// prefers the greater level, 'paid' over 'free', then names and gender in ascending order).
    public static let users = """
        INSERT INTO users (user_id, first_name, last_name, gender, level)
        SELECT userId, firstName, lastName, gender, level
        FROM (
            SELECT userId, firstName, lastName, gender, level,
                   ROW_NUMBER() OVER (PARTITION BY userId ORDER BY \(userRecency())) AS recency
            FROM staging_events
            WHERE userId <> ''
        ) events
        WHERE recency = 1
        """

    /// One row per song_id. Should the source repeat a song_id with different values, the row first
    /// in `songPreference` (the smallest title, then artist_id, year and duration) wins.
    public static let songs = """
        INSERT INTO songs (song_id, title, artist_id, year, duration)
        SELECT song_id, title, artist_id, year, duration
        FROM (
            SELECT song_id, title, artist_id, year, duration,
                   ROW_NUMBER() OVER (PARTITION BY song_id ORDER BY \(songPreference)) AS preference
            FROM staging_songs
            WHERE song_id IS NOT NULL AND song_id <> ''
        ) staged
        WHERE preference = 1
        """

    /// One row per artist_id. Staged songs of one artist may disagree on name, location or coordinates
    /// (e.g. "Artist featuring Guest"); all four values are taken from ONE staged song, never mixed:
    /// the first in `artistPreference` — coordinates first, then a non-empty location, and among equals
    /// the smallest song_id (then name, location, latitude, longitude).
    public static let artists = """
        INSERT INTO artists (artist_id, name, location, latitude, longitude)
        SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude
        FROM (
            SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude,
                   ROW_NUMBER() OVER (PARTITION BY artist_id ORDER BY \(artistPreference)) AS preference
            FROM staging_songs
            WHERE artist_id IS NOT NULL AND artist_id <> ''
        ) staged
        WHERE preference = 1
        """

    /// One row per distinct songplays start_time (both dialects). weekday: 0 = Sunday … 6 = Saturday;
    /// week: ISO week.
    public static let time = """
        INSERT INTO time (start_time, hour, day, week, month, year, weekday)
        SELECT start_time, \(timeParts)
        FROM (SELECT DISTINCT start_time FROM songplays WHERE start_time IS NOT NULL) plays
        """

    /// The columns of `time` after start_time, computed from `start_time`.
    static let timeParts = """
        CAST(EXTRACT(hour FROM start_time) AS SMALLINT), CAST(EXTRACT(day FROM start_time) AS SMALLINT), \
        CAST(EXTRACT(week FROM start_time) AS SMALLINT), CAST(EXTRACT(month FROM start_time) AS SMALLINT), \
        CAST(EXTRACT(year FROM start_time) AS SMALLINT), CAST(EXTRACT(dow FROM start_time) AS SMALLINT)
        """

    // MARK: - PostgreSQL (DISTINCT ON)

    /// The same rows as the Redshift forms, computed with DISTINCT ON, which keeps the first row per key
    /// in the ORDER BY after it: one sort instead of a sort plus a window pass.
    public enum Postgres {
        /// The match is decided per (title, artist, length) from the plays that match any song — a hash
        /// join, then DISTINCT ON over the few matched rows — and joined back to the plays by equality;
        /// the plays are numbered in `playOrder`. (A DISTINCT ON over the plays themselves would merge
        /// two events identical in every column.)
        public static let songplays = """
            INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)
            WITH matches AS (
                SELECT DISTINCT ON (p.song, p.artist, p.length) p.song, p.artist, p.length, s.song_id, s.artist_id
                FROM staging_events p
                JOIN staging_songs s
                  ON s.title = p.song AND s.artist_name = p.artist AND ABS(s.duration - p.length) < 0.001
                WHERE p.page = 'NextSong' AND s.song_id <> ''
                ORDER BY p.song, p.artist, p.length, \(matchPreference)
            )
            SELECT ROW_NUMBER() OVER (ORDER BY \(playOrder("e."))) - 1,
                   e.ts, NULLIF(e.userId, ''), e.level, m.song_id, m.artist_id, e.sessionId, e.location, e.userAgent
            FROM staging_events e
            LEFT JOIN matches m ON m.song = e.song AND m.artist = e.artist AND m.length = e.length
            WHERE e.page = 'NextSong'
            """

        /// Only each user's events at their latest ts (all of them when none has a ts, which sorts
        /// last) go into the DISTINCT ON sort: a hash aggregate finds that ts, so the sort holds
        /// thousands of rows instead of every event.
        public static let users = """
            INSERT INTO users (user_id, first_name, last_name, gender, level)
            SELECT DISTINCT ON (e.userId) e.userId, e.firstName, e.lastName, e.gender, e.level
            FROM staging_events e
            JOIN (SELECT userId, MAX(ts) AS ts FROM staging_events WHERE userId <> '' GROUP BY userId) latest
              ON latest.userId = e.userId AND (e.ts = latest.ts OR latest.ts IS NULL)
            ORDER BY e.userId, \(userRecency("e."))
            """

        /// The rows of `songs` when song_ids repeat: the first per song_id in `songPreference`.
        public static let songs = """
            INSERT INTO songs (song_id, title, artist_id, year, duration)
            SELECT DISTINCT ON (song_id) song_id, title, artist_id, year, duration
            FROM staging_songs
            WHERE song_id <> ''
            ORDER BY song_id, \(songPreference)
            """

        /// Staged song_ids are normally unique (one song per file), and then every staged row IS its
        /// song's row: the block copies them unsorted and lets the primary key build prove there were no
        /// repeats. Only when it finds one does the block's rollback undo the copy and the DISTINCT ON
        /// sort (`songs`) run — the same rows either way, at half the cost when ids are unique (sorting
        /// 1.49M staged songs was most of the stage at scale 100).
        public static let songsUnlessDuplicated = """
            DO $$
            BEGIN
                INSERT INTO songs (song_id, title, artist_id, year, duration)
                SELECT song_id, title, artist_id, year, duration FROM staging_songs WHERE song_id <> '';
                \(addPrimaryKey(WarehouseSchema.songs));
            EXCEPTION WHEN unique_violation THEN
                \(songs);
                \(addPrimaryKey(WarehouseSchema.songs));
            END
            $$
            """

        /// `time` with date_part, which returns double precision: EXTRACT returns numeric on PostgreSQL
        /// 14 and later, and converting 3.4M numerics to SMALLINT took a third of the stage at scale
        /// 100. The values are whole numbers, so the casts give the same SMALLINTs.
        public static let time = """
            INSERT INTO time (start_time, hour, day, week, month, year, weekday)
            SELECT start_time, \(["hour", "day", "week", "month", "year", "dow"]
                .map { "CAST(date_part('\($0)', start_time) AS SMALLINT)" }.joined(separator: ", "))
            FROM (SELECT DISTINCT start_time FROM songplays WHERE start_time IS NOT NULL) plays
            """

        public static let artists = """
            INSERT INTO artists (artist_id, name, location, latitude, longitude)
            SELECT DISTINCT ON (artist_id) artist_id, artist_name, artist_location, artist_latitude, artist_longitude
            FROM staging_songs
            WHERE artist_id <> ''
            ORDER BY artist_id, \(artistPreference)
            """
    }
}
