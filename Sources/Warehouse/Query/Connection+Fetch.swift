import CLibPQ
import Foundation

extension Connection {
    /// Runs one statement (the extended protocol: a second statement in `sql` is a syntax error, so a
    /// `COMMIT; DROP …` cannot slip out of a read-only transaction) and keeps its first `limit` rows,
    /// read one at a time (libpq's single-row mode) so a large result never sits in memory.
    /// - Parameter stopEarly: once a row beyond `limit` arrives, cancel the rest (PQcancel) instead of
    ///   reading it; only for statements whose effect does not matter (read-only ones).
    /// Cancelling the calling task cancels the statement (SQLSTATE 57014).
    func fetch(_ sql: String, limit: Int, stopEarly: Bool) async throws(DatabaseError) -> QueryAnswer {
        try await run(sql, cancellable: true) { [self] handle in
            Self.fetch(handle, sql, limit: max(0, limit), stopEarly: stopEarly, cancel: { cancel() })
        }
    }

    /// On the connection thread.
    static func fetch(_ handle: OpaquePointer, _ sql: String, limit: Int, stopEarly: Bool,
                      cancel: () -> Void) -> Result<QueryAnswer, DatabaseError> {
        let start = DispatchTime.now().uptimeNanoseconds
        guard PQsendQueryParams(handle, sql, 0, nil, nil, nil, nil, 0) == 1 else {
            return .failure(DatabaseError(kind: .connection, message: errorMessage(handle), statement: sql))
        }
        _ = PQsetSingleRowMode(handle)
        var answer = QueryAnswer()
        var failure: DatabaseError?
        var cancelledHere = false
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_SINGLE_TUPLE:
                if answer.columns.isEmpty { answer.columns = columns(of: result) }
                if answer.rows.count < limit {
                    answer.rows.append((0..<PQnfields(result)).map { column in
                        PQgetisnull(result, 0, column) == 1 ? nil : String(cString: PQgetvalue(result, 0, column))
                    })
                } else {
                    answer.more = true
                    if stopEarly && !cancelledHere {
                        cancelledHere = true
                        cancel()
                    }
                }
            case PGRES_TUPLES_OK:
                // The end of the rows (with no row at all, the only place the columns are described).
                if answer.columns.isEmpty { answer.columns = columns(of: result) }
                answer.command = String(cString: PQcmdStatus(result))
            case PGRES_COMMAND_OK:
                answer.command = String(cString: PQcmdStatus(result))
            case PGRES_EMPTY_QUERY:
                break
            case PGRES_COPY_IN:
                _ = PQputCopyEnd(handle, "sparkify's query prompt sends no COPY data")
                failure = failure ?? copyRefused(sql)
            case PGRES_COPY_OUT:
                var buffer: UnsafeMutablePointer<CChar>?
                while PQgetCopyData(handle, &buffer, 0) > 0 { PQfreemem(buffer) }
                failure = failure ?? copyRefused(sql)
            default:
                let error = error(handle, result, sql: sql)
                // The cancel this loop sent to skip the rows beyond the limit is no failure.
                if !(cancelledHere && error.sqlState == SQLState.queryCanceled) { failure = failure ?? error }
                else { answer.command = answer.command ?? "SELECT" }
            }
        }
        answer.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if let failure { return .failure(failure) }
        return .success(answer)
    }

    private static func columns(of result: OpaquePointer) -> [QueryColumn] {
        (0..<PQnfields(result)).map { column in
            QueryColumn(name: String(cString: PQfname(result, column)), type: QueryColumn.typeName(oid: PQftype(result, column)))
        }
    }

    private static func copyRefused(_ sql: String) -> DatabaseError {
        DatabaseError(kind: .server, message: "COPY to or from the client is not supported here; SELECT the rows instead",
                      statement: sql)
    }
}
