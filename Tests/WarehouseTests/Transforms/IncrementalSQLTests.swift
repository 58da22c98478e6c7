import Testing
@testable import Warehouse

/// The SQL of an incremental run: one text for both dialects (Redshift's is what is pinned here; the
/// PostgreSQL runs in IncrementalRunTests execute the same strings).
@Suite("Incremental SQL")
struct IncrementalSQLTests {
    @Test func eachStageUpdatesItsTableInPlaceFromTheNewRows() {
        let firstLines = [ETLStage.songplays, .users, .songs, .artists, .time].map { stage in
            IncrementalSQL.statements(for: stage).map(DatabaseError.firstLine)
        }
        #expect(firstLines == [
            ["UPDATE songplays", "INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)"],
            ["DELETE FROM users WHERE user_id IN (SELECT userId FROM new_staging_events WHERE userId <> '')",
             "INSERT INTO users (user_id, first_name, last_name, gender, level)"],
            ["DELETE FROM songs WHERE song_id IN (SELECT song_id FROM new_staging_songs WHERE song_id <> '')",
             "INSERT INTO songs (song_id, title, artist_id, year, duration)"],
            ["DELETE FROM artists WHERE artist_id IN (SELECT artist_id FROM new_staging_songs WHERE artist_id <> '')",
             "INSERT INTO artists (artist_id, name, location, latitude, longitude)"],
            ["INSERT INTO time (start_time, hour, day, week, month, year, weekday)"],
        ])
        #expect(IncrementalSQL.statements(for: .checks).isEmpty)
    }

    @Test func newPlaysAreNumberedOnFromTheLoadedOnes() {
        #expect(IncrementalSQL.appendPlays == """
            INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)
            WITH plays AS (
                SELECT ROW_NUMBER() OVER (ORDER BY ts NULLS LAST, sessionId NULLS LAST, itemInSession NULLS LAST, userId NULLS LAST, level NULLS LAST, song NULLS LAST, artist NULLS LAST, length NULLS LAST, location NULLS LAST, userAgent NULLS LAST) - 1 AS play,
                       ts, userId, level, song, artist, length, sessionId, location, userAgent
                FROM new_staging_events
                WHERE page = 'NextSong'
            ),
            candidates AS (
                SELECT p.play, s.song_id, s.artist_id,
                       ROW_NUMBER() OVER (PARTITION BY p.play ORDER BY s.song_id, s.artist_id NULLS LAST) AS preference
                FROM plays p
                JOIN (SELECT song_id, title, artist_id, artist_name, duration, year, artist_location, artist_latitude, artist_longitude
             FROM staging_songs
             UNION ALL
             SELECT song_id, title, artist_id, artist_name, duration, year, artist_location, artist_latitude, artist_longitude
             FROM new_staging_songs) s ON s.title = p.song AND s.artist_name = p.artist AND ABS(s.duration - p.length) < 0.001
                WHERE s.song_id <> ''
            )
            SELECT loaded.plays + p.play, p.ts, NULLIF(p.userId, ''), p.level, c.song_id, c.artist_id, p.sessionId, p.location, p.userAgent
            FROM plays p
            CROSS JOIN (SELECT COUNT(*) AS plays FROM staging_events WHERE page = 'NextSong') loaded
            LEFT JOIN candidates c ON c.play = p.play AND c.preference = 1
            """)
    }

    @Test func newRowsGoToTemporaryTablesAndThenJoinStaging() {
        #expect(IncrementalSQL.prepareNewRows(WarehouseSchema.stagingSongs) == [
            "CREATE TEMP TABLE IF NOT EXISTS new_staging_songs (LIKE staging_songs)", "DELETE FROM new_staging_songs",
        ])
        #expect(IncrementalSQL.appendToStaging == [
            "INSERT INTO staging_events (artist, auth, firstName, gender, itemInSession, lastName, length, level, location, "
                + "method, page, registration, sessionId, song, status, ts, userAgent, userId) SELECT artist, auth, firstName, "
                + "gender, itemInSession, lastName, length, level, location, method, page, registration, sessionId, song, "
                + "status, ts, userAgent, userId FROM new_staging_events",
            "INSERT INTO staging_songs (num_songs, artist_id, artist_latitude, artist_longitude, artist_location, artist_name, "
                + "song_id, title, duration, year) SELECT num_songs, artist_id, artist_latitude, artist_longitude, "
                + "artist_location, artist_name, song_id, title, duration, year FROM new_staging_songs",
        ])
    }

    @Test func loadedObjectsAreInsertedInBatchesOfLiterals() {
        let objects = (1...3).map {
            LoadedObject(stage: .stagingSongs, key: "s3://b/song_data/\($0)'.json", etag: $0 == 2 ? nil : "e\($0)", size: $0 * 10,
                         rows: $0 == 3 ? nil : 1, runID: "r1")
        }
        #expect(LoadedObjectLog.insertStatements(objects, batch: 2) == [
            "INSERT INTO etl_objects (stage, object_key, etag, size_bytes, row_count, run_id) VALUES "
                + "('staging_songs', 's3://b/song_data/1''.json', 'e1', 10, 1, 'r1'), "
                + "('staging_songs', 's3://b/song_data/2''.json', NULL, 20, 1, 'r1')",
            "INSERT INTO etl_objects (stage, object_key, etag, size_bytes, row_count, run_id) VALUES "
                + "('staging_songs', 's3://b/song_data/3''.json', 'e3', 30, NULL, 'r1')",
        ])
    }
}
