import Foundation

/// The records a run's staging loads rejected (MAXERROR): from `load_errors` on PostgreSQL, where the
/// client-side loader writes them with the run's id, and from Redshift's own STL_LOAD_ERRORS there,
/// which knows no run, so the run's time window selects them (Redshift keeps a few days of it).
public enum LoadErrorReader {
    /// `$1` = the run id.
    public static let postgresQuery = """
        SELECT tbl, starttime, filename, line_number, colname, type, col_length, position, raw_line,
               raw_field_value, err_code, err_reason
        FROM load_errors
        WHERE run_id = $1
        ORDER BY starttime, filename, line_number
        LIMIT 1000
        """

    /// `$1`, `$2` = the run's start and end (UTC, `SQLTimestamp`). Only the staging tables' loads.
    /// Redshift pads CHAR columns, hence TRIM.
    public static let redshiftQuery = """
        SELECT TRIM(p.name), e.starttime, TRIM(e.filename), e.line_number, TRIM(e.colname), TRIM(e.type),
               TRIM(e.col_length), e.position, TRIM(e.raw_line), TRIM(e.raw_field_value), e.err_code, TRIM(e.err_reason)
        FROM stl_load_errors e
        JOIN (SELECT DISTINCT id, name FROM stv_tbl_perm) p ON p.id = e.tbl
        WHERE e.starttime >= CAST($1 AS TIMESTAMP) AND e.starttime <= CAST($2 AS TIMESTAMP)
          AND TRIM(p.name) IN ('staging_events', 'staging_songs')
        ORDER BY e.starttime, e.filename, e.line_number
        LIMIT 1000
        """

    /// The statement and its parameters for `run` in `dialect` (a running run's window ends `now`).
    public static func query(for run: ETLRunRecord, dialect: Dialect, now: Date = Date()) -> (sql: String, parameters: [String?]) {
        switch dialect {
        case .postgres: return (postgresQuery, [run.runID])
        case .redshift: return (redshiftQuery, [SQLTimestamp.format(run.startedAt), SQLTimestamp.format(run.finishedAt ?? now)])
        }
    }

    /// The rejected records of `run`, in load order; none when the table does not exist yet.
    public static func errors(of run: ETLRunRecord, on connection: Connection) async throws(DatabaseError) -> [LoadErrorRecord] {
        let (sql, parameters) = query(for: run, dialect: connection.dialect)
        do {
            return try await connection.execute(sql, parameters).rows.map(RedshiftLoadMonitor.loadError)
        } catch where error.sqlState == SQLState.undefinedTable {
            return []
        }
    }
}
