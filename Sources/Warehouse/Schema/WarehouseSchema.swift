/// The warehouse's tables: the single source of truth for the DDL of both dialects, the COPY column
/// order, the row counts, the checks and schema.png (PRODUCT §3).
public enum WarehouseSchema {
    /// Raw log events. Columns in the order of log_json_path.json, which maps by position.
    public static let stagingEvents = TableDefinition(
        "staging_events", role: .staging,
        columns: [
            .init("artist", .varchar(maxBytes: 512)),
            .init("auth", .varchar(maxBytes: 32)),
            .init("firstName", .varchar(maxBytes: 128)),
            .init("gender", .varchar(maxBytes: 16)),
            .init("itemInSession", .integer),
            .init("lastName", .varchar(maxBytes: 128)),
            .init("length", .doublePrecision),
            .init("level", .varchar(maxBytes: 16)),
            .init("location", .varchar(maxBytes: 512)),
            .init("method", .varchar(maxBytes: 16)),
            .init("page", .varchar(maxBytes: 64)),
            .init("registration", .doublePrecision),
            .init("sessionId", .integer),
            .init("song", .varchar(maxBytes: 512)),
            .init("status", .smallint),
            // Epoch milliseconds in the files; COPY's TIMEFORMAT 'epochmillisecs' makes it a timestamp.
            .init("ts", .timestamp),
            .init("userAgent", .varchar(maxBytes: 512)),
            // Text, not a number: it is "" for logged-out users.
            .init("userId", .varchar(maxBytes: 64)),
        ],
        distribution: .key("song"),
        rationale: """
            The only join between the staging tables is the songplays match on song = title: distributing \
            staging_events on song and staging_songs on title keeps matching rows on the same slice. Non-plays \
            (song NULL, about 15%) share one slice, but they are filtered out before the join.
            """)

    /// Song metadata, one object per file. Columns in the files' order.
    public static let stagingSongs = TableDefinition(
        "staging_songs", role: .staging,
        columns: [
            .init("num_songs", .integer),
            .init("artist_id", .varchar(maxBytes: 64)),
            .init("artist_latitude", .doublePrecision),
            .init("artist_longitude", .doublePrecision),
            .init("artist_location", .varchar(maxBytes: 512)),
            .init("artist_name", .varchar(maxBytes: 512)),
            .init("song_id", .varchar(maxBytes: 64)),
            .init("title", .varchar(maxBytes: 512)),
            .init("duration", .doublePrecision),
            .init("year", .integer),
        ],
        distribution: .key("title"),
        rationale: "Distributed on title to sit next to the staging_events rows whose song it matches.")

    public static let songplays = TableDefinition(
        "songplays", role: .fact,
        columns: [
            .init("songplay_id", .bigint, nullable: false, identity: true),
            // Nullable on purpose: no play is dropped, even one without a time or a user; the checks report them.
            .init("start_time", .timestamp, references: .init("time", "start_time")),
            .init("user_id", .varchar(maxBytes: 64), references: .init("users", "user_id")),
            .init("level", .varchar(maxBytes: 16)),
            .init("song_id", .varchar(maxBytes: 64), references: .init("songs", "song_id")),
            .init("artist_id", .varchar(maxBytes: 64), references: .init("artists", "artist_id")),
            .init("session_id", .integer),
            .init("location", .varchar(maxBytes: 512)),
            .init("user_agent", .varchar(maxBytes: 512)),
        ],
        primaryKey: ["songplay_id"],
        distribution: .key("start_time"),
        sortKey: ["start_time"],
        rationale: """
            The fact table, one row per NextSong event. Its largest join partner is time (one row per distinct \
            start_time, nearly as many rows as songplays), so both are distributed on start_time and that join \
            stays on each slice; the other dimensions are small and copied to every node (DISTSTYLE ALL). \
            Sorted on start_time: analysts slice plays by period, and zone maps then skip blocks.
            """)

    public static let users = TableDefinition(
        "users", role: .dimension,
        columns: [
            .init("user_id", .varchar(maxBytes: 64), nullable: false),
            .init("first_name", .varchar(maxBytes: 128)),
            .init("last_name", .varchar(maxBytes: 128)),
            .init("gender", .varchar(maxBytes: 16)),
            .init("level", .varchar(maxBytes: 16)),
        ],
        primaryKey: ["user_id"],
        distribution: .all,
        sortKey: ["user_id"],
        rationale: "Small (one row per user): a copy on every node, so joins from songplays never move rows.")

    public static let songs = TableDefinition(
        "songs", role: .dimension,
        columns: [
            .init("song_id", .varchar(maxBytes: 64), nullable: false),
            .init("title", .varchar(maxBytes: 512)),
            .init("artist_id", .varchar(maxBytes: 64), references: .init("artists", "artist_id")),
            .init("year", .integer),
            .init("duration", .doublePrecision),
        ],
        primaryKey: ["song_id"],
        distribution: .all,
        sortKey: ["song_id"],
        rationale: "Tens of thousands of rows at most: copied to every node (DISTSTYLE ALL), sorted on its key.")

    public static let artists = TableDefinition(
        "artists", role: .dimension,
        columns: [
            .init("artist_id", .varchar(maxBytes: 64), nullable: false),
            .init("name", .varchar(maxBytes: 512)),
            .init("location", .varchar(maxBytes: 512)),
            .init("latitude", .doublePrecision),
            .init("longitude", .doublePrecision),
        ],
        primaryKey: ["artist_id"],
        distribution: .all,
        sortKey: ["artist_id"],
        rationale: "Small: copied to every node (DISTSTYLE ALL), sorted on its key.")

    public static let time = TableDefinition(
        "time", role: .dimension,
        columns: [
            .init("start_time", .timestamp, nullable: false),
            .init("hour", .smallint),
            .init("day", .smallint),
            .init("week", .smallint),
            .init("month", .smallint),
            .init("year", .smallint),
            // 0 = Sunday … 6 = Saturday (EXTRACT(dow)).
            .init("weekday", .smallint),
        ],
        primaryKey: ["start_time"],
        distribution: .key("start_time"),
        sortKey: ["start_time"],
        rationale: "As many rows as distinct play times: distributed and sorted like songplays for a co-located join.")

    /// One row per run and one per stage of it (PRODUCT §3): when, how much, how it ended.
    public static let etlRuns = TableDefinition(
        "etl_runs", role: .bookkeeping,
        columns: [
            .init("run_id", .varchar(maxBytes: 40), nullable: false),
            // A stage name, or "run" for the run as a whole.
            .init("stage", .varchar(maxBytes: 32), nullable: false),
            .init("started_at", .timestamp, nullable: false),
            .init("finished_at", .timestamp),
            .init("row_count", .bigint),
            .init("byte_count", .bigint),
            .init("seconds", .doublePrecision),
            // running, succeeded, failed, cancelled
            .init("outcome", .varchar(maxBytes: 16), nullable: false),
            .init("message", .varchar(maxBytes: 1024)),
            // Who ran it, where, with which sparkify (the run's own row only; the run lock's holder).
            // Added after the first release: an older table gains them in place (``DDL/addMissingColumns``).
            .init("username", .varchar(maxBytes: 128)),
            .init("hostname", .varchar(maxBytes: 256)),
            .init("sparkify_version", .varchar(maxBytes: 32)),
        ],
        primaryKey: ["run_id", "stage"],
        distribution: .all,
        sortKey: ["started_at"],
        rationale: "A handful of rows per run: copied to every node; sorted by time for the history view.")

    /// Records the client-side loader skipped under MAXERROR, shaped like Redshift's STL_LOAD_ERRORS
    /// (same column names; `tbl` holds the table's name instead of its id, plus the run).
    public static let loadErrors = TableDefinition(
        "load_errors", role: .bookkeeping,
        columns: [
            .init("run_id", .varchar(maxBytes: 40)),
            .init("tbl", .varchar(maxBytes: 127), nullable: false),
            .init("starttime", .timestamp, nullable: false),
            // The S3 key (s3://bucket/key) or local path of the object.
            .init("filename", .varchar(maxBytes: 1024), nullable: false),
            // For JSON: the last line of the offending object, as Redshift records it.
            .init("line_number", .bigint),
            .init("colname", .varchar(maxBytes: 127)),
            .init("type", .varchar(maxBytes: 10)),
            .init("col_length", .varchar(maxBytes: 10)),
            .init("position", .integer),
            .init("raw_line", .varchar(maxBytes: 1024)),
            .init("raw_field_value", .varchar(maxBytes: 1024)),
            .init("err_code", .integer),
            .init("err_reason", .varchar(maxBytes: 256)),
        ],
        distribution: .all,
        sortKey: ["starttime"],
        rationale: "Few rows (at most MAXERROR per stage and run): copied to every node, sorted by time.")

    /// What the staging tables hold, per source object (issue 14): written at the end of a run that
    /// staged and transformed everything, extended by each incremental run in its final transaction.
    /// `sparkify etl --incremental` compares a fresh listing with it to stage only what is new.
    public static let etlObjects = TableDefinition(
        "etl_objects", role: .bookkeeping,
        columns: [
            .init("stage", .varchar(maxBytes: 32), nullable: false),
            // s3://bucket/key or the local path, as load_errors names it.
            .init("object_key", .varchar(maxBytes: 1024), nullable: false),
            // S3's ETag; a local file has none, so its modification time stands in ("mtime 1543622400.5").
            .init("etag", .varchar(maxBytes: 64)),
            .init("size_bytes", .bigint),
            // Rows the object put into staging, where the loader counts them (not Redshift's COPY).
            .init("row_count", .bigint),
            .init("run_id", .varchar(maxBytes: 40), nullable: false),
        ],
        primaryKey: ["stage", "object_key"],
        distribution: .all,
        sortKey: ["object_key"],
        rationale: "One row per loaded object (about 15k at the real size): copied to every node, sorted by key.")

    public static let staging = [stagingEvents, stagingSongs]
    public static let star = [songplays, users, songs, artists, time]
    public static let bookkeeping = [etlRuns, loadErrors, etlObjects]
    /// Every table, in creation order.
    public static let all = staging + star + bookkeeping

    /// Staging plus star: what the console's Tables panel and `sparkify counts` show.
    public static let counted = staging + star

    public static func table(_ name: String) -> TableDefinition? {
        all.first { $0.name == name }
    }

    public static let foreignKeysNote = """
        Foreign keys are drawn in schema.png and verified by the checks stage, not declared: PostgreSQL \
        would enforce them and block rebuilding a dimension while songplays points at it, and Redshift \
        does not enforce them at all. Primary keys are declared in both; Redshift only informs its \
        planner with them, so the transforms guarantee uniqueness and the checks verify it.
        """
}
