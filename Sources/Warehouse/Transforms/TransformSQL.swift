/// The SQL that builds each final table from the staging tables (PRODUCT §3). Pure.
///
/// Every transform *rebuilds* its table: it empties it and inserts the rows computed from staging, in
/// one transaction. Staging always holds the complete source (it is reloaded in full each run), so the
/// final table is a function of staging alone: a second run leaves identical rows, a user's changed
/// level replaces the old one instead of piling up next to it, and a failed or cancelled transform
/// rolls back to the previous contents. (Upserting would keep rows whose source has disappeared and
/// needs MERGE, which the two dialects spell differently.)
public enum TransformSQL {
    /// The statements of one transform stage, to run in order inside one transaction.
    public static func statements(for stage: ETLStage, dialect: Dialect) -> [String] {
        guard let table = stage.table, !stage.isStaging else { return [] }
        return tuning(dialect) + [clear(table, dialect: dialect), insert(for: stage)]
    }

    /// PostgreSQL only, for this transaction: enough memory that the window sorts and the match join
    /// mostly stay in memory at scale 100 (the 4 MB default spills them to disk); no JIT compilation,
    /// which costs more than it saves on these single-pass statements; and no nested loops: the planner
    /// estimates the song match (an equality plus |duration − length| < 0.001, then "first candidate")
    /// at one row, and a plan that joined 670k plays back to the matches by nested loop on that
    /// estimate ran over 15 minutes before it was cancelled (the hash join takes about 15 s).
    /// Redshift plans and budgets memory its own way (WLM) and has none of these settings.
    public static func tuning(_ dialect: Dialect) -> [String] {
        switch dialect {
        case .postgres: return ["SET LOCAL work_mem = '128MB'", "SET LOCAL jit = off", "SET LOCAL enable_nestloop = off"]
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

    static func insert(for stage: ETLStage) -> String {
        switch stage {
        case .songplays: return songplays
        case .users: return users
        case .songs: return songs
        case .artists: return artists
        case .time: return time
        case .stagingEvents, .stagingSongs, .checks: return ""
        }
    }

    /// One row per NextSong event, none dropped. songplay_id numbers the plays 0, 1, 2, … in event order
    /// (ts, then session and item; the remaining columns only order events identical in those), so
    /// the ids are the same on every run. A play gets song_id / artist_id from a staged song with the same
    /// title and artist name whose duration is within 1 ms of the played length; of several such songs,
    /// the smallest song_id (then artist_id); without one, both stay NULL.
    public static let songplays = """
        INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)
        WITH plays AS (
            SELECT ROW_NUMBER() OVER (ORDER BY ts NULLS LAST, sessionId NULLS LAST, itemInSession NULLS LAST,
                                               userId NULLS LAST, level NULLS LAST, song NULLS LAST, artist NULLS LAST,
                                               length NULLS LAST, location NULLS LAST, userAgent NULLS LAST) - 1 AS songplay_id,
                   ts, userId, level, song, artist, length, sessionId, location, userAgent
            FROM staging_events
            WHERE page = 'NextSong'
        ),
        candidates AS (
            SELECT p.songplay_id, s.song_id, s.artist_id,
                   ROW_NUMBER() OVER (PARTITION BY p.songplay_id ORDER BY s.song_id, s.artist_id NULLS LAST) AS preference
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
    /// latest event: the greatest ts, then session, then item in session; an exact tie prefers the
    /// greater level ('paid' over 'free'), then names and gender in ascending order.
    public static let users = """
        INSERT INTO users (user_id, first_name, last_name, gender, level)
        SELECT userId, firstName, lastName, gender, level
        FROM (
            SELECT userId, firstName, lastName, gender, level,
                   ROW_NUMBER() OVER (PARTITION BY userId
                                      ORDER BY ts DESC NULLS LAST, sessionId DESC NULLS LAST,
                                               itemInSession DESC NULLS LAST, level DESC NULLS LAST,
                                               firstName NULLS LAST, lastName NULLS LAST, gender NULLS LAST) AS recency
            FROM staging_events
            WHERE userId <> ''
        ) events
        WHERE recency = 1
        """

    /// One row per song_id. Should the source repeat a song_id with different values, the row with
    /// the smallest title, then artist_id, year and duration wins.
    public static let songs = """
        INSERT INTO songs (song_id, title, artist_id, year, duration)
        SELECT song_id, title, artist_id, year, duration
        FROM (
            SELECT song_id, title, artist_id, year, duration,
                   ROW_NUMBER() OVER (PARTITION BY song_id
                                      ORDER BY title NULLS LAST, artist_id NULLS LAST, year NULLS LAST,
                                               duration NULLS LAST) AS preference
            FROM staging_songs
            WHERE song_id IS NOT NULL AND song_id <> ''
        ) staged
        WHERE preference = 1
        """

    /// One row per artist_id. Staged songs of one artist may disagree on name, location or coordinates
    /// (e.g. "Artist featuring Guest"); all four values are taken from ONE staged song, never mixed:
    /// the most informative — coordinates first, then a non-empty location — and among equals the one
    /// with the smallest song_id (then name, location, latitude, longitude).
    public static let artists = """
        INSERT INTO artists (artist_id, name, location, latitude, longitude)
        SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude
        FROM (
            SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude,
                   ROW_NUMBER() OVER (PARTITION BY artist_id
                                      ORDER BY CASE WHEN artist_latitude IS NOT NULL AND artist_longitude IS NOT NULL
                                                    THEN 0 ELSE 1 END,
                                               CASE WHEN artist_location <> '' THEN 0 ELSE 1 END,
                                               song_id NULLS LAST, artist_name NULLS LAST, artist_location NULLS LAST,
                                               artist_latitude NULLS LAST, artist_longitude NULLS LAST) AS preference
            FROM staging_songs
            WHERE artist_id IS NOT NULL AND artist_id <> ''
        ) staged
        WHERE preference = 1
        """

    /// One row per distinct songplays start_time. weekday: 0 = Sunday … 6 = Saturday; week: ISO week.
    public static let time = """
        INSERT INTO time (start_time, hour, day, week, month, year, weekday)
        SELECT start_time,
               CAST(EXTRACT(hour FROM start_time) AS SMALLINT),
               CAST(EXTRACT(day FROM start_time) AS SMALLINT),
               CAST(EXTRACT(week FROM start_time) AS SMALLINT),
               CAST(EXTRACT(month FROM start_time) AS SMALLINT),
               CAST(EXTRACT(year FROM start_time) AS SMALLINT),
               CAST(EXTRACT(dow FROM start_time) AS SMALLINT)
        FROM (SELECT DISTINCT start_time FROM songplays WHERE start_time IS NOT NULL) plays
        """
}
