/// A transfer that failed below HTTP: no connection, a timeout, TLS, a broken stream, or cancellation.
/// (An HTTP error status is not an `HTTPError`: it is a response.)
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No connection could be made (refused, unreachable, DNS).
        case connect
        /// The connect timeout, the whole-request timeout or the stall timeout expired.
        case timeout
        /// Certificate or handshake failure: never retried, never bypassed.
        case tls
        /// The connection broke while sending or receiving.
        case transport
        /// The caller's task was cancelled or the body was abandoned.
        case cancelled
        /// The request could not be set up (bad URL, out of memory).
        case invalidRequest
    }

    public var kind: Kind
    /// libcurl's explanation, with the URL's host.
    public var message: String
    /// The `CURLcode`, when libcurl reported one.
    public var curlCode: Int?
    /// Times libcurl re-sent the request on a fresh connection before giving up.
    public var reconnects = 0

    public init(kind: Kind, message: String, curlCode: Int? = nil) {
        self.kind = kind
        self.message = message
        self.curlCode = curlCode
    }

    /// Connection failures and timeouts may succeed on another attempt.
    public var isRetryable: Bool { kind == .connect || kind == .timeout || kind == .transport }

    static let cancelled = HTTPError(kind: .cancelled, message: "cancelled")

    public var description: String { message }
}
