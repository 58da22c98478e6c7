import Foundation

/// One HTTP request as the AWS layer builds it. The URL is sent exactly as given (already encoded).
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    /// Sent in this order. `Host` may be given to pin what was signed.
    public var headers: [(name: String, value: String)]
    public var body: Data?
    /// Whole-transfer limit; nil for streamed downloads, which rely on the client's stall timeout.
    public var timeout: Duration?

    public init(method: String, url: String, headers: [(name: String, value: String)] = [],
                body: Data? = nil, timeout: Duration? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// Status line and headers of a response.
public struct HTTPResponseHead: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]

    public init(status: Int, headers: [(name: String, value: String)]) {
        self.status = status
        self.headers = headers
    }

    /// The first header of that name, compared case-insensitively (ASCII, as header names are).
    public func header(_ name: String) -> String? {
        headers.first { Self.sameName($0.name, name) }?.value
    }

    private static func sameName(_ a: String, _ b: String) -> Bool {
        func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
        return a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { lower($0) == lower($1) }
    }
}

/// A response whose body has been read completely.
public struct HTTPResponse: Sendable {
    public var head: HTTPResponseHead
    public var body: Data
}

/// A response whose body arrives as it is read (see ``HTTPBody``).
public struct HTTPStreamingResponse: Sendable {
    public var head: HTTPResponseHead
    public var body: HTTPBody
    /// Times libcurl re-sent the request on a fresh connection before this answer came.
    public var reconnects = 0
}
