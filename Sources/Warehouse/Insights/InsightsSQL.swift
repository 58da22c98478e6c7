/// The analysts' questions (issue #10) as SQL over the star schema. Pure. Every query is valid on
/// Redshift and PostgreSQL alike, so both dialects run the same text; ties are broken by plays
/// descending, then the id or text ascending, so two runs (and the two dialects) list the same rows.
public enum InsightsSQL {
    /// Plays, plays matched to a song, users.
    public static let totals = """
        SELECT count(*), count(song_id), (SELECT count(*) FROM users)
        FROM songplays
        """

    /// Plays per hour of the day (0–23), through the time dimension.
    public static let byHour = perTimeField("hour")
    /// Plays per weekday (0 = Sunday … 6 = Saturday, as the time dimension stores it).
    public static let byWeekday = perTimeField("weekday")
    /// Plays per day of the month (1–31).
    public static let byDay = perTimeField("day")

    /// Plays by the level the user had when playing.
    public static let playsByLevel = """
        SELECT level, count(*)
        FROM songplays
        WHERE level IN ('free', 'paid')
        GROUP BY level
        ORDER BY level
        """

    /// Users by their current level.
    public static let usersByLevel = """
        SELECT level, count(*)
        FROM users
        WHERE level IN ('free', 'paid')
        GROUP BY level
        ORDER BY level
        """

    /// The `top` users by plays, with their names and current level.
    public static func topUsers(_ top: Int) -> String {
        """
        SELECT sp.user_id, u.first_name, u.last_name, u.level, count(*) AS plays
        FROM songplays sp
        JOIN users u ON u.user_id = sp.user_id
        GROUP BY sp.user_id, u.first_name, u.last_name, u.level
        ORDER BY plays DESC, sp.user_id
        LIMIT \(max(0, top))
        """
    }

    /// The `top` locations plays came from.
    public static func topLocations(_ top: Int) -> String {
        """
        SELECT location, count(*) AS plays
        FROM songplays
        WHERE location IS NOT NULL
        GROUP BY location
        ORDER BY plays DESC, location
        LIMIT \(max(0, top))
        """
    }

    /// The `top` songs among plays matched to a song, with the song's artist.
    public static func topSongs(_ top: Int) -> String {
        """
        SELECT sp.song_id, s.title, a.name, count(*) AS plays
        FROM songplays sp
        JOIN songs s ON s.song_id = sp.song_id
        LEFT JOIN artists a ON a.artist_id = s.artist_id
        GROUP BY sp.song_id, s.title, a.name
        ORDER BY plays DESC, sp.song_id
        LIMIT \(max(0, top))
        """
    }

    /// The `top` artists among plays matched to a song.
    public static func topArtists(_ top: Int) -> String {
        """
        SELECT sp.artist_id, a.name, count(*) AS plays
        FROM songplays sp
        JOIN artists a ON a.artist_id = sp.artist_id
        GROUP BY sp.artist_id, a.name
        ORDER BY plays DESC, sp.artist_id
        LIMIT \(max(0, top))
        """
    }

    /// Every query, in the order ``Insights/read(top:on:)`` runs them. Both dialects get the same text;
    /// the parameter says so where a caller renders per dialect.
    public static func statements(top: Int, dialect: Dialect) -> [String] {
        [totals, byHour, byWeekday, playsByLevel, usersByLevel, byDay,
         topUsers(top), topLocations(top), topSongs(top), topArtists(top)]
    }

    /// One snapshot for all the answers, so a transform committing meanwhile cannot make them disagree.
    /// Redshift accepts every isolation level's name (and runs serializable); both accept READ ONLY.
    public static let begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

    static func perTimeField(_ field: String) -> String {
        """
        SELECT t.\(field), count(*)
        FROM songplays sp
        JOIN time t ON t.start_time = sp.start_time
        GROUP BY t.\(field)
        ORDER BY t.\(field)
        """
    }
}
