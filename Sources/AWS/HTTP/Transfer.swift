import CCurl
import Foundation
import Synchronization

/// One request in flight: a curl easy handle plus what the caller waits for (the head, then body
/// chunks). The easy handle, the header list and the upload cursor are touched only on the loop's
/// thread (callbacks run there); everything the caller's tasks also touch is in `state`, behind a lock.
final class Transfer: @unchecked Sendable {
    /// A chunk is taken while fewer than this many bytes wait; above it curl pauses the download,
    /// so a slow reader holds the server back instead of filling memory.
    static let highWater = 1 << 20
    /// A paused download resumes once the reader has brought the backlog below this.
    static let lowWater = 256 << 10

    let easy: UnsafeMutableRawPointer
    /// For messages only.
    private let url: String
    private var host: String { URL(string: url)?.host ?? url }
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let uploadBody: Data
    private var uploadOffset = 0
    private weak var loop: CurlLoop?

    struct State {
        var status = 0
        var headers: [(name: String, value: String)] = []
        var headDelivered = false
        var headWaiter: CheckedContinuation<Result<HTTPResponseHead, HTTPError>, Never>?
        var chunks: [Data] = []
        var chunkIndex = 0
        var bufferedBytes = 0
        var bodyWaiter: CheckedContinuation<Result<Data?, HTTPError>, Never>?
        var paused = false
        /// Set once: success (nil) or the failure.
        var outcome: HTTPError??
        var cancelled = false
        /// Times libcurl silently re-sent the request on a fresh connection because the reused one
        /// had died before answering.
        var reconnects = 0
    }
    let state = Mutex(State())

    init(_ request: HTTPRequest, configuration: HTTPClient.Configuration, loop: CurlLoop) throws(HTTPError) {
        guard let easy = curl_easy_init() else {
            throw HTTPError(kind: .invalidRequest, message: "curl_easy_init failed")
        }
        self.easy = easy
        self.loop = loop
        self.url = request.url
        self.uploadBody = request.body ?? Data()
        try configure(request, configuration)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
    }

    private func configure(_ request: HTTPRequest, _ configuration: HTTPClient.Configuration) throws(HTTPError) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        var ok = sparkify_easy_setopt_str(easy, CURLOPT_URL, request.url) == CURLE_OK
        ok = ok && sparkify_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1) == CURLE_OK
        // TLS verification stays on: an endpoint that fails it is an error, not a warning.
        ok = ok && sparkify_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1) == CURLE_OK
        ok = ok && sparkify_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2) == CURLE_OK
        ok = ok && sparkify_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.milliseconds) == CURLE_OK
        // A transfer that moves no byte for the stall timeout fails; paused downloads are exempt.
        ok = ok && sparkify_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, 1) == CURLE_OK
        ok = ok && sparkify_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, max(1, configuration.stallTimeout.milliseconds / 1000)) == CURLE_OK
        if let timeout = request.timeout {
            ok = ok && sparkify_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, timeout.milliseconds) == CURLE_OK
        }
        ok = ok && sparkify_easy_setopt_header(easy, Transfer.onHeader) == CURLE_OK
        ok = ok && sparkify_easy_setopt_ptr(easy, CURLOPT_HEADERDATA, me) == CURLE_OK
        ok = ok && sparkify_easy_setopt_write(easy, Transfer.onWrite) == CURLE_OK
        // libcurl re-sends a request whose reused connection died before answering, and says so only
        // in its verbose text: listen to that text (and nothing else) so each such retry is logged.
        ok = ok && sparkify_easy_setopt_debug(easy, Transfer.onDebug) == CURLE_OK
        ok = ok && sparkify_easy_setopt_ptr(easy, CURLOPT_DEBUGDATA, me) == CURLE_OK
        ok = ok && sparkify_easy_setopt_long(easy, CURLOPT_VERBOSE, 1) == CURLE_OK
        ok = ok && sparkify_easy_setopt_ptr(easy, CURLOPT_WRITEDATA, me) == CURLE_OK

        switch request.method {
        case "GET":
            break
        case "HEAD":
            ok = ok && sparkify_easy_setopt_long(easy, CURLOPT_NOBODY, 1) == CURLE_OK
        default:
            // Every other method uploads `body` (possibly empty) through the read callback.
            ok = ok && sparkify_easy_setopt_long(easy, CURLOPT_UPLOAD, 1) == CURLE_OK
            ok = ok && sparkify_easy_setopt_off(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(uploadBody.count)) == CURLE_OK
            ok = ok && sparkify_easy_setopt_read(easy, Transfer.onRead) == CURLE_OK
            ok = ok && sparkify_easy_setopt_ptr(easy, CURLOPT_READDATA, me) == CURLE_OK
            ok = ok && sparkify_easy_setopt_str(easy, CURLOPT_CUSTOMREQUEST, request.method) == CURLE_OK
        }
        // No `Expect: 100-continue` round trip; curl's default Accept is noise.
        for line in request.headers.map({ "\($0.name): \($0.value)" }) + ["Expect:", "Accept:"] {
            headerList = curl_slist_append(headerList, line)
        }
        ok = ok && sparkify_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList) == CURLE_OK
        if !ok { throw HTTPError(kind: .invalidRequest, message: "cannot set up the request to \(host)") }
    }

    // MARK: Caller side

    /// Waits for the status line and headers (or the failure).
    func head() async -> Result<HTTPResponseHead, HTTPError> {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready: Result<HTTPResponseHead, HTTPError>? = state.withLock { state in
                    if state.cancelled { return .failure(.cancelled) }
                    if case .some(.some(let error)) = state.outcome, !state.headDelivered { return .failure(error) }
                    if state.headDelivered { return .success(HTTPResponseHead(status: state.status, headers: state.headers)) }
                    state.headWaiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            cancel()
        }
    }

    /// The next body chunk, nil at the end. One reader at a time.
    func nextChunk() async -> Result<Data?, HTTPError> {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                var resume = false
                let ready: Result<Data?, HTTPError>? = state.withLock { state in
                    if state.cancelled { return .failure(.cancelled) }
                    if state.chunkIndex < state.chunks.count {
                        let chunk = state.chunks[state.chunkIndex]
                        state.chunkIndex += 1
                        state.bufferedBytes -= chunk.count
                        if state.chunkIndex == state.chunks.count {
                            state.chunks.removeAll(keepingCapacity: true)
                            state.chunkIndex = 0
                        }
                        if state.paused && state.bufferedBytes < Self.lowWater {
                            state.paused = false
                            resume = true
                        }
                        return .success(chunk)
                    }
                    switch state.outcome {
                    case .some(.none): return .success(nil)
                    case .some(.some(let error)): return .failure(error)
                    case .none:
                        state.bodyWaiter = continuation
                        return nil
                    }
                }
                if resume { loop?.send(.resume(self)) }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            cancel()
        }
    }

    /// Aborts the transfer (from any thread); waiters get `.cancelled`.
    func cancel() {
        let waiters = state.withLock { state -> (CheckedContinuation<Result<HTTPResponseHead, HTTPError>, Never>?,
                                                   CheckedContinuation<Result<Data?, HTTPError>, Never>?)? in
            guard state.outcome == nil, !state.cancelled else { return nil }
            state.cancelled = true
            defer { state.headWaiter = nil; state.bodyWaiter = nil }
            return (state.headWaiter, state.bodyWaiter)
        }
        guard let waiters else { return }
        waiters.0?.resume(returning: .failure(.cancelled))
        waiters.1?.resume(returning: .failure(.cancelled))
        loop?.send(.remove(self))
    }

    var isFinished: Bool { state.withLock { $0.outcome != nil || $0.cancelled } }

    // MARK: Loop side

    /// Called on the loop's thread when curl is done with the handle.
    func complete(_ code: CURLcode) {
        let error: HTTPError? = code == CURLE_OK ? nil : Self.error(code, host: host)
        let (headWaiter, head, bodyWaiter, chunk) = state.withLock { state in
            state.outcome = .some(error)
            // A success with no blank line after the headers still has a head.
            if error == nil { state.headDelivered = true }
            let headWaiter = state.headWaiter
            state.headWaiter = nil
            let head: Result<HTTPResponseHead, HTTPError> = error.map { .failure($0) }
                ?? .success(HTTPResponseHead(status: state.status, headers: state.headers))
            let bodyWaiter = state.bodyWaiter
            state.bodyWaiter = nil
            let chunk: Result<Data?, HTTPError> = error.map { .failure($0) } ?? .success(nil)
            return (headWaiter, head, bodyWaiter, chunk)
        }
        headWaiter?.resume(returning: head)
        bodyWaiter?.resume(returning: chunk)
    }

    /// Resumes a paused download (loop thread). curl may call `onWrite` from inside this call.
    func unpause() {
        _ = curl_easy_pause(easy, CURLPAUSE_CONT)
    }

    /// One header line, already split (see `HeaderLine`).
    private func received(header line: HeaderLine) {
        let headWaiter = state.withLock { state -> (CheckedContinuation<Result<HTTPResponseHead, HTTPError>, Never>, HTTPResponseHead)? in
            if state.headDelivered { return nil } // trailers
            switch line {
            case .status(let status):
                // A new status line (after a 1xx) starts a new header block.
                state.status = status
                state.headers = []
            case .field(let name, let value):
                state.headers.append((name, value))
            case .end:
                guard state.status >= 200 else { return nil }
                state.headDelivered = true
                guard let waiter = state.headWaiter else { return nil }
                state.headWaiter = nil
                return (waiter, HTTPResponseHead(status: state.status, headers: state.headers))
            case .other:
                break
            }
            return nil
        }
        if let (waiter, head) = headWaiter { waiter.resume(returning: .success(head)) }
    }

    /// Takes a chunk, or asks curl to pause (and deliver it again later) when the reader is behind.
    private func received(body pointer: UnsafeMutablePointer<CChar>, count: Int) -> Int {
        let outcome = state.withLock { state -> (CheckedContinuation<Result<Data?, HTTPError>, Never>?, Data?, pause: Bool, abort: Bool) in
            if state.cancelled { return (nil, nil, false, true) }
            if state.bufferedBytes >= Self.highWater {
                state.paused = true
                return (nil, nil, true, false)
            }
            let chunk = Data(bytes: pointer, count: count)
            if let waiter = state.bodyWaiter {
                state.bodyWaiter = nil
                return (waiter, chunk, false, false)
            }
            state.chunks.append(chunk)
            state.bufferedBytes += count
            return (nil, nil, false, false)
        }
        if outcome.abort { return 0 }
        if outcome.pause { return Int(CURL_WRITEFUNC_PAUSE) }
        if let waiter = outcome.0 { waiter.resume(returning: .success(outcome.1)) }
        return count
    }

    private func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, uploadBody.count - uploadOffset)
        guard count > 0 else { return 0 }
        uploadBody.withUnsafeBytes { bytes in
            UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + uploadOffset, byteCount: count)
        }
        uploadOffset += count
        return count
    }

    // MARK: C callbacks (non-capturing; the transfer comes back through the user-data pointer)

    private static let onHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = { pointer, size, count, user in
        guard let pointer, let user else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue()
        transfer.received(header: HeaderLine(UnsafeRawBufferPointer(start: pointer, count: size * count)))
        return size * count
    }

    private static let onWrite: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = { pointer, size, count, user in
        guard let pointer, let user else { return 0 }
        return Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue().received(body: pointer, count: size * count)
    }

    private static let onRead: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = { pointer, size, count, user in
        guard let pointer, let user else { return 0 }
        return Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue().read(into: pointer, capacity: size * count)
    }

    private static let onDebug: @convention(c) (UnsafeMutableRawPointer?, curl_infotype, UnsafeMutablePointer<CChar>?, Int, UnsafeMutableRawPointer?) -> Int32 = { _, type, text, count, user in
        guard type == CURLINFO_TEXT, let text, let user, count > 15 else { return 0 }
        if UnsafeRawBufferPointer(start: text, count: count).starts(with: Transfer.reconnectText) {
            Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue().state.withLock { $0.reconnects += 1 }
        }
        return 0
    }

    /// How libcurl (lib/multi.c, `multi_done` → `Curl_retry_request`) announces its own retry.
    static let reconnectText = Array("Connection died, retrying a fresh connect".utf8)

    /// libcurl's own retries so far.
    var reconnects: Int { state.withLock { $0.reconnects } }

    static func error(_ code: CURLcode, host: String) -> HTTPError {
        let text = String(cString: curl_easy_strerror(code))
        let kind: HTTPError.Kind
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            kind = .connect
        case CURLE_OPERATION_TIMEDOUT:
            kind = .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            kind = .tls
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_OUT_OF_MEMORY:
            kind = .invalidRequest
        case CURLE_WRITE_ERROR, CURLE_ABORTED_BY_CALLBACK:
            kind = .cancelled
        default:
            kind = .transport
        }
        return HTTPError(kind: kind, message: "\(host): \(text)", curlCode: Int(code.rawValue))
    }
}

extension Duration {
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}

/// A line of a response head, split on bytes (the header callback runs for every line of every
/// response, so no Foundation string work here).
enum HeaderLine: Equatable {
    case status(Int)
    case field(name: String, value: String)
    /// The blank line that ends a header block.
    case end
    case other

    init(_ raw: UnsafeRawBufferPointer) {
        var line = raw[...]
        while let last = line.last, last == 0x0A || last == 0x0D { line.removeLast() }
        if line.isEmpty {
            self = .end
        } else if line.starts(with: "HTTP/".utf8) {
            // "HTTP/1.1 200 OK": the three digits after the first space.
            let digits = line.drop { $0 != 0x20 }.dropFirst().prefix { (0x30...0x39).contains($0) }
            self = .status(digits.reduce(0) { $0 * 10 + Int($1 - 0x30) })
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            var value = line[(colon + 1)...]
            while let first = value.first, first == 0x20 || first == 0x09 { value.removeFirst() }
            while let last = value.last, last == 0x20 || last == 0x09 { value.removeLast() }
            self = .field(name: String(decoding: line[..<colon], as: UTF8.self), value: String(decoding: value, as: UTF8.self))
        } else {
            self = .other
        }
    }
}
