/// What an ad hoc statement returned: its columns with types, its first rows (NULL is nil, distinct
/// from the empty string), whether more rows followed, the server's command tag and how long it took.
public struct QueryAnswer: Sendable, Equatable {
    public var columns: [QueryColumn]
    /// At most the limit the query was run with.
    public var rows: [[String?]]
    /// The statement produced more rows than `rows` holds (they were not fetched).
    public var more: Bool
    /// `PQcmdStatus`: `SELECT 2`, `INSERT 0 1`, `DROP TABLE`; nil for an empty statement.
    public var command: String?
    /// Seconds from sending the statement to its last result.
    public var seconds: Double

    public init(columns: [QueryColumn] = [], rows: [[String?]] = [], more: Bool = false, command: String? = nil,
                seconds: Double = 0) {
        self.columns = columns
        self.rows = rows
        self.more = more
        self.command = command
        self.seconds = seconds
    }

    /// The statement returned rows (a SELECT, even one with no rows), not just a command tag.
    public var hasRows: Bool { !columns.isEmpty }
}

extension QueryAnswer: RowCounting {
    var rowCount: Int? { rows.count }
}
