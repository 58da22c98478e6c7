/// What a statement returned: column names and rows as text (libpq's text format; NULL is nil),
/// and the affected row count for INSERT / UPDATE / DELETE / COPY / SELECT.
public struct QueryResult: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String?]]
    /// `PQcmdTuples`: rows inserted, updated, deleted, copied or selected; nil for other commands.
    public var affectedRows: Int?

    public init(columns: [String] = [], rows: [[String?]] = [], affectedRows: Int? = nil) {
        self.columns = columns
        self.rows = rows
        self.affectedRows = affectedRows
    }

    /// The first column of the first row, the usual answer of `SELECT count(*)`.
    public var scalar: String? { rows.first?.first ?? nil }
}
