import Foundation

/// One measurement of a running ETL stage, as the loader reports it: the driver turns the loader's
/// progress into samples, the engine turns samples into rates and an ETA (``ProgressRate``).
public struct StageSample: Sendable, Equatable {
    public var stage: PipelineStage
    public var objectsDone: Int
    /// nil for transforms and checks, and while the listing is still going.
    public var objectsTotal: Int?
    /// An incremental run: the objects listed, of which `objectsTotal` are new; nil otherwise.
    public var objectsListed: Int?
    public var rows: Int
    public var bytes: Int
    public var bytesTotal: Int?
    /// Seconds since the stage started.
    public var elapsed: Double

    public init(stage: PipelineStage, objectsDone: Int = 0, objectsTotal: Int? = nil, objectsListed: Int? = nil, rows: Int = 0,
                bytes: Int = 0, bytesTotal: Int? = nil, elapsed: Double) {
        self.stage = stage
        self.objectsDone = objectsDone
        self.objectsTotal = objectsTotal
        self.objectsListed = objectsListed
        self.rows = rows
        self.bytes = bytes
        self.bytesTotal = bytesTotal
        self.elapsed = elapsed
    }

    /// How far along, 0…1: by bytes when their total is known, else by objects; nil when neither is.
    public var fraction: Double? {
        if let bytesTotal, bytesTotal > 0 { return min(1, Double(bytes) / Double(bytesTotal)) }
        if let objectsTotal, objectsTotal > 0 { return min(1, Double(objectsDone) / Double(objectsTotal)) }
        return nil
    }
}
