/// The analysts' questions (issue #10) as SQL over the star schema. Pure. Every query is valid on
/// Redshift and PostgreSQL alike, so both dialects run the same text; ties are broken by plays
/// descending, then the id or text ascending, so two runs (and the two dialects) list the same rows.
public enum InsightsSQL {
    /// Plays per hour, weekday (0 = Sunday), day of the month and level, and how many of them matched a
    /// song: one scan of songplays answers the totals, the three time charts and plays by level (summed
    /// in ``Insights``). Through the time dimension; LEFT JOIN so a play the time table lacks still
    /// counts in the totals and levels.
    public static let playsByTimeAndLevel = """
        SELECT t.hour, t.weekday, t.day, sp.level, count(*), count(sp.song_id)
        FROM songplays sp
        LEFT JOIN time t ON t.start_time = sp.start_time
        GROUP BY t.hour, t.weekday, t.day, sp.level
        """

    /// Users by their current level, every level: the counts add up to the number of users.
    public static let usersByLevel = """
        SELECT level, count(*)
        FROM users
        GROUP BY level
        """

    /// The `top` users by plays, with their names and current level. Counted before the join (a few
    /// hundred groups joined, not every play).
    public static func topUsers(_ top: Int) -> String {
        """
        SELECT p.user_id, u.first_name, u.last_name, u.level, p.plays
        FROM (SELECT user_id, count(*) AS plays FROM songplays GROUP BY user_id) p
        JOIN users u ON u.user_id = p.user_id
        ORDER BY p.plays DESC, p.user_id
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
        SELECT p.song_id, s.title, a.name, p.plays
        FROM (SELECT song_id, count(*) AS plays FROM songplays WHERE song_id IS NOT NULL GROUP BY song_id) p
        JOIN songs s ON s.song_id = p.song_id
        LEFT JOIN artists a ON a.artist_id = s.artist_id
        ORDER BY p.plays DESC, p.song_id
        LIMIT \(max(0, top))
        """
    }

    /// The `top` artists among plays matched to a song.
    public static func topArtists(_ top: Int) -> String {
        """
        SELECT p.artist_id, a.name, p.plays
        FROM (SELECT artist_id, count(*) AS plays FROM songplays WHERE artist_id IS NOT NULL GROUP BY artist_id) p
        JOIN artists a ON a.artist_id = p.artist_id
        ORDER BY p.plays DESC, p.artist_id
        LIMIT \(max(0, top))
        """
    }

    /// Every query, in the order ``Insights/read(top:on:)`` sends them (in one round trip). Both
    /// dialects get the same text; the parameter says so where a caller renders per dialect.
    public static func statements(top: Int, dialect: Dialect) -> [String] {
        [playsByTimeAndLevel, usersByLevel, topUsers(top), topLocations(top), topSongs(top), topArtists(top)]
    }

    /// One snapshot for all the answers, so a transform committing meanwhile cannot make them disagree.
    /// Redshift accepts every isolation level's name (and runs serializable); both accept READ ONLY.
    public static let begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
}
