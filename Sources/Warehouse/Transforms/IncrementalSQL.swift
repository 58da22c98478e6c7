/// The SQL of an incremental run (`etl --incremental`, issue 14). Pure, and the same text in both
/// dialects: subqueries and ROW_NUMBER() windows over the new rows, which are few.
///
/// The staging tables keep every object loaded so far; an incremental run loads only the new objects,
/// into temporary tables of the same shape (`newRows`), and then, in one transaction: updates the final
/// tables in place so they equal what a rebuild over old plus new staging rows would give, appends the
/// new rows to staging and records the new objects in `etl_objects`. A failed or cancelled run rolls
/// all of it back. What makes "in place" equal to "rebuilt" (checked first by `eventOrder`): every new
/// event comes after every loaded one, so the new plays are numbered after the old ones and a user's
/// latest event, when they have new ones, is among the new.
public enum IncrementalSQL {
    /// The temporary table an incremental run stages `table`'s new rows into.
    public static func newRows(_ table: TableDefinition) -> TableDefinition {
        var copy = table
        copy.name = "new_" + table.name
        return copy
    }

    /// Creates (or empties) the session's temporary table for `table`'s new rows.
    public static func prepareNewRows(_ table: TableDefinition) -> [String] {
        let new = newRows(table).name
        return ["CREATE TEMP TABLE IF NOT EXISTS \(new) (LIKE \(table.name))", "DELETE FROM \(new)"]
    }

    static let events = WarehouseSchema.stagingEvents.name
    static let songs = WarehouseSchema.stagingSongs.name
    static let newEvents = newRows(WarehouseSchema.stagingEvents).name
    static let newSongs = newRows(WarehouseSchema.stagingSongs).name

    /// One row: the latest loaded ts, the earliest new ts, 1 when the new do not start after the loaded,
    /// new events without ts, loaded plays without ts (see `IncrementalPlan.eventOrderProblem`).
    public static let eventOrder = """
        SELECT CAST(loaded.latest AS VARCHAR(32)), CAST(fresh.earliest AS VARCHAR(32)),
               CASE WHEN fresh.earliest <= loaded.latest THEN 1 ELSE 0 END, fresh.untimed, loaded.untimed_plays
        FROM (SELECT MAX(ts) AS latest, SUM(CASE WHEN ts IS NULL AND page = 'NextSong' THEN 1 ELSE 0 END) AS untimed_plays
              FROM \(events)) loaded
        CROSS JOIN (SELECT MIN(ts) AS earliest, SUM(CASE WHEN ts IS NULL THEN 1 ELSE 0 END) AS untimed FROM \(newEvents)) fresh
        """

    /// The statements of one stage of the final transaction, in order.
    public static func statements(for stage: ETLStage) -> [String] {
        switch stage {
        case .songplays: return [rematchPlays, appendPlays]
        case .users: return [replaceUsers, insertUsers]
        case .songs: return [replaceSongs, insertSongs]
        case .artists: return [replaceArtists, insertArtists]
        case .time: return [extendTime]
        case .stagingEvents, .stagingSongs, .checks: return []
        }
    }

    /// Last in the final transaction: the new rows join the staging tables, which so keep holding
    /// everything `etl_objects` lists.
    public static let appendToStaging: [String] = WarehouseSchema.staging.map { table in
        let columns = table.columns.map(\.name).joined(separator: ", ")
        return "INSERT INTO \(table.name) (\(columns)) SELECT \(columns) FROM \(newRows(table).name)"
    }

    /// Every staged song, loaded or new, with the columns the transforms read.
    static let allSongs = """
        (SELECT song_id, title, artist_id, artist_name, duration, year, artist_location, artist_latitude, artist_longitude
         FROM \(songs)
         UNION ALL
         SELECT song_id, title, artist_id, artist_name, duration, year, artist_location, artist_latitude, artist_longitude
         FROM \(newSongs))
        """

    static let match = "s.title = p.song AND s.artist_name = p.artist AND ABS(s.duration - p.length) < 0.001"

    /// Plays loaded earlier whose (title, artist, length) a new song matches get the best match over
    /// all songs — as a rebuild would give them. Their ids are their numbers among the loaded plays.
    public static let rematchPlays = """
        UPDATE songplays
        SET song_id = rematched.song_id, artist_id = rematched.artist_id
        FROM (
            SELECT plays.songplay_id, best.song_id, best.artist_id
            FROM (SELECT ROW_NUMBER() OVER (ORDER BY \(TransformSQL.playOrder())) - 1 AS songplay_id, song, artist, length
                  FROM \(events) WHERE page = 'NextSong') plays
            JOIN (
                SELECT song, artist, length, song_id, artist_id
                FROM (
                    SELECT p.song, p.artist, p.length, s.song_id, s.artist_id,
                           ROW_NUMBER() OVER (PARTITION BY p.song, p.artist, p.length ORDER BY \(TransformSQL.matchPreference)) AS preference
                    FROM (SELECT DISTINCT e.song, e.artist, e.length
                          FROM \(events) e
                          JOIN \(newSongs) n ON n.title = e.song AND n.artist_name = e.artist AND ABS(n.duration - e.length) < 0.001
                          WHERE e.page = 'NextSong' AND n.song_id <> '') p
                    JOIN \(allSongs) s ON \(match)
                    WHERE s.song_id <> ''
                ) candidates
                WHERE preference = 1
            ) best ON best.song = plays.song AND best.artist = plays.artist AND best.length = plays.length
        ) rematched
        WHERE songplays.songplay_id = rematched.songplay_id
        """

    /// The new plays, numbered on from the loaded ones in event order, matched against all songs.
    public static let appendPlays = """
        INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)
        WITH plays AS (
            SELECT ROW_NUMBER() OVER (ORDER BY \(TransformSQL.playOrder())) - 1 AS play,
                   ts, userId, level, song, artist, length, sessionId, location, userAgent
            FROM \(newEvents)
            WHERE page = 'NextSong'
        ),
        candidates AS (
            SELECT p.play, s.song_id, s.artist_id,
                   ROW_NUMBER() OVER (PARTITION BY p.play ORDER BY \(TransformSQL.matchPreference)) AS preference
            FROM plays p
            JOIN \(allSongs) s ON \(match)
            WHERE s.song_id <> ''
        )
        SELECT loaded.plays + p.play, p.ts, NULLIF(p.userId, ''), p.level, c.song_id, c.artist_id, p.sessionId, p.location, p.userAgent
        FROM plays p
        CROSS JOIN (SELECT COUNT(*) AS plays FROM \(events) WHERE page = 'NextSong') loaded
        LEFT JOIN candidates c ON c.play = p.play AND c.preference = 1
        """

    /// Users with new events take their latest new event (all new events are later than the loaded).
    public static let replaceUsers = "DELETE FROM users WHERE user_id IN (SELECT userId FROM \(newEvents) WHERE userId <> '')"
    public static let insertUsers = """
        INSERT INTO users (user_id, first_name, last_name, gender, level)
        SELECT userId, firstName, lastName, gender, level
        FROM (
            SELECT userId, firstName, lastName, gender, level,
                   ROW_NUMBER() OVER (PARTITION BY userId ORDER BY \(TransformSQL.userRecency())) AS recency
            FROM \(newEvents)
            WHERE userId <> ''
        ) events
        WHERE recency = 1
        """

    /// A song_id with new staged rows is decided again over all its rows, loaded and new.
    public static let replaceSongs = replace("songs", key: "song_id")
    public static let insertSongs = redecided("songs", key: "song_id", columns: "song_id, title, artist_id, year, duration",
                                              staged: "song_id, title, artist_id, year, duration",
                                              preference: TransformSQL.songPreference)

    /// An artist_id with new staged songs is decided again over all its songs, with the rebuild's rule.
    public static let replaceArtists = replace("artists", key: "artist_id")
    public static let insertArtists = redecided("artists", key: "artist_id", columns: "artist_id, name, location, latitude, longitude",
                                                staged: "artist_id, artist_name, artist_location, artist_latitude, artist_longitude",
                                                preference: TransformSQL.artistPreference)

    static func replace(_ table: String, key: String) -> String {
        "DELETE FROM \(table) WHERE \(key) IN (SELECT \(key) FROM \(newSongs) WHERE \(key) <> '')"
    }

    /// The rows of `table` for the keys with new staged songs: per key, the staged row (loaded or new)
    /// first in `preference`.
    static func redecided(_ table: String, key: String, columns: String, staged: String, preference: String) -> String {
        """
        INSERT INTO \(table) (\(columns))
        SELECT \(staged)
        FROM (
            SELECT \(staged),
                   ROW_NUMBER() OVER (PARTITION BY \(key) ORDER BY \(preference)) AS preference
            FROM \(allSongs) staged
            WHERE \(key) IN (SELECT \(key) FROM \(newSongs) WHERE \(key) <> '')
        ) ranked
        WHERE preference = 1
        """
    }

    /// The new plays' times that time does not hold yet.
    public static let extendTime = """
        INSERT INTO time (start_time, hour, day, week, month, year, weekday)
        SELECT start_time, \(TransformSQL.timeParts)
        FROM (SELECT DISTINCT ts AS start_time FROM \(newEvents) WHERE page = 'NextSong' AND ts IS NOT NULL) plays
        WHERE NOT EXISTS (SELECT 1 FROM time t WHERE t.start_time = plays.start_time)
        """
}
