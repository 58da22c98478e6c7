import Foundation

/// When sessions start: a Poisson process over November 2018 whose rate follows the hour of day (busy
/// afternoons, quiet nights, UTC, as in the real logs) and a day factor (weekends lower, and every day
/// its own log-normal mood, which is why real daily files range from tens to hundreds of events).
struct Arrivals {
    static let days = 30
    static let monthStart = Listeners.monthStart
    static let monthEnd = monthStart + days * 86_400
    /// Events per hour of day (UTC) in the real month, used as relative weights.
    static let hourProfile: [Double] = [
        185, 201, 157, 130, 159, 206, 230, 219, 246, 311, 356, 391,
        368, 415, 504, 577, 626, 572, 579, 431, 397, 326, 247, 223,
    ]

    private var random: SplitMix64
    /// Sessions per second for each hour of the month.
    private let rates: [Double]
    private let maxRate: Double
    private var elapsed = 0.0
    private var nextID = 1

    init(seed: UInt64, expectedSessions: Double) {
        random = SplitMix64(seed: seed, .arrivals)
        var weights: [Double] = []
        for day in 0..<Arrivals.days {
            var dayRandom = SplitMix64(seed: seed, .day, UInt64(day))
            // 1 November 2018 was a Thursday: days 2, 3 (Sat, Sun), 9, 10, ... are weekends.
            let weekend = (day + 4) % 7 >= 5
            let factor = (weekend ? 0.6 : 1.0) * dayRandom.logNormal(median: 1, sigma: 0.36)
            for hour in 0..<24 {
                weights.append(factor * Arrivals.hourProfile[hour])
            }
        }
        let total = weights.reduce(0, +)
        rates = weights.map { $0 / total * expectedSessions / 3600 }
        maxRate = rates.max() ?? 0
    }

    /// The next session's start (Unix seconds) and id, or nil once the month is over.
    mutating func next() -> (time: Int, id: Int)? {
        guard maxRate > 0 else { return nil }
        while true {
            elapsed += random.exponential(mean: 1 / maxRate)
            let hour = Int(elapsed / 3600)
            guard hour < rates.count else { return nil }
            if random.unit() * maxRate < rates[hour] {
                // Session ids are increasing with gaps, as if other sessions happened elsewhere.
                let id = nextID
                nextID += random.chance(0.15) ? 2 : 1
                return (Arrivals.monthStart + Int(elapsed), id)
            }
        }
    }
}
