import Foundation

/// A warehouse's worth of staging input small enough to write per test: three events (two plays, one
/// matching the song) and one song, as local files in the layout of the real bucket, with a JSONPaths
/// file. Every check passes on what it builds: 3 events, 1 song, 2 songplays, 2 users, 1 song.
public enum TinyWarehouseData {
    static let eventColumns = ["artist", "auth", "firstName", "gender", "itemInSession", "lastName", "length", "level",
                               "location", "method", "page", "registration", "sessionId", "song", "status", "ts",
                               "userAgent", "userId"]

    /// Writes the files under a new temporary directory and returns it; `extraEventLine` goes in as the
    /// log file's line 2.
    public static func write(extraEventLine: String? = nil) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tiny-warehouse-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: root + "/log_data", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/song_data/A/A", withIntermediateDirectories: true)
        var events = [
            #"{"artist":"Artist A","auth":"Logged In","firstName":"Ann","gender":"F","itemInSession":0,"lastName":"Lee","length":200.0,"level":"free","location":"X","method":"PUT","page":"NextSong","registration":1540919166796.0,"sessionId":1,"song":"Song A","status":200,"ts":1541105830796,"userAgent":"ua","userId":"10"}"#,
            #"{"artist":null,"auth":"Logged In","firstName":"Ann","gender":"F","itemInSession":1,"lastName":"Lee","length":null,"level":"paid","location":"X","method":"GET","page":"Home","registration":1540919166796.0,"sessionId":1,"song":null,"status":200,"ts":1541105900000,"userAgent":"ua","userId":"10"}"#,
            #"{"artist":"Other","auth":"Logged In","firstName":"Bob","gender":"M","itemInSession":0,"lastName":"Ray","length":99.0,"level":"free","location":"Y","method":"PUT","page":"NextSong","registration":1540919166796.0,"sessionId":2,"song":"Other","status":200,"ts":1541106000000,"userAgent":"ua","userId":"11"}"#,
        ]
        if let extraEventLine { events.insert(extraEventLine, at: 1) }
        try Data(events.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: root + "/log_data/2018-11-01-events.json"))
        let song = #"{"num_songs":1,"artist_id":"AR1","artist_latitude":null,"artist_longitude":null,"artist_location":"","#
            + #""artist_name":"Artist A","song_id":"SO1","title":"Song A","duration":200.0,"year":2000}"#
        try Data(song.utf8).write(to: URL(fileURLWithPath: root + "/song_data/A/A/TRAAA1.json"))
        let paths = eventColumns.map { "\"$['\($0)']\"" }.joined(separator: ", ")
        try Data("{\"jsonpaths\": [\(paths)]}".utf8).write(to: URL(fileURLWithPath: root + "/log_json_path.json"))
        return root
    }

    /// An advisory-lock gate for "mid-COPY" without timing: a row trigger on staging_events waits for an
    /// advisory lock the test's session holds. The SQL to close it (run on the holding session) and open it.
    public static func closeGateSQL(key: Int) -> [String] {
        [
            """
            CREATE FUNCTION gate_rows_\(key)() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_advisory_xact_lock_shared(\(key)); RETURN NEW; END $$
            """,
            "CREATE TRIGGER gate_\(key) BEFORE INSERT ON staging_events FOR EACH ROW EXECUTE FUNCTION gate_rows_\(key)()",
            "SELECT pg_advisory_lock(\(key))",
        ]
    }

    public static func openGateSQL(key: Int) -> [String] {
        ["SELECT pg_advisory_unlock(\(key))", "DROP TRIGGER gate_\(key) ON staging_events", "DROP FUNCTION gate_rows_\(key)()"]
    }

    /// Counts the sessions waiting at the gate (a COPY blocked on its first row).
    public static func waitingAtGateSQL(key: Int) -> String {
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = 0 AND objid = \(key)"
    }
}
