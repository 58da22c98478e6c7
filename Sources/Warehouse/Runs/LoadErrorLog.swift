/// Writes skipped records into `load_errors` (the client-side loader's STL_LOAD_ERRORS).
public enum LoadErrorLog {
    /// Creates load_errors when missing, then inserts `records` for `runID`, each text cut to its column's
    /// byte limit (raw_line keeps its first 1024 bytes, as Redshift's does). Call it outside the stage's
    /// transaction, or the rollback of a failed stage takes the evidence with it.
    public static func insert(_ records: [LoadErrorRecord], runID: String?, on connection: Connection) async throws(DatabaseError) {
        try await connection.execute(DDL.createTable(WarehouseSchema.loadErrors, dialect: connection.dialect, ifNotExists: true))
        let columns = WarehouseSchema.loadErrors.columns
        let placeholders = columns.enumerated().map { index, column in
            column.type == .timestamp ? "CAST($\(index + 1) AS TIMESTAMP)" : "$\(index + 1)"
        }
        let sql = "INSERT INTO load_errors (\(columns.map(\.name).joined(separator: ", "))) VALUES (\(placeholders.joined(separator: ", ")))"
        for record in records {
            let values: [String?] = [
                runID, record.table, SQLTimestamp.format(record.startTime), record.filename,
                record.lineNumber.map(String.init), record.columnName, record.type, record.columnLength,
                record.position.map(String.init), record.rawLine, record.rawFieldValue,
                record.errorCode.map(String.init), record.reason,
            ]
            let fitted = zip(values, columns).map { value, column in
                column.type.maxBytes.flatMap { limit in value.map { $0.truncated(toBytes: limit) } } ?? value
            }
            try await connection.execute(sql, fitted)
        }
    }
}
