import Config
import Foundation
import Synchronization

/// Talks to AWS (or to one emulator endpoint): resolves endpoints, signs each attempt with SigV4,
/// retries as the SDKs' standard mode does, turns error answers into ``AWSError`` and reports every
/// attempt to the observer. Service clients (``S3Client``, IAM, EC2, Redshift, STS) are thin layers
/// over ``query(service:action:version:parameters:)`` and ``send(_:)``.
public final class AWSClient: Sendable {
    public let settings: AWSSettings
    /// Asked before every attempt, so temporary credentials are renewed before they expire; nil: none.
    public let credentials: CredentialsProvider?
    public let retry: RetryPolicy
    /// The transport; pass it to other clients to share connections.
    public let http: HTTPClient
    private let observer: @Sendable (AWSCallRecord) -> Void
    /// The signing clock; tests pass a fixed date.
    private let now: @Sendable () -> Date
    /// Shared by all calls: retries stop when it runs dry.
    private let quota = Mutex(RetryQuota())
    /// Narrows while S3 (or any service) throttles.
    let gate: ConcurrencyGate
    /// Buckets whose region S3 told us, when it is not ours.
    private let bucketRegions = Mutex<[String: String]>([:])

    /// - Parameters:
    ///   - observer: called once per attempt (from any thread), e.g. to feed the log panel.
    ///   - http: share one ``HTTPClient`` between clients to share its connections.
    ///   - credentials: default: the provider for `settings.credentialSource`.
    public init(settings: AWSSettings, observer: @escaping @Sendable (AWSCallRecord) -> Void = { _ in },
                retry: RetryPolicy = .standard, http: HTTPClient = HTTPClient(),
                concurrency: ConcurrencyWindow = ConcurrencyWindow(),
                credentials: CredentialsProvider? = nil,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.gate = ConcurrencyGate(concurrency)
        self.settings = settings
        self.credentials = credentials ?? settings.credentialSource.map {
            CredentialsProvider.make($0, region: settings.region, endpoint: settings.endpoint, http: http, observer: observer)
        }
        self.observer = observer
        self.retry = retry
        self.http = http
        self.now = now
    }

    // MARK: Query protocol (IAM, EC2, Redshift, STS)

    /// Calls a query-protocol action (form-encoded POST, XML answer) and returns the response's root
    /// element, e.g. `<CreateRoleResponse>`. Parameters are sent in the order given.
    public func query(service: AWSService, action: String, version: String,
                      parameters: [(String, String)]) async throws(AWSError) -> XMLElement {
        let body = Data(URIEncoding.form([("Action", action), ("Version", version)] + parameters).utf8)
        let call = AWSCall(service: service, action: action, method: "POST", path: "/",
                           headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                           body: body, timeout: .seconds(60))
        return try parse(await sendReading(call).body, call)
    }

    // MARK: Any call

    /// Sends a call with retries. Returns once a successful (2xx) status line and headers are in,
    /// so large bodies can be streamed; error answers (3xx included) are read and thrown as
    /// ``AWSError``.
    func send(_ call: AWSCall) async throws(AWSError) -> HTTPStreamingResponse {
        try await send(call, firstAttempt: 1).response
    }

    /// Sends a call and reads its whole (small) answer; a body that breaks off is retried like any
    /// transient failure.
    func sendReading(_ call: AWSCall) async throws(AWSError) -> HTTPResponse {
        let answer = try await exchange(call, firstAttempt: 1, read: true)
        return HTTPResponse(head: answer.response.head, body: answer.body ?? Data())
    }

    /// ``send(_:)`` numbering attempts from `firstAttempt` (a resumed download continues the count);
    /// also returns the number of the attempt that got the answer.
    ///
    /// An S3 answer naming another region for the bucket (301 PermanentRedirect, 400
    /// AuthorizationHeaderMalformed, `x-amz-bucket-region`) is retried once at once, signed for that
    /// region, which the client then uses for the bucket from then on.
    func send(_ call: AWSCall, firstAttempt: Int) async throws(AWSError) -> (response: HTTPStreamingResponse, attempt: Int) {
        let answer = try await exchange(call, firstAttempt: firstAttempt, read: false)
        return (answer.response, answer.attempt)
    }

    /// The retry loop; with `read`, an attempt includes reading the body.
    private func exchange(_ call: AWSCall, firstAttempt: Int, read: Bool) async throws(AWSError)
        -> (response: HTTPStreamingResponse, attempt: Int, body: Data?) {
        var attempt = firstAttempt - 1
        var tally = RetryPolicy.Tally()
        var spent = 0
        var redirected = false
        while true {
            attempt += 1
            let (endpoint, signer) = try await route(call)
            let date = now()
            let request = Self.signedRequest(call, endpoint: endpoint, signer: signer, date: date)
            guard await gate.enter() else { throw Self.cancelled(call) }
            let tried = await self.attempt(request, call, number: attempt, signedAt: date, read: read)
            gate.leave(throttled: tried.throttled)
            attempt += tried.reconnects
            var record = tried.record
            switch tried.result {
            case .success(let (response, body)):
                quota.withLock { $0.succeeded(spent: spent) }
                observer(record)
                return (response, attempt, body)
            case .failure(var failed):
                failed.error.resource = call.resource
                if let bucket = call.bucket, !redirected, let region = failed.bucketRegion, region != endpoint.signingRegion {
                    redirected = true
                    // Said once per bucket, however many calls were already on their way.
                    if learnRegion(region, of: bucket) {
                        record.note = "bucket \(bucket) is in \(region): signing for \(region) from now on"
                    }
                    observer(record)
                    continue
                }
                guard let delay = retryDelay(after: failed.failure, tally: &tally, spent: &spent, timeout: failed.timeout) else {
                    observer(record)
                    throw Self.gaveUp(failed.error, attempts: attempt, retryable: failed.failure != .final)
                }
                record.note = "retrying in \(Self.secondsText(delay))"
                observer(record)
                try await pause(delay, call)
            }
        }
    }

    /// The pause before retrying after `failure`, counted in `tally` and paid from the client's retry
    /// quota (`spent` grows by the cost); nil when the call must give up. A failure that `counts`
    /// false (a download that moved on before it broke) is paid for but not counted.
    func retryDelay(after failure: RetryPolicy.Failure, tally: inout RetryPolicy.Tally, spent: inout Int,
                    timeout: Bool, counts: Bool = true) -> Duration? {
        guard failure != .final else { return nil }
        if counts { tally.record(failure) }
        guard retry.allowsRetry(after: failure, tally),
              let cost = quota.withLock({ $0.withdraw(timeout: timeout) }) else { return nil }
        spent += cost
        return retry.delay(afterAttempt: tally.count(failure), failure: failure, random: Double.random(in: 0..<1))
    }

    /// A call whose retries cost `spent` ended well: the quota gets it back.
    func succeeded(spent: Int) { quota.withLock { $0.succeeded(spent: spent) } }

    /// Sleeps before a retry; cancellation ends the call.
    func pause(_ delay: Duration, _ call: AWSCall) async throws(AWSError) {
        do { try await Task.sleep(for: delay) } catch { throw Self.cancelled(call) }
    }

    /// Reports one attempt to the observer.
    func report(_ record: AWSCallRecord) { observer(record) }

    /// The error a call ends with, saying how many attempts it took and why it stopped.
    static func gaveUp(_ error: AWSError, attempts: Int, retryable: Bool) -> AWSError {
        guard retryable, !error.isCancellation, attempts > 1 else { return error }
        var error = error
        error.message += (error.message.isEmpty ? "" : " ") + "(gave up after \(attempts) attempts)"
        return error
    }

    static func cancelled(_ call: AWSCall) -> AWSError {
        AWSError(code: AWSError.cancelled, message: "cancelled", service: call.service, action: call.action,
                 resource: call.resource)
    }

    /// The region this client signs the bucket's requests for: what it learned, else its own.
    func region(of bucket: String?) -> String {
        bucket.flatMap { bucket in bucketRegions.withLock { $0[bucket] } } ?? settings.region
    }

    /// What the client has learned of a bucket's region, if anything.
    func learnedRegion(of bucket: String) -> String? { bucketRegions.withLock { $0[bucket] } }

    /// Remembers the bucket's region; true when that is news.
    @discardableResult
    func learnRegion(_ region: String, of bucket: String) -> Bool {
        bucketRegions.withLock { regions in
            defer { regions[bucket] = region }
            return regions[bucket] != region
        }
    }

    /// Where the call goes and the signer for it, with the credentials the provider holds now.
    private func route(_ call: AWSCall) async throws(AWSError) -> (AWSEndpoint, SigV4Signer) {
        guard let provider = self.credentials else {
            throw AWSError(code: AWSError.missingCredentials, message: "no AWS credentials are configured",
                           service: call.service, action: call.action, resource: call.resource)
        }
        let credentials = try await provider.credentials()
        let region = call.service == .s3 ? region(of: call.bucket) : settings.region
        let endpoint = try AWSEndpoint.resolve(service: call.service, region: region,
                                               custom: settings.endpoint, bucket: call.bucket)
        return (endpoint, SigV4Signer(credentials: credentials, region: endpoint.signingRegion,
                                      service: call.service.rawValue, options: call.service.signingOptions))
    }

    private struct FailedAttempt: Error {
        var error: AWSError
        var failure: RetryPolicy.Failure
        /// The transfer timed out (a retry costs the quota more).
        var timeout = false
        /// S3 named the bucket's region in its refusal.
        var bucketRegion: String?
    }

    private struct Tried {
        /// The answer (and its body, when the attempt read it).
        var result: Result<(HTTPStreamingResponse, Data?), FailedAttempt>
        /// The attempt's log line, not yet reported (the caller adds what it decides).
        var record: AWSCallRecord
        /// libcurl's own retries before this answer (already reported).
        var reconnects: Int
        /// For the concurrency window: whether the answer was throttling; nil when cancelled.
        var throttled: Bool?
    }

    /// One try: the response if its status is 2xx, else the error and whether to retry it.
    private func attempt(_ request: HTTPRequest, _ call: AWSCall, number: Int, signedAt: Date, read: Bool) async -> Tried {
        let started = ContinuousClock.now
        var latency: Double { Self.seconds(ContinuousClock.now - started) }
        func record(_ number: Int, status: Int?, requestID: String?, code: String?) -> AWSCallRecord {
            AWSCallRecord(service: call.service, action: call.action, httpStatus: status, requestID: requestID,
                          latency: latency, attempt: number, errorCode: code)
        }
        let response: HTTPStreamingResponse
        do {
            response = try await http.stream(request)
        } catch {
            reportReconnects(error.reconnects, call, from: number)
            let code = error.kind == .cancelled ? AWSError.cancelled : AWSError.networkFailure
            let failure = RetryPolicy.classify(status: nil, code: nil, retryableTransport: error.isRetryable)
            let failed = FailedAttempt(error: AWSError(code: code, message: error.message, service: call.service,
                                                       action: call.action),
                                       failure: failure, timeout: error.kind == .timeout)
            return Tried(result: .failure(failed), record: record(number + error.reconnects, status: nil, requestID: nil, code: code),
                         reconnects: error.reconnects, throttled: error.kind == .cancelled ? nil : false)
        }
        reportReconnects(response.reconnects, call, from: number)
        let number = number + response.reconnects
        let head = response.head
        if (200..<300).contains(head.status) {
            var body: Data?
            if read {
                do { body = try await response.body.collect() } catch {
                    let code = error.kind == .cancelled ? AWSError.cancelled : AWSError.incompleteBody
                    let failure = RetryPolicy.classify(status: nil, code: nil, retryableTransport: error.isRetryable)
                    let failed = FailedAttempt(error: AWSError(code: code, message: "\(error.message) (reading the answer)",
                                                               requestID: Self.requestID(head), httpStatus: head.status,
                                                               service: call.service, action: call.action),
                                               failure: failure, timeout: error.kind == .timeout)
                    return Tried(result: .failure(failed), record: record(number, status: head.status, requestID: Self.requestID(head), code: code),
                                 reconnects: response.reconnects, throttled: error.kind == .cancelled ? nil : false)
                }
            }
            return Tried(result: .success((response, body)), record: record(number, status: head.status, requestID: Self.requestID(head), code: nil),
                         reconnects: response.reconnects, throttled: false)
        }
        let body = (try? await response.body.collect(limit: 1 << 20)) ?? Data()
        var error = Self.error(status: head.status, headers: head, body: body, service: call.service, action: call.action)
        if error.code == "RequestTimeTooSkewed", let skew = ClockSkew.describe(signedAt: signedAt, head: head, body: body) {
            error.message += (error.message.isEmpty ? "" : " ") + "(\(skew))"
        }
        let failure = RetryPolicy.classify(status: error.httpStatus, code: error.code)
        let region = call.service == .s3 ? S3Redirect.bucketRegion(status: head.status, head: head, body: body) : nil
        return Tried(result: .failure(FailedAttempt(error: error, failure: failure, bucketRegion: region)),
                     record: record(number, status: error.httpStatus, requestID: error.requestID, code: error.code),
                     reconnects: response.reconnects, throttled: failure == .throttled)
    }

    /// One log line per request libcurl re-sent on its own (its reused connection had died).
    private func reportReconnects(_ count: Int, _ call: AWSCall, from number: Int) {
        for index in 0..<count {
            observer(AWSCallRecord(service: call.service, action: call.action, httpStatus: nil, requestID: nil, latency: 0,
                                   attempt: number + index, errorCode: AWSError.networkFailure,
                                   note: "the reused connection closed before answering; libcurl re-sent on a new one"))
        }
    }

    static func secondsText(_ duration: Duration) -> String {
        String(format: "%.2f s", seconds(duration))
    }

    /// Parses a successful XML body.
    func parse(_ body: Data, _ call: AWSCall) throws(AWSError) -> XMLElement {
        do { return try XMLElement.parse(body) } catch {
            throw AWSError(code: AWSError.malformedResponse, message: error.description,
                           service: call.service, action: call.action, resource: call.resource)
        }
    }

    // MARK: Pure pieces

    /// The HTTP request for one attempt: URL, `Host`, the call's headers and the signature headers.
    static func signedRequest(_ call: AWSCall, endpoint: AWSEndpoint, signer: SigV4Signer, date: Date) -> HTTPRequest {
        let path = fullPath(call, endpoint)
        let headers = [(name: "Host", value: endpoint.hostHeader)] + call.headers
        let payloadHash = call.unsignedPayload ? SigV4Signer.unsignedPayload
            : SigV4Signer.hexSHA256(call.body ?? Data())
        let signed = signer.signHeaders(SigningRequest(method: call.method, path: path, query: call.query,
                                                       headers: headers, payloadHash: payloadHash), date: date)
        return HTTPRequest(method: call.method, url: url(endpoint, path, call.query, signer), headers: headers + signed.addedHeaders,
                           body: call.body, timeout: call.timeout)
    }

    /// A URL that carries its own signature (query form), valid for `expires` seconds from `date`.
    static func presignedURL(_ call: AWSCall, endpoint: AWSEndpoint, signer: SigV4Signer, date: Date, expires: Int) -> String {
        let path = fullPath(call, endpoint)
        let signed = signer.presign(SigningRequest(method: call.method, path: path, query: call.query,
                                                   headers: [("Host", endpoint.hostHeader)],
                                                   payloadHash: SigV4Signer.unsignedPayload),
                                    date: date, expires: expires)
        return url(endpoint, path, signed.query, signer)
    }

    /// A presigned URL for the call, valid for `expires` seconds (S3: anyone holding it may GET the
    /// object, as with `aws s3 presign`).
    func presignedURL(_ call: AWSCall, expires: Int) async throws(AWSError) -> String {
        let (endpoint, signer) = try await route(call)
        return Self.presignedURL(call, endpoint: endpoint, signer: signer, date: now(), expires: expires)
    }

    /// The decoded path, the bucket first when the endpoint is path-style.
    private static func fullPath(_ call: AWSCall, _ endpoint: AWSEndpoint) -> String {
        (call.bucket.map { endpoint.pathStyle ? "/" + $0 : "" } ?? "") + call.path
    }

    /// Encoded exactly as signed.
    private static func url(_ endpoint: AWSEndpoint, _ path: String, _ query: [(name: String, value: String)],
                            _ signer: SigV4Signer) -> String {
        let queryString = SigV4Signer.canonicalQueryString(query)
        return "\(endpoint.scheme)://\(endpoint.hostHeader)"
            + SigV4Signer.canonicalURI(path, normalize: signer.options.normalizePath)
            + (queryString.isEmpty ? "" : "?" + queryString)
    }

    /// An error answer as an ``AWSError``: `<ErrorResponse><Error><Code>` (query protocol),
    /// `<Response><Errors><Error>` (EC2) or `<Error><Code>` (S3); a body-less answer (HEAD) is named
    /// after its status.
    static func error(status: Int, headers: HTTPResponseHead, body: Data, service: AWSService,
                      action: String) -> AWSError {
        let document = body.isEmpty ? nil : try? XMLElement.parse(body)
        let error = document?.first("Error")
        let requestID = document.flatMap { $0.first("RequestId") ?? $0.first("RequestID") }?.text
            ?? Self.requestID(headers)
        let retryAfter = headers.header("x-amz-retry-after").flatMap { Double($0) }.map { $0 / 1000 }
        if let code = error?.child("Code")?.text, !code.isEmpty {
            return AWSError(code: code, message: error?.child("Message")?.text ?? "", requestID: requestID,
                            httpStatus: status, service: service, action: action, retryAfter: retryAfter)
        }
        let code: String
        switch status {
        case 300..<400:
            // A HEAD's redirect has no body: the headers say where to go.
            let region = headers.header("x-amz-bucket-region")
            let location = headers.header("Location")
            let text = region.map { "the bucket is in \($0)" } ?? location.map { "moved to \($0)" } ?? ""
            return AWSError(code: status == 301 && region != nil ? "PermanentRedirect" : AWSError.redirect, message: text,
                            requestID: requestID, httpStatus: status, service: service, action: action)
        case 403: code = "Forbidden"
        case 404: code = "NotFound"
        default: code = "HTTP\(status)"
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return AWSError(code: code, message: text, requestID: requestID, httpStatus: status,
                        service: service, action: action, retryAfter: retryAfter)
    }

    static func requestID(_ head: HTTPResponseHead) -> String? {
        head.header("x-amzn-RequestId") ?? head.header("x-amz-request-id")
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// One AWS API call before signing.
struct AWSCall: Sendable {
    var service: AWSService
    var action: String
    var method: String
    /// S3: the bucket, placed in the host or the path as the endpoint requires.
    var bucket: String?
    /// The decoded path after the bucket (`/key`), or `/`.
    var path: String
    var query: [(name: String, value: String)] = []
    var headers: [(name: String, value: String)] = []
    var body: Data?
    /// S3 streamed upload: sign `UNSIGNED-PAYLOAD` instead of the body's hash.
    var unsignedPayload = false
    var timeout: Duration?
    /// Named in errors: `s3://bucket/key`.
    var resource: String?

    init(service: AWSService, action: String, method: String, bucket: String? = nil, path: String,
         query: [(name: String, value: String)] = [], headers: [(name: String, value: String)] = [],
         body: Data? = nil, unsignedPayload: Bool = false, timeout: Duration? = nil, resource: String? = nil) {
        self.resource = resource
        self.service = service
        self.action = action
        self.method = method
        self.bucket = bucket
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.unsignedPayload = unsignedPayload
        self.timeout = timeout
    }
}
