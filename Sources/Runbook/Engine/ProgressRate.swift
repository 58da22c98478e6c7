/// Rates and the time left for one stage, from its recent samples. The rate is taken over the last
/// `window` seconds (not since the start), so a slow listing or a warm-up does not skew the ETA for long.
public struct ProgressRate: Sendable, Equatable {
    /// Seconds of history the rate looks at.
    public let window: Double
    private var samples: [StageSample] = []

    public init(window: Double = 10) {
        self.window = window
    }

    /// Adds a sample; older ones that fall out of the window are dropped (the newest out-of-window one is
    /// kept as the window's start, so the rate always spans at least two samples).
    public mutating func add(_ sample: StageSample) {
        if let last = samples.last, sample.elapsed < last.elapsed { samples.removeAll() }
        // A stage starts from nothing: that is its first sample when the loader's first report is later.
        if samples.isEmpty, sample.elapsed > 0 {
            samples.append(StageSample(stage: sample.stage, objectsTotal: sample.objectsTotal,
                                       bytesTotal: sample.bytesTotal, elapsed: 0))
        }
        samples.append(sample)
        while samples.count > 2, sample.elapsed - samples[1].elapsed >= window { samples.removeFirst() }
    }

    public var latest: StageSample? { samples.last }

    public var rowsPerSecond: Double? { rate(\.rows) }

    public var bytesPerSecond: Double? { rate(\.bytes) }

    /// Seconds left: what remains (bytes when their total is known, else objects) over the recent rate of it.
    public var eta: Double? {
        guard let latest else { return nil }
        if let total = latest.bytesTotal, let rate = rate(\.bytes), rate > 0 {
            return Double(max(0, total - latest.bytes)) / rate
        }
        if let total = latest.objectsTotal, let rate = rate(\.objectsDone), rate > 0 {
            return Double(max(0, total - latest.objectsDone)) / rate
        }
        return nil
    }

    private func rate(_ measure: KeyPath<StageSample, Int>) -> Double? {
        guard let first = samples.first, let last = samples.last, last.elapsed > first.elapsed else { return nil }
        return Double(last[keyPath: measure] - first[keyPath: measure]) / (last.elapsed - first.elapsed)
    }
}
