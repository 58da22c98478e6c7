import Foundation

/// A response body read as it arrives, chunk by chunk. At most about a megabyte waits unread: beyond
/// that the download pauses until the reader catches up. Dropping the body (or cancelling the reading
/// task) aborts the transfer.
public struct HTTPBody: AsyncSequence, Sendable {
    public typealias Element = Data

    private let reader: Reader

    init(_ transfer: Transfer) { reader = Reader(transfer) }

    public struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate let reader: Reader

        public mutating func next() async throws -> Data? {
            try await reader.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(reader: reader) }

    /// The next chunk, nil at the end.
    public func next() async throws(HTTPError) -> Data? { try await reader.next() }

    /// Reads the whole body; a body longer than `limit` bytes is an error.
    public func collect(limit: Int = 64 << 20) async throws(HTTPError) -> Data {
        var data = Data()
        while let chunk = try await reader.next() {
            data.append(chunk)
            if data.count > limit {
                reader.abandon()
                throw HTTPError(kind: .invalidRequest, message: "response body exceeds \(limit) bytes")
            }
        }
        return data
    }

    /// Owns the transfer for the body's readers; the last copy going away aborts an unfinished download.
    fileprivate final class Reader: Sendable {
        let transfer: Transfer

        init(_ transfer: Transfer) { self.transfer = transfer }

        deinit { abandon() }

        func next() async throws(HTTPError) -> Data? { try await transfer.nextChunk().get() }

        func abandon() { transfer.cancel() }
    }
}
