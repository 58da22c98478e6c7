/// Database sessions seen from another session: whether the one that started a run (or holds the run
/// lock) is still there.
public enum Backends {
    /// Whether backend `pid` still has a session (`pg_stat_activity`; `stv_sessions` on Redshift).
    public static func isAlive(_ pid: Int, on connection: Connection) async throws(DatabaseError) -> Bool {
        let query = connection.dialect == .redshift
            ? "SELECT count(*) FROM stv_sessions WHERE process = \(pid)"
            : "SELECT count(*) FROM pg_stat_activity WHERE pid = \(pid)"
        return try await connection.execute(query).scalar != "0"
    }
}
