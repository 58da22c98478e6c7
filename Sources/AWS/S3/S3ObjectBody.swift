import Crypto
import Foundation
import Synchronization

/// An object's content as it arrives, resumed where it broke off: when a transfer is cut mid-body (a
/// reset after the headers, a connection closed before Content-Length), the next chunk comes from a
/// ranged GetObject (`Range: bytes=N-`, `If-Match` the ETag, so a changed object is an error rather
/// than a splice) under the client's retry policy and quota — each broken attempt one log line.
/// When the ETag is the content's MD5 (a single-part upload without KMS or customer keys), the bytes
/// are checked against it at the end: a mismatch is an error, so a corrupted object never loads.
/// Reading is one reader at a time; dropping it aborts the download.
public struct S3ObjectBody: AsyncSequence, Sendable {
    public typealias Element = Data

    private let download: Download

    init(client: AWSClient, call: AWSCall, response: HTTPStreamingResponse, attempt: Int) {
        download = Download(client: client, call: call, response: response, attempt: attempt)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate let download: Download

        public mutating func next() async throws -> Data? { try await download.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(download: download) }

    /// The next chunk, nil at the end.
    public func next() async throws(AWSError) -> Data? { try await download.next() }

    /// Reads the whole body; a body longer than `limit` bytes is an error.
    public func collect(limit: Int = 64 << 20) async throws(AWSError) -> Data {
        var data = Data()
        while let chunk = try await download.next() {
            data.append(chunk)
            if data.count > limit {
                throw AWSError(code: AWSError.malformedResponse, message: "the object exceeds \(limit) bytes",
                               service: .s3, action: "GetObject", resource: download.call.resource)
            }
        }
        return data
    }

    /// The ETag when it is the body's MD5: 32 hex digits (a multipart ETag has `-N`), and no
    /// SSE-KMS or customer key (whose ETags are not MD5s).
    static func contentMD5(_ head: HTTPResponseHead) -> String? {
        guard let eTag = head.header("ETag").map(S3Timestamp.unquote), eTag.count == 32,
              eTag.allSatisfy(\.isHexDigit),
              !(head.header("x-amz-server-side-encryption")?.hasPrefix("aws:kms") ?? false),
              head.header("x-amz-server-side-encryption-customer-algorithm") == nil else { return nil }
        return eTag
    }

    /// Where the download is, behind a lock (the reader's task may move between threads).
    fileprivate final class Download: Sendable {
        let client: AWSClient
        let call: AWSCall

        private struct State {
            var body: HTTPBody
            var status: Int
            var requestID: String?
            /// Bytes delivered so far.
            var offset = 0
            /// The whole object's size (Content-Length of the first answer).
            var length: Int?
            var eTag: String?
            /// MD5 of the bytes delivered so far, when the ETag can be checked.
            var digest: Insecure.MD5?
            var attempt: Int
            var tally = RetryPolicy.Tally()
            var spent = 0
            var started = ContinuousClock.now
            /// `offset` when the current attempt began: an attempt that moved the download on does
            /// not count against the attempt limit (the retry quota still pays for it).
            var attemptOffset = 0
            var finished = false
        }
        private let state: Mutex<State>

        init(client: AWSClient, call: AWSCall, response: HTTPStreamingResponse, attempt: Int) {
            self.client = client
            self.call = call
            let head = S3ObjectHead(response.head)
            state = Mutex(State(body: response.body, status: response.head.status,
                                requestID: AWSClient.requestID(response.head), length: head.contentLength,
                                eTag: response.head.header("ETag"),
                                digest: S3ObjectBody.contentMD5(response.head) == nil ? nil : Insecure.MD5(), attempt: attempt))
        }

        func next() async throws(AWSError) -> Data? {
            while true {
                let (body, finished) = state.withLock { ($0.body, $0.finished) }
                if finished { return nil }
                let received: Data?
                do { received = try await body.next() } catch {
                    if error.kind == .cancelled { throw fail(AWSError.cancelled, "cancelled") }
                    let failure = RetryPolicy.classify(status: nil, code: nil, retryableTransport: error.isRetryable)
                    try await resume(after: "\(error.message) after \(state.withLock { $0.offset }) bytes", failure,
                                     timeout: error.kind == .timeout)
                    continue
                }
                if let chunk = received {
                    let overrun = state.withLock { state -> String? in
                        state.offset += chunk.count
                        state.digest?.update(data: chunk)
                        guard let length = state.length, state.offset > length else { return nil }
                        return "the body ran past its Content-Length (\(state.offset) of \(length) bytes)"
                    }
                    if let overrun { throw fail(AWSError.incompleteBody, overrun) }
                    return chunk
                }
                let (short, mismatch) = state.withLock { state -> (String?, String?) in
                    guard let length = state.length, state.offset < length else {
                        state.finished = true
                        guard let digest = state.digest, let expected = state.eTag.map(S3Timestamp.unquote) else { return (nil, nil) }
                        let actual = digest.finalize().map { String(format: "%02x", $0) }.joined()
                        return (nil, actual == expected.lowercased() ? nil
                            : "the \(state.offset) bytes received have MD5 \(actual), not the ETag \(expected)")
                    }
                    return ("the body ended after \(state.offset) of \(length) bytes", nil)
                }
                if let mismatch { throw fail(AWSError.incompleteBody, mismatch) }
                guard let short else {
                    // Resumes that ended well give the quota back what they cost.
                    let spent = state.withLock { $0.spent }
                    if spent > 0 { client.succeeded(spent: spent) }
                    return nil
                }
                try await resume(after: short, .transient, timeout: false)
            }
        }

        /// Logs the broken attempt, waits as the retry policy says, and asks for the rest.
        private func resume(after message: String, _ failure: RetryPolicy.Failure, timeout: Bool) async throws(AWSError) {
            var snapshot = state.withLock { $0 }
            let record = { (note: String) in
                AWSCallRecord(service: .s3, action: self.call.action, httpStatus: snapshot.status,
                              requestID: snapshot.requestID,
                              latency: AWSClient.seconds(ContinuousClock.now - snapshot.started),
                              attempt: snapshot.attempt, errorCode: AWSError.incompleteBody, note: note)
            }
            let progressed = snapshot.offset > snapshot.attemptOffset
            guard let delay = client.retryDelay(after: failure, tally: &snapshot.tally, spent: &snapshot.spent,
                                                timeout: timeout, counts: !progressed) else {
                client.report(record(message))
                throw fail(AWSError.incompleteBody, message + (snapshot.attempt > 1 ? " (gave up after \(snapshot.attempt) attempts)" : ""))
            }
            client.report(record(message + "; resuming at byte \(snapshot.offset) in \(AWSClient.secondsText(delay))"))
            state.withLock { $0.tally = snapshot.tally; $0.spent = snapshot.spent }
            try await client.pause(delay, call)

            var ranged = call
            if snapshot.offset > 0 {
                ranged.headers.append(("Range", "bytes=\(snapshot.offset)-"))
                if let eTag = snapshot.eTag {
                    ranged.headers.removeAll { $0.name == "If-Match" }
                    ranged.headers.append(("If-Match", eTag))
                }
            }
            let (response, attempt) = try await client.send(ranged, firstAttempt: snapshot.attempt + 1)
            let expected = snapshot.offset > 0 ? 206 : 200
            guard response.head.status == expected else {
                throw fail(AWSError.incompleteBody, "asked for the rest from byte \(snapshot.offset), got HTTP \(response.head.status)")
            }
            state.withLock { state in
                state.body = response.body
                state.status = response.head.status
                state.requestID = AWSClient.requestID(response.head)
                state.attempt = attempt
                state.started = ContinuousClock.now
                state.attemptOffset = snapshot.offset
                if snapshot.offset == 0 { state.length = S3ObjectHead(response.head).contentLength }
            }
        }

        private func fail(_ code: String, _ message: String) -> AWSError {
            AWSError(code: code, message: message, requestID: state.withLock { $0.requestID },
                     httpStatus: nil, service: .s3, action: call.action, resource: call.resource)
        }
    }
}
