import Testing
@testable import AWS

@Suite struct RetryQuotaTests {
    @Test func retriesThatEndWellCostNothing() {
        var quota = RetryQuota(capacity: 20)
        #expect(quota.withdraw(timeout: false) == 5)
        #expect(quota.withdraw(timeout: true) == 10)
        #expect(quota.tokens == 5)
        quota.succeeded(spent: 15)
        #expect(quota.tokens == 20)
    }

    @Test func aDeadEndpointDrainsItAndRetriesStop() {
        var quota = RetryQuota(capacity: 12)
        #expect(quota.withdraw(timeout: false) == 5)
        #expect(quota.withdraw(timeout: false) == 5)
        #expect(quota.withdraw(timeout: false) == nil)
        #expect(quota.tokens == 2)
    }

    @Test func firstTrySuccessesRefillOneTokenUpToCapacity() {
        var quota = RetryQuota(capacity: 10)
        _ = quota.withdraw(timeout: false)
        quota.succeeded(spent: 0)
        #expect(quota.tokens == 6)
        for _ in 0..<10 { quota.succeeded(spent: 0) }
        #expect(quota.tokens == 10)
    }
}
