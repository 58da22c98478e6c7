/// The retry budget one client shares among all its calls, as the AWS SDKs' standard mode keeps it:
/// a retry costs tokens (a timeout more), a success pays back what its retries cost (or one token when
/// it needed none). While most calls succeed the quota stays full however many faults there are; when
/// an endpoint fails everything it runs dry and calls fail at their first error instead of backing off
/// for long. Pure: the client keeps it behind a lock.
public struct RetryQuota: Sendable, Equatable {
    public private(set) var tokens: Int
    public let capacity: Int
    public let retryCost: Int
    public let timeoutCost: Int

    public init(capacity: Int = 500, retryCost: Int = 5, timeoutCost: Int = 10) {
        self.capacity = capacity
        self.tokens = capacity
        self.retryCost = retryCost
        self.timeoutCost = timeoutCost
    }

    /// Takes the cost of one retry; nil (and nothing taken) when the quota cannot pay for it.
    public mutating func withdraw(timeout: Bool) -> Int? {
        let cost = timeout ? timeoutCost : retryCost
        guard tokens >= cost else { return nil }
        tokens -= cost
        return cost
    }

    /// A call succeeded after retries that cost `spent` tokens (0: at its first attempt).
    public mutating func succeeded(spent: Int) {
        tokens = min(capacity, tokens + (spent == 0 ? 1 : spent))
    }
}
