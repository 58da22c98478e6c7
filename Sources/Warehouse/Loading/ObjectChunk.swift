/// A piece of one staged input object (an S3 object or a local file), as the loader consumes it.
///
/// The loader never fetches anything itself: the layer above lists and reads objects and hands their
/// bytes over as a stream of chunks. Chunks of different objects may interleave; the chunks of one
/// object arrive in order, and its last chunk has `isEndOfObject` set (a zero-byte object is a single
/// empty chunk with the flag set).
public struct ObjectChunk: Sendable, Equatable {
    /// The object's name for messages and `load_errors.filename`: `s3://bucket/key` or a file path.
    public var object: String
    public var bytes: [UInt8]
    public var isEndOfObject: Bool

    public init(object: String, bytes: [UInt8], isEndOfObject: Bool) {
        self.object = object
        self.bytes = bytes
        self.isEndOfObject = isEndOfObject
    }
}
