/// One attempt of one AWS call, reported to the client's observer (the console's log panel, `--json`).
public struct AWSCallRecord: Sendable, Equatable {
    public var service: AWSService
    /// The API action: `CreateRole`, `GetObject`, …
    public var action: String
    /// nil when no response arrived (connection failure).
    public var httpStatus: Int?
    public var requestID: String?
    /// Seconds from sending the request to its status line and headers.
    public var latency: Double
    /// 1 for the first try, then counting every retry (libcurl's own reconnects included).
    public var attempt: Int
    /// The AWS error code (or `NetworkFailure`, `IncompleteBody`), nil on success.
    public var errorCode: String?
    /// What the client made of it, when that is news: "bucket udacity-dend is in us-west-2",
    /// "body cut after 512 of 2048 bytes; resuming", "retrying in 0.3 s".
    public var note: String?

    public init(service: AWSService, action: String, httpStatus: Int?, requestID: String?, latency: Double,
                attempt: Int, errorCode: String?, note: String? = nil) {
        self.note = note
        self.service = service
        self.action = action
        self.httpStatus = httpStatus
        self.requestID = requestID
        self.latency = latency
        self.attempt = attempt
        self.errorCode = errorCode
    }
}
