import CLibPQ

extension Connection {
    /// Runs `statements` in one round trip (the simple query protocol: one message out, every result
    /// back in order), for a fixed set of the program's own statements such as the insights. The
    /// server skips what follows a failing statement; that first failure is thrown. Cancelling the
    /// calling task cancels the batch on the server (SQLSTATE 57014).
    func executeBatch(_ statements: [String]) async throws(DatabaseError) -> [QueryResult] {
        let sql = statements.joined(separator: ";\n")
        return try await run(sql, cancellable: true) { handle in Self.batch(handle, sql) }
    }

    /// On the connection thread.
    static func batch(_ handle: OpaquePointer, _ sql: String) -> Result<[QueryResult], DatabaseError> {
        guard PQsendQuery(handle, sql) == 1 else {
            return .failure(DatabaseError(kind: .connection, message: errorMessage(handle), statement: sql))
        }
        var results: [QueryResult] = []
        var failure: DatabaseError?
        // Every result is read, even after a failure, so the connection is ready for the next statement.
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            switch queryResult(handle, result, sql: sql) {
            case .success(let answer): results.append(answer)
            case .failure(let error): failure = failure ?? error
            }
        }
        if let failure { return .failure(failure) }
        return .success(results)
    }
}

extension Array: RowCounting where Element == QueryResult {
    /// The rows of the batch's last result (the statement log shows the batch as one line).
    var rowCount: Int? { last?.affectedRows }
}
