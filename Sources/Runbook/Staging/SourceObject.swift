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
    /// What tells a changed object from the one loaded before (`etl --incremental`): S3's ETag, or a
    /// local file's modification time, which is all a file system offers.
    public var etag: String?

    public init(location: Location, size: Int?, mandatory: Bool = true, etag: String? = nil) {
        self.location = location
        self.size = size
        self.mandatory = mandatory
        self.etag = etag
    }

    /// `s3://bucket/key` or the file path: how messages and load_errors name it.
    public var name: String {
        switch location {
        case .s3(let bucket, let key): return "s3://\(bucket)/\(key)"
        case .file(let path): return path
        }
    }
}
