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
    /// 1 for the first try, 2 and 3 for retries.
    public var attempt: Int
    /// The AWS error code (or `NetworkFailure`), nil on success.
    public var errorCode: String?

    public init(service: AWSService, action: String, httpStatus: Int?, requestID: String?, latency: Double,
                attempt: Int, errorCode: String?) {
        self.service = service
        self.action = action
        self.httpStatus = httpStatus
        self.requestID = requestID
        self.latency = latency
        self.attempt = attempt
        self.errorCode = errorCode
    }
}
