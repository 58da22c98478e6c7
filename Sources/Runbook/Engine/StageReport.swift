/// A stage's progress with its rates and time left: what a `stage_progress` event carries and an ETL
/// panel line shows.
public struct StageReport: Sendable, Equatable {
    public var sample: StageSample
    public var rowsPerSecond: Double?
    public var bytesPerSecond: Double?
    /// Seconds left; nil when the total or the rate is unknown.
    public var eta: Double?

    public init(sample: StageSample, rowsPerSecond: Double? = nil, bytesPerSecond: Double? = nil, eta: Double? = nil) {
        self.sample = sample
        self.rowsPerSecond = rowsPerSecond
        self.bytesPerSecond = bytesPerSecond
        self.eta = eta
    }

    /// The latest sample of `rate` with its rates.
    public init?(_ rate: ProgressRate) {
        guard let latest = rate.latest else { return nil }
        self.init(sample: latest, rowsPerSecond: rate.rowsPerSecond, bytesPerSecond: rate.bytesPerSecond, eta: rate.eta)
    }

    public var stage: PipelineStage { sample.stage }
}
