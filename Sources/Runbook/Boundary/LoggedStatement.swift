import Warehouse

/// One SQL statement as the log and `--json` show it: first line, rows, time, and why it failed.
public struct LoggedStatement: Sendable, Equatable {
    public struct Failure: Sendable, Equatable {
        public var sqlState: String?
        public var message: String

        public init(sqlState: String?, message: String) {
            self.sqlState = sqlState
            self.message = message
        }
    }

    public var firstLine: String
    /// Affected or returned rows; nil when the command reports none.
    public var rows: Int?
    public var seconds: Double
    /// nil when the statement succeeded.
    public var error: Failure?

    public init(firstLine: String, rows: Int?, seconds: Double, error: Failure? = nil) {
        self.firstLine = firstLine
        self.rows = rows
        self.seconds = seconds
        self.error = error
    }

    public init(_ record: StatementRecord) {
        self.init(firstLine: record.firstLine, rows: record.rows, seconds: record.seconds,
                  error: record.error.map { Failure(sqlState: $0.sqlState, message: $0.message) })
    }
}
