import Foundation

/// The generator's own pseudo-random numbers: SplitMix64 (Steele, Lea, Flood 2014).
///
/// Every entity (user, session, catalogue song, song file, day) gets its own stream derived from the seed
/// and the entity's index, so an entity can be re-derived at any time without storing it, and the output
/// never depends on the order in which entities happen to be visited.
struct SplitMix64 {
    private var state: UInt64

    init(state: UInt64) {
        self.state = state
    }

    /// The stream for `index` of a `kind` of entity under `seed`.
    init(seed: UInt64, _ kind: StreamKind, _ index: UInt64 = 0) {
        state = SplitMix64.mix(SplitMix64.mix(seed ^ kind.rawValue &* 0x9E37_79B9_7F4A_7C15) ^ index)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a bijection on 64 bits with good avalanche.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in 0..<bound (bound > 0); Lemire's multiply-shift, bias negligible for our bounds.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Uniform in the closed range.
    mutating func between(_ low: Int, _ high: Int) -> Int {
        low + below(high - low + 1)
    }

    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// Exponentially distributed with the given mean.
    mutating func exponential(mean: Double) -> Double {
        -mean * log1p(-unit())
    }

    /// Log-normal: exp(N(mu, sigma)), via Box–Muller.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        let u1 = 1 - unit(), u2 = unit()
        let normal = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        return median * exp(sigma * normal)
    }
}

/// Which family of entities a stream belongs to. Values are part of the output's identity: never renumber.
enum StreamKind: UInt64 {
    case arrivals = 1
    case session = 2
    case user = 3
    case catalogueSong = 4
    case artist = 5
    case outsideSong = 6
    case songFile = 7
    case day = 8
    case population = 9
}
