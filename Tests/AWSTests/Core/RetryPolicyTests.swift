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
        #expect(policy.delay(afterAttempt: 1, failure: .transient, random: 0.5) == .milliseconds(25))
        #expect(policy.delay(afterAttempt: 2, failure: .transient, random: 0.5) == .milliseconds(50))
        #expect(policy.delay(afterAttempt: 2, failure: .throttled, random: 1) == .milliseconds(300))
        #expect(policy.delay(afterAttempt: 3, failure: .transient, random: 0) == .zero)
        #expect(policy.delay(afterAttempt: 20, failure: .throttled, random: 1) == .seconds(2))
    }

    @Test func aBrokenBodyIsTransient() {
        #expect(RetryPolicy.classify(status: 200, code: AWSError.incompleteBody) == .transient)
    }

    @Test func throttlingGetsMoreAttemptsThanOtherFailures() {
        let policy = RetryPolicy.standard
        #expect(policy.allowsRetry(after: .transient, .init(transient: 5)))
        #expect(!policy.allowsRetry(after: .transient, .init(transient: 6)))
        #expect(policy.allowsRetry(after: .throttled, .init(throttled: 7)))
        #expect(!policy.allowsRetry(after: .throttled, .init(throttled: 8)))
        // Both kinds together stay within the larger limit.
        #expect(policy.allowsRetry(after: .transient, .init(transient: 2, throttled: 5)))
        #expect(!policy.allowsRetry(after: .throttled, .init(transient: 3, throttled: 5)))
        #expect(!policy.allowsRetry(after: .final, .init()))
    }

    @Test func aCallThatNeverSucceedsGivesUpWithinTenSecondsOfBackoff() {
        let policy = RetryPolicy.standard
        let worst = (1..<policy.maxThrottledAttempts).map { policy.delay(afterAttempt: $0, failure: .throttled, random: 1) }
        #expect(worst == [.milliseconds(150), .milliseconds(300), .milliseconds(600), .milliseconds(1200),
                          .seconds(2), .seconds(2), .seconds(2)])
    }

    @Test func theTallyCountsEachKind() {
        var tally = RetryPolicy.Tally()
        tally.record(.throttled)
        tally.record(.transient)
        tally.record(.throttled)
        tally.record(.final)
        #expect(tally == .init(transient: 1, throttled: 2))
        #expect(tally.count(.throttled) == 2)
    }
}
