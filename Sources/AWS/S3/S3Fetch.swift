import Foundation
import Synchronization

/// A piece of one object's content, as ``S3Client/fetchAll(bucket:keys:concurrency:)`` delivers it.
public struct S3ObjectChunk: Sendable, Equatable {
    public var key: String
    public var bytes: Data
    /// Where `bytes` starts within the object: 0 for its first chunk.
    public var offset: Int
    /// The object's last chunk (empty when the object is empty or its end is only known afterwards).
    public var isLast: Bool

    public init(key: String, bytes: Data, offset: Int, isLast: Bool) {
        self.key = key
        self.bytes = bytes
        self.offset = offset
        self.isLast = isLast
    }
}

extension S3Client {
    /// Downloads many objects at once and delivers their content in the order of `keys`, each object's
    /// chunks together. Up to `concurrency` downloads are in flight over the HTTP client's reused
    /// connections; each buffers at most about a megabyte before its transfer pauses, so memory stays
    /// bounded however large the objects are. Reading the stream drives the downloads: a slow reader
    /// slows them; dropping the stream or cancelling its task aborts them. The first failure (say,
    /// NoSuchKey) ends the stream with that ``AWSError``.
    public func fetchAll(bucket: String, keys: [String], concurrency: Int = 16) -> AsyncThrowingStream<S3ObjectChunk, Error> {
        let window = FetchWindow(s3: self, bucket: bucket, keys: keys, concurrency: max(1, concurrency))
        return AsyncThrowingStream(unfolding: { try await window.next() })
    }
}

/// The downloads in flight for ``S3Client/fetchAll(bucket:keys:concurrency:)``: a queue of started
/// GetObjects in key order, and the object being read. The stream calls `next()` one call at a time.
private final class FetchWindow: Sendable {
    private struct Reading {
        var key: String
        var body: S3ObjectBody
        var offset = 0
        var length: Int?
        var lastDelivered = false
    }

    private struct State {
        var nextKey = 0
        /// Started downloads, oldest first (`first` is the next object to read).
        var started: [(key: String, download: Task<S3ObjectContent, Error>)] = []
        var reading: Reading?
    }

    private let s3: S3Client
    private let bucket: String
    private let keys: [String]
    private let concurrency: Int
    private let state = Mutex(State())

    init(s3: S3Client, bucket: String, keys: [String], concurrency: Int) {
        self.s3 = s3
        self.bucket = bucket
        self.keys = keys
        self.concurrency = concurrency
    }

    /// Whatever has not been read is no longer wanted.
    deinit {
        state.withLock { $0.started.forEach { $0.download.cancel() } }
    }

    func next() async throws -> S3ObjectChunk? {
        while true {
            if let reading = state.withLock({ $0.reading }) {
                if let chunk = try await read(reading) { return chunk }
                continue
            }
            guard let front = state.withLock({ state in
                startDownloads(&state)
                return state.started.isEmpty ? nil : state.started.removeFirst()
            }) else { return nil }
            let content = try await withTaskCancellationHandler {
                try await front.download.value
            } onCancel: {
                front.download.cancel()
            }
            state.withLock { state in
                state.reading = Reading(key: front.key, body: content.body, length: content.head.contentLength)
                startDownloads(&state)
            }
        }
    }

    /// The next chunk of the object being read; nil once it is done (and the next object is due).
    private func read(_ reading: Reading) async throws -> S3ObjectChunk? {
        let bytes = try await reading.body.next()
        guard let bytes else {
            state.withLock { $0.reading = nil }
            return reading.lastDelivered ? nil
                : S3ObjectChunk(key: reading.key, bytes: Data(), offset: reading.offset, isLast: true)
        }
        let isLast = reading.length == reading.offset + bytes.count
        state.withLock { state in
            state.reading?.offset += bytes.count
            state.reading?.lastDelivered = isLast
        }
        return S3ObjectChunk(key: reading.key, bytes: bytes, offset: reading.offset, isLast: isLast)
    }

    /// Starts downloads until `concurrency` are in flight (the one being read counts).
    private func startDownloads(_ state: inout State) {
        while state.started.count + (state.reading == nil ? 0 : 1) < concurrency, state.nextKey < keys.count {
            let key = keys[state.nextKey]
            state.nextKey += 1
            let (s3, bucket) = (self.s3, self.bucket)
            state.started.append((key, Task { try await s3.getObject(bucket: bucket, key: key) }))
        }
    }
}
