/// One object a staging stage loads, as listed at its source.
public struct SourceObject: Sendable, Equatable {
    public enum Location: Sendable, Equatable {
        case s3(bucket: String, key: String)
        case file(path: String)
    }

    public var location: Location
    /// Bytes, when the listing says.
    public var size: Int?
    /// From a manifest: a missing mandatory object fails the stage, a missing optional one is skipped.
    public var mandatory: Bool

    public init(location: Location, size: Int?, mandatory: Bool = true) {
        self.location = location
        self.size = size
        self.mandatory = mandatory
    }

    /// `s3://bucket/key` or the file path: how messages and load_errors name it.
    public var name: String {
        switch location {
        case .s3(let bucket, let key): return "s3://\(bucket)/\(key)"
        case .file(let path): return path
        }
    }
}
