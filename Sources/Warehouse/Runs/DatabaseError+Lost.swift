extension DatabaseError {
    /// The session is gone (the connection broke, the backend was terminated, the server shut down):
    /// nothing more can be done on this connection, and waiting for more input is pointless.
    public var isConnectionLost: Bool {
        kind == .connection || sqlState?.hasPrefix("08") == true || ["57P01", "57P02", "57P03"].contains(sqlState ?? "")
    }
}
