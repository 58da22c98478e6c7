/// How far `write(to:progress:)` has come.
public struct GenerationProgress: Sendable, Equatable {
    public var filesDone: Int
    public var fileCount: Int
    public var bytesWritten: Int
}

/// What `write(to:progress:)` produced.
public struct GenerationSummary: Sendable, Equatable {
    public let fileCount: Int
    public let byteCount: Int
    public let eventCount: Int
    public let songCount: Int
}
