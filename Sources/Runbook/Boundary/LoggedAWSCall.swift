import AWS

/// One attempt of one AWS call as the log and `--json` show it (the runbook's copy of the AWS client's
/// record, so no AWS type reaches a face).
public struct LoggedAWSCall: Sendable, Equatable {
    /// An AWS service by its two names: `iam` in JSON, `IAM` in the log.
    public struct Service: Sendable, Equatable {
        public var rawValue: String
        public var displayName: String

        public init(rawValue: String, displayName: String) {
            self.rawValue = rawValue
            self.displayName = displayName
        }

        public static let s3 = Service(AWSService.s3)
        public static let iam = Service(AWSService.iam)
        public static let ec2 = Service(AWSService.ec2)
        public static let redshift = Service(AWSService.redshift)
        public static let sts = Service(AWSService.sts)

        init(_ service: AWSService) { self.init(rawValue: service.rawValue, displayName: service.displayName) }
    }

    public var service: Service
    /// The API action: `CreateRole`, `GetObject`, …
    public var action: String
    /// nil when no response arrived.
    public var httpStatus: Int?
    public var requestID: String?
    /// Seconds from sending the request to its status line.
    public var latency: Double
    /// 1 for the first try, 2 and 3 for retries.
    public var attempt: Int
    /// The AWS error code (or `NetworkFailure`), nil on success.
    public var errorCode: String?

    public init(service: Service, action: String, httpStatus: Int?, requestID: String?, latency: Double,
                attempt: Int = 1, errorCode: String? = nil) {
        self.service = service
        self.action = action
        self.httpStatus = httpStatus
        self.requestID = requestID
        self.latency = latency
        self.attempt = attempt
        self.errorCode = errorCode
    }

    public init(_ record: AWSCallRecord) {
        self.init(service: Service(record.service), action: record.action, httpStatus: record.httpStatus,
                  requestID: record.requestID, latency: record.latency, attempt: record.attempt, errorCode: record.errorCode)
    }
}
