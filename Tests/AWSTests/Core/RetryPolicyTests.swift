import Testing
@testable import AWS

@Suite struct RetryPolicyTests {
    @Test(arguments: [
        (Int?.none, String?.none, RetryPolicy.Failure.transient),
        (400, "Throttling", .throttled), (400, "RequestLimitExceeded", .throttled), (503, "SlowDown", .throttled),
        (429, nil, .throttled), (500, "InternalError", .transient), (503, nil, .transient), (504, nil, .transient),
        (400, "RequestTimeout", .transient), (400, "ValidationError", .final), (403, "AccessDenied", .final),
        (404, "NoSuchBucket", .final), (409, "EntityAlreadyExists", .final), (501, nil, .final),
    ]) func classifies(_ status: Int?, _ code: String?, _ expected: RetryPolicy.Failure) {
        #expect(RetryPolicy.classify(status: status, code: code) == expected)
    }

    @Test func tlsFailuresAreFinal() {
        #expect(RetryPolicy.classify(status: nil, code: nil, retryableTransport: false) == .final)
    }

    @Test func backoffIsCappedExponentialWithFullJitter() {
        let policy = RetryPolicy.standard
        #expect(policy.delay(afterAttempt: 1, failure: .transient, random: 0.5) == .milliseconds(50))
        #expect(policy.delay(afterAttempt: 2, failure: .transient, random: 0.5) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 2, failure: .throttled, random: 1) == .milliseconds(1000))
        #expect(policy.delay(afterAttempt: 3, failure: .transient, random: 0) == .zero)
        #expect(policy.delay(afterAttempt: 20, failure: .throttled, random: 1) == .seconds(20))
    }
}
