/// Retries as the AWS SDKs' "standard" mode does them: throttling errors, transient errors (5xx,
/// request timeouts) and connection failures are retried, with capped exponential backoff and full
/// jitter, up to `maxAttempts` attempts in all; other 4xx answers are final. Pure: the random number
/// is a parameter.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    /// First backoff ceiling for transient errors; doubles per attempt.
    public var baseDelay: Duration
    /// First backoff ceiling for throttling errors: back off harder when AWS asks for it.
    public var throttlingBaseDelay: Duration
    public var maxBackoff: Duration

    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(100),
                throttlingBaseDelay: Duration = .milliseconds(500), maxBackoff: Duration = .seconds(20)) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.throttlingBaseDelay = throttlingBaseDelay
        self.maxBackoff = maxBackoff
    }

    public static let standard = RetryPolicy()

    /// What went wrong with one attempt, as far as retrying is concerned.
    public enum Failure: Sendable, Equatable {
        case throttled
        case transient
        case final
    }

    /// Classifies an AWS answer (status and error code) or a transport failure (`status` nil).
    public static func classify(status: Int?, code: String?, retryableTransport: Bool = true) -> Failure {
        if let code, throttlingCodes.contains(code) { return .throttled }
        guard let status else { return retryableTransport ? .transient : .final }
        if status == 429 { return .throttled }
        if let code, transientCodes.contains(code) { return .transient }
        if [500, 502, 503, 504].contains(status) { return .transient }
        return .final
    }

    /// The pause before the attempt after `attempt` (1-based): a uniformly random share
    /// (`random` in 0..<1) of `min(maxBackoff, base × 2^(attempt−1))`.
    public func delay(afterAttempt attempt: Int, failure: Failure, random: Double) -> Duration {
        let base = failure == .throttled ? throttlingBaseDelay : baseDelay
        let ceiling = min(maxBackoff, base * (1 << min(attempt - 1, 30)))
        return ceiling * random
    }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
    ]
}
