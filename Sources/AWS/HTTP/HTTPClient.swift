import Foundation

/// HTTP over libcurl: many transfers at once on one thread of its own (see ``CurlLoop``), connections
/// reused between requests, response bodies streamed with back-pressure, TLS always verified. Task
/// cancellation aborts the transfer. Create one per process (or per ``AWSClient``) and share it.
public final class HTTPClient: Sendable {
    public struct Configuration: Sendable {
        /// Limit for establishing a connection (TCP + TLS).
        public var connectTimeout: Duration
        /// A transfer that moves no byte for this long fails (a paused download does not count).
        public var stallTimeout: Duration
        /// Idle connections kept for reuse.
        public var maxCachedConnections: Int

        public init(connectTimeout: Duration = .seconds(10), stallTimeout: Duration = .seconds(60),
                    maxCachedConnections: Int = 64) {
            self.connectTimeout = connectTimeout
            self.stallTimeout = stallTimeout
            self.maxCachedConnections = maxCachedConnections
        }
    }

    public let configuration: Configuration
    private let loop: CurlLoop

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        loop = CurlLoop(maxConnections: configuration.maxCachedConnections)
    }

    /// Transfers already started finish; then the loop's thread ends.
    deinit { loop.send(.shutdown) }

    /// Sends the request and returns once the status line and headers are in; the body follows.
    public func stream(_ request: HTTPRequest) async throws(HTTPError) -> HTTPStreamingResponse {
        if Task.isCancelled { throw .cancelled }
        let transfer = try Transfer(request, configuration: configuration, loop: loop)
        guard loop.send(.add(transfer)) else {
            throw HTTPError(kind: .invalidRequest, message: "the HTTP client has shut down")
        }
        switch await transfer.head() {
        case .success(let head):
            return HTTPStreamingResponse(head: head, body: HTTPBody(transfer), reconnects: transfer.reconnects)
        case .failure(var error):
            error.reconnects = transfer.reconnects
            throw error
        }
    }

    /// Sends the request and reads the whole response.
    public func execute(_ request: HTTPRequest, bodyLimit: Int = 64 << 20) async throws(HTTPError) -> HTTPResponse {
        let response = try await stream(request)
        return HTTPResponse(head: response.head, body: try await response.body.collect(limit: bodyLimit))
    }
}
