/// An operator's own statement (the console's SQL prompt, `sparkify query`): read-only unless a write
/// is asked for explicitly, its first rows fetched, cancellable.
public struct AdHocQuery: Sendable, Equatable {
    public var sql: String
    /// Rows kept; the rest are reported as "more" (`QueryAnswer.more`).
    public var limit: Int
    /// Run in a transaction that may write and commits; otherwise in `BEGIN READ ONLY` (both dialects),
    /// which always rolls back, so a statement that writes fails with SQLSTATE 25006 and changes nothing.
    public var write: Bool

    public static let defaultLimit = 1_000

    public init(_ sql: String, limit: Int = Self.defaultLimit, write: Bool = false) {
        self.sql = sql
        self.limit = limit
        self.write = write
    }

    /// The statements around the operator's, in order: before it, and after it when it succeeded.
    /// The `SELECT 1` takes the read-only transaction's snapshot, after which PostgreSQL refuses
    /// `SET TRANSACTION READ WRITE` ("must be set before any query").
    public var opening: [String] { write ? ["BEGIN"] : ["BEGIN READ ONLY", "SELECT 1"] }
    public var closing: String { write ? "COMMIT" : "ROLLBACK" }

    /// The statement as the server gets it: the prompt's closing `;` (psql's rule for "run it") and
    /// surrounding blank space removed, since the extended protocol takes exactly one statement.
    public var statement: String {
        var text = Substring(sql)
        while let last = text.last, last.isWhitespace || last == ";" { text = text.dropLast() }
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        return String(text)
    }

    /// Runs the statement on `connection` (which must not be inside a transaction). A failure, or a
    /// cancel (`Connection.cancel()` or the task's), rolls back and throws; `error.position` points into
    /// `statement`.
    public func run(on connection: Connection) async throws(DatabaseError) -> QueryAnswer {
        for statement in opening { try await connection.execute(statement) }
        do {
            let answer = try await connection.fetch(statement, limit: limit, stopEarly: !write)
            try await connection.executeUncancellable(closing)
            return answer
        } catch {
            _ = try? await connection.executeUncancellable("ROLLBACK")
            throw error
        }
    }

    /// A write refused by the read-only transaction.
    public static func isRefusedWrite(_ error: DatabaseError) -> Bool {
        error.sqlState == SQLState.readOnlyTransaction
    }
}
