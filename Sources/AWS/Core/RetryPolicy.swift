/// Retries as the AWS SDKs do them: throttling errors, transient errors (5xx, request timeouts, a
/// body cut mid-transfer) and connection failures are retried with capped exponential backoff and full
/// jitter; other 4xx answers are final. Throttling gets more attempts and longer pauses than other
/// errors (one object among thousands meeting three 503s must not roll back a stage), and every retry
/// also draws on the client's shared ``RetryQuota``, so a dead endpoint still fails in seconds. Pure:
/// the random number is a parameter.
public struct RetryPolicy: Sendable {
    /// Attempts in all when the failures are transient (5xx, resets, timeouts).
    public var maxAttempts: Int
    /// Attempts in all when the failures are throttling (503 SlowDown, 429, Throttling).
    public var maxThrottledAttempts: Int
    /// First backoff ceiling for transient errors; doubles per attempt.
    public var baseDelay: Duration
    /// First backoff ceiling for throttling errors: back off harder when AWS asks for it.
    public var throttlingBaseDelay: Duration
    public var maxBackoff: Duration

    public init(maxAttempts: Int = 6, maxThrottledAttempts: Int = 8, baseDelay: Duration = .milliseconds(50),
                throttlingBaseDelay: Duration = .milliseconds(150), maxBackoff: Duration = .seconds(2)) {
        self.maxAttempts = maxAttempts
        self.maxThrottledAttempts = maxThrottledAttempts
        self.baseDelay = baseDelay
        self.throttlingBaseDelay = throttlingBaseDelay
        self.maxBackoff = maxBackoff
    }

    /// Six attempts for transient failures, eight when throttled, pauses capped at 2 s: the worst
    /// case for a call that never succeeds stays under ten seconds.
    public static let standard = RetryPolicy()

    /// What went wrong with one attempt, as far as retrying is concerned.
    public enum Failure: Sendable, Equatable {
        case throttled
        case transient
        case final
    }

    /// The failed attempts of one call so far, by kind.
    public struct Tally: Sendable, Equatable {
        public var transient = 0
        public var throttled = 0

        public init(transient: Int = 0, throttled: Int = 0) {
            self.transient = transient
            self.throttled = throttled
        }

        public var isEmpty: Bool { transient == 0 && throttled == 0 }

        /// Counts one failure; a final one is not counted (it ends the call).
        public mutating func record(_ failure: Failure) {
            switch failure {
            case .throttled: throttled += 1
            case .transient: transient += 1
            case .final: break
            }
        }

        /// Failures of that kind so far (the backoff's exponent).
        public func count(_ failure: Failure) -> Int { failure == .throttled ? throttled : transient }
    }

    /// Whether the call may try again after the failures in `tally`, the last one being `last`. Each
    /// kind has its own limit; the attempts of both kinds together stay under the larger one.
    public func allowsRetry(after last: Failure, _ tally: Tally) -> Bool {
        switch last {
        case .final: return false
        case .throttled: return tally.throttled < maxThrottledAttempts && tally.transient + tally.throttled < maxThrottledAttempts
        case .transient: return tally.transient < maxAttempts && tally.transient + tally.throttled < maxThrottledAttempts
        }
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

    /// The pause before the next attempt after the `attempt`th failure of this kind (1-based): a
    /// uniformly random share (`random` in 0..<1) of `min(maxBackoff, base × 2^(attempt−1))`.
    public func delay(afterAttempt attempt: Int, failure: Failure, random: Double) -> Duration {
        let base = failure == .throttled ? throttlingBaseDelay : baseDelay
        let ceiling = min(maxBackoff, base * (1 << min(max(attempt, 1) - 1, 30)))
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
        AWSError.incompleteBody,
    ]
}
