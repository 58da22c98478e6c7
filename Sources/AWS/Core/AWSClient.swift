import Config
import Foundation

/// Talks to AWS (or to one emulator endpoint): resolves endpoints, signs each attempt with SigV4,
/// retries as the SDKs' standard mode does, turns error answers into ``AWSError`` and reports every
/// attempt to the observer. Service clients (``S3Client``, IAM, EC2, Redshift, STS) are thin layers
/// over ``query(service:action:version:parameters:)`` and ``send(_:)``.
public final class AWSClient: Sendable {
    public let settings: AWSSettings
    public let retry: RetryPolicy
    /// The transport; pass it to other clients to share connections.
    public let http: HTTPClient
    private let observer: @Sendable (AWSCallRecord) -> Void
    /// The signing clock; tests pass a fixed date.
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - observer: called once per attempt (from any thread), e.g. to feed the log panel.
    ///   - http: share one ``HTTPClient`` between clients to share its connections.
    public init(settings: AWSSettings, observer: @escaping @Sendable (AWSCallRecord) -> Void = { _ in },
                retry: RetryPolicy = .standard, http: HTTPClient = HTTPClient(),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
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
        let response = try await send(call)
        return try parse(await collect(response, call), call)
    }

    // MARK: Any call

    /// Sends a call with retries. Returns once a successful (2xx/3xx) status line and headers are in,
    /// so large bodies can be streamed; error answers are read and thrown as ``AWSError``.
    func send(_ call: AWSCall) async throws(AWSError) -> HTTPStreamingResponse {
        let (endpoint, signer) = try route(call)
        var attempt = 0
        while true {
            attempt += 1
            let request = Self.signedRequest(call, endpoint: endpoint, signer: signer, date: now())
            switch await self.attempt(request, call, number: attempt) {
            case .success(let response):
                return response
            case .failure(var failed):
                failed.error.resource = call.resource
                if failed.error.isCancellation || failed.failure == .final || attempt >= retry.maxAttempts {
                    throw failed.error
                }
                let delay = retry.delay(afterAttempt: attempt, failure: failed.failure, random: Double.random(in: 0..<1))
                do { try await Task.sleep(for: delay) } catch {
                    throw AWSError(code: AWSError.cancelled, message: "cancelled", service: call.service,
                                   action: call.action, resource: call.resource)
                }
            }
        }
    }

    /// Where the call goes and the signer for it.
    private func route(_ call: AWSCall) throws(AWSError) -> (AWSEndpoint, SigV4Signer) {
        guard let credentials = settings.credentials else {
            throw AWSError(code: AWSError.missingCredentials, message: "no AWS credentials are configured",
                           service: call.service, action: call.action, resource: call.resource)
        }
        let endpoint = try AWSEndpoint.resolve(service: call.service, region: settings.region,
                                               custom: settings.endpoint, bucket: call.bucket)
        return (endpoint, SigV4Signer(credentials: credentials, region: endpoint.signingRegion,
                                      service: call.service.rawValue, options: call.service.signingOptions))
    }

    private struct FailedAttempt: Error {
        var error: AWSError
        var failure: RetryPolicy.Failure
    }

    /// One try: the response if its status is below 400, else the error and whether to retry it.
    private func attempt(_ request: HTTPRequest, _ call: AWSCall, number: Int) async -> Result<HTTPStreamingResponse, FailedAttempt> {
        let started = ContinuousClock.now
        let error: AWSError
        let failure: RetryPolicy.Failure
        var latency: Double { Self.seconds(ContinuousClock.now - started) }
        do {
            let response = try await http.stream(request)
            let elapsed = latency
            if response.head.status < 400 {
                observer(AWSCallRecord(service: call.service, action: call.action, httpStatus: response.head.status,
                                       requestID: Self.requestID(response.head), latency: elapsed, attempt: number,
                                       errorCode: nil))
                return .success(response)
            }
            let body = (try? await response.body.collect(limit: 1 << 20)) ?? Data()
            error = Self.error(status: response.head.status, headers: response.head, body: body,
                               service: call.service, action: call.action)
            failure = RetryPolicy.classify(status: error.httpStatus, code: error.code)
            observer(AWSCallRecord(service: call.service, action: call.action, httpStatus: error.httpStatus,
                                   requestID: error.requestID, latency: elapsed, attempt: number, errorCode: error.code))
        } catch {
            let code = error.kind == .cancelled ? AWSError.cancelled : AWSError.networkFailure
            failure = RetryPolicy.classify(status: nil, code: nil, retryableTransport: error.isRetryable)
            let tries = number > 1 ? " (attempt \(number))" : ""
            observer(AWSCallRecord(service: call.service, action: call.action, httpStatus: nil, requestID: nil,
                                   latency: latency, attempt: number, errorCode: code))
            return .failure(FailedAttempt(error: AWSError(code: code, message: error.message + tries,
                                                          service: call.service, action: call.action),
                                          failure: failure))
        }
        return .failure(FailedAttempt(error: error, failure: failure))
    }

    /// Reads a (small) successful body.
    func collect(_ response: HTTPStreamingResponse, _ call: AWSCall) async throws(AWSError) -> Data {
        do { return try await response.body.collect() } catch {
            throw AWSError(code: error.kind == .cancelled ? AWSError.cancelled : AWSError.networkFailure,
                           message: error.message, requestID: Self.requestID(response.head),
                           httpStatus: response.head.status, service: call.service, action: call.action,
                           resource: call.resource)
        }
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
    func presignedURL(_ call: AWSCall, expires: Int) throws(AWSError) -> String {
        let (endpoint, signer) = try route(call)
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
        let document = try? XMLElement.parse(body)
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

    private static func seconds(_ duration: Duration) -> Double {
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
