/// A NOTICE / WARNING / INFO the server sent (e.g. "table does not exist, skipping"). libpq would print
/// it to stderr, which corrupts the console, so the connection hands it to a handler instead.
public struct Notice: Sendable, Equatable {
    /// NOTICE, WARNING, INFO, DEBUG, LOG (non-localized).
    public var severity: String
    public var sqlState: String?
    public var message: String

    public init(severity: String, sqlState: String?, message: String) {
        self.severity = severity
        self.sqlState = sqlState
        self.message = message
    }
}
