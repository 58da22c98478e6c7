/// One statement as the log panel shows it: first line, rows, time, and the SQLSTATE when it failed.
public struct StatementRecord: Sendable, Equatable {
    public var firstLine: String
    /// Affected or returned rows; nil when the command reports none (DDL, BEGIN).
    public var rows: Int?
    public var seconds: Double
    /// nil when the statement succeeded.
    public var error: DatabaseError?

    public init(firstLine: String, rows: Int?, seconds: Double, error: DatabaseError?) {
        self.firstLine = firstLine
        self.rows = rows
        self.seconds = seconds
        self.error = error
    }
}

/// Called once per statement, on the connection's thread: keep it short (append to a log, send an event).
public typealias StatementObserver = @Sendable (StatementRecord) -> Void
