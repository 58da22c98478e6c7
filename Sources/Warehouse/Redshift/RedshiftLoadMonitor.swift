import Foundation

/// Where a running Redshift COPY is, summed over the slices of STV_LOAD_STATE (updated by Redshift
/// after every million records).
public struct RedshiftLoadProgress: Sendable, Equatable {
    public var bytesToLoad: Int
    public var bytesLoaded: Int
    public var lines: Int
    public var files: Int
    public var filesComplete: Int

    /// 0…1; nil before Redshift knows the total.
    public var fraction: Double? {
        bytesToLoad > 0 ? min(1, Double(bytesLoaded) / Double(bytesToLoad)) : nil
    }
}

/// Queries about Redshift COPYs: progress from STV_LOAD_STATE (asked on a second connection while the
/// COPY runs) and bad records from STL_LOAD_ERRORS by the COPY's query id (asked after it).
public enum RedshiftLoadMonitor {
    /// `$1` = the loading connection's `backendPID` (STV_LOAD_STATE.session).
    public static let progressQuery = """
        SELECT COALESCE(SUM(bytes_to_load + bytes_to_load_compressed), 0),
               COALESCE(SUM(bytes_loaded + bytes_loaded_compressed), 0),
               COALESCE(SUM(lines), 0), COALESCE(SUM(num_files), 0), COALESCE(SUM(num_files_complete), 0)
        FROM stv_load_state
        WHERE session = $1
        """

    /// `$1` = the COPY's query id (`pg_last_copy_id()`): exactly its rejected records, whatever the
    /// clocks of client and cluster say. Redshift pads CHAR columns, hence TRIM.
    public static let errorsQuery = """
        SELECT TRIM(p.name), e.starttime, TRIM(e.filename), e.line_number, TRIM(e.colname), TRIM(e.type),
               TRIM(e.col_length), e.position, TRIM(e.raw_line), TRIM(e.raw_field_value), e.err_code, TRIM(e.err_reason)
        FROM stl_load_errors e
        LEFT JOIN (SELECT DISTINCT id, name FROM stv_tbl_perm) p ON p.id = e.tbl
        WHERE e.query = $1
        ORDER BY e.filename, e.line_number
        LIMIT 1000
        """

    public static func progress(of loadingConnection: Connection, on monitor: Connection) async throws(DatabaseError) -> RedshiftLoadProgress {
        let row = try await monitor.execute(progressQuery, [String(loadingConnection.backendPID)]).rows.first ?? []
        let numbers = row.map { Int($0 ?? "") ?? 0 } + [0, 0, 0, 0, 0]
        return RedshiftLoadProgress(bytesToLoad: numbers[0], bytesLoaded: numbers[1], lines: numbers[2],
                                    files: numbers[3], filesComplete: numbers[4])
    }

    /// The rejected records of the COPY with query id `copyID`.
    public static func errors(ofCopy copyID: Int, on connection: Connection) async throws(DatabaseError) -> [LoadErrorRecord] {
        try await connection.execute(errorsQuery, [String(copyID)]).rows.map(loadError)
    }

    /// A row of `errorsQuery`.
    static func loadError(_ row: [String?]) -> LoadErrorRecord {
        LoadErrorRecord(table: row[0] ?? "", startTime: row[1].flatMap(SQLTimestamp.parse) ?? .distantPast,
                        filename: row[2] ?? "", lineNumber: row[3].flatMap { Int($0) }, columnName: row[4], type: row[5],
                        columnLength: row[6], position: row[7].flatMap { Int($0) }, rawLine: row[8], rawFieldValue: row[9],
                        errorCode: row[10].flatMap { Int($0) }, reason: row[11] ?? "")
    }
}
