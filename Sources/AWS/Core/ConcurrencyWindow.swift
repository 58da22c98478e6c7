/// How many requests a client lets be in flight while it is being throttled — the SDKs' "adaptive"
/// mode, as additive increase / multiplicative decrease: a throttling answer halves the window (at most
/// once per `cooldown`, so one burst of 503s counts once), each success widens it by one up to
/// `maximum`. Pure: the client's ``ConcurrencyGate`` holds one and carries out what it decides.
public struct ConcurrencyWindow: Sendable, Equatable {
    public let maximum: Int
    /// Requests allowed in flight now.
    public private(set) var limit: Int
    public private(set) var inFlight = 0
    /// Seconds on the caller's clock of the last decrease.
    private var lastDecrease: Double?
    public let cooldown: Double

    public init(maximum: Int = 64, cooldown: Double = 0.1) {
        self.maximum = max(1, maximum)
        self.limit = self.maximum
        self.cooldown = cooldown
    }

    /// Starts a request if the window has room.
    public mutating func tryStart() -> Bool {
        guard inFlight < limit else { return false }
        inFlight += 1
        return true
    }

    /// A request started by ``tryStart()`` has its answer: `throttled` or not, at `now` seconds.
    public mutating func finish(throttled: Bool, now: Double) {
        inFlight = max(0, inFlight - 1)
        if throttled {
            if let lastDecrease, now - lastDecrease < cooldown { return }
            // Halve what was really in flight: a window far above the traffic would not slow anything.
            limit = max(1, min(limit, inFlight + 1) / 2)
            lastDecrease = now
        } else if limit < maximum {
            limit += 1
        }
    }

    /// A request gave up its place without an answer (cancelled).
    public mutating func abandon() { inFlight = max(0, inFlight - 1) }
}
