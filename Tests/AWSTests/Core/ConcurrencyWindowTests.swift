import Testing
@testable import AWS

@Suite struct ConcurrencyWindowTests {
    /// Starts `count` requests; returns how many got a place.
    static func start(_ count: Int, in window: inout ConcurrencyWindow) -> Int {
        (0..<count).filter { _ in window.tryStart() }.count
    }

    @Test func throttlingHalvesWhatIsInFlightAndSuccessesWidenItAgain() {
        var window = ConcurrencyWindow(maximum: 64)
        #expect(Self.start(16, in: &window) == 16)
        window.finish(throttled: true, now: 1.0)
        #expect(window.limit == 8)
        #expect(window.inFlight == 15)
        let startedNinth = window.tryStart()
        #expect(!startedNinth)
        for _ in 0..<10 { window.finish(throttled: false, now: 1.5) }
        #expect(window.limit == 18)
        #expect(window.inFlight == 5)
    }

    @Test func aBurstOfThrottlesCountsOncePerCooldown() {
        var window = ConcurrencyWindow(maximum: 64, cooldown: 0.1)
        _ = Self.start(16, in: &window)
        window.finish(throttled: true, now: 1.00)
        window.finish(throttled: true, now: 1.05)
        #expect(window.limit == 8)
        window.finish(throttled: true, now: 1.20)
        #expect(window.limit == 4)
    }

    @Test func neverBelowOne() {
        var window = ConcurrencyWindow(maximum: 4, cooldown: 0)
        for step in 0..<5 {
            let started = window.tryStart()
            #expect(started)
            window.finish(throttled: true, now: Double(step))
        }
        #expect(window.limit == 1)
        let (first, second) = (window.tryStart(), window.tryStart())
        #expect(first && !second)
        window.abandon()
        #expect(window.inFlight == 0)
    }
}

@Suite struct ConcurrencyGateTests {
    @Test func aFinishedRequestLetsTheNextWaiterIn() async {
        let gate = ConcurrencyGate(ConcurrencyWindow(maximum: 1))
        #expect(await gate.enter())
        let waiter = Task { await gate.enter() }
        while gate.waiting == 0 { await Task.yield() }
        gate.leave(throttled: false)
        #expect(await waiter.value)
        #expect(gate.waiting == 0)
    }

    @Test func aCancelledWaiterTakesNoPlace() async {
        let gate = ConcurrencyGate(ConcurrencyWindow(maximum: 1))
        #expect(await gate.enter())
        let waiter = Task { await gate.enter() }
        waiter.cancel()
        #expect(await waiter.value == false)
        gate.leave(throttled: false)
        #expect(await gate.enter())
    }
}
