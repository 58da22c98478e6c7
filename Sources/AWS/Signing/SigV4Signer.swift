import Config
import Crypto
import Foundation

/// The parts of an HTTP request that AWS Signature Version 4 covers.
public struct SigningRequest: Sendable {
    public var method: String
    /// The decoded path (`/bucket/a key.json`); the signer percent-encodes it.
    public var path: String
    /// Decoded query parameters, in any order.
    public var query: [(name: String, value: String)]
    /// The headers to sign, `Host` included, in sending order; a repeated name is combined as AWS does.
    public var headers: [(name: String, value: String)]
    /// Hex SHA-256 of the body, or ``SigV4Signer/unsignedPayload``.
    public var payloadHash: String

    public init(method: String, path: String, query: [(name: String, value: String)] = [],
                headers: [(name: String, value: String)], payloadHash: String) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }
}

/// What signing produced: the extra headers (or query parameters) to send, and the intermediate
/// strings, which tests compare with the official vectors and which help when AWS answers
/// SignatureDoesNotMatch.
public struct SignedRequest: Sendable {
    /// Header form: headers to add to the request (`X-Amz-Date`, `Authorization`, …).
    /// Query form: empty.
    public var addedHeaders: [(name: String, value: String)]
    /// Query form: the complete query to send (the request's own parameters plus the `X-Amz-*` ones).
    /// Header form: the request's own parameters.
    public var query: [(name: String, value: String)]
    public var canonicalRequest: String
    public var stringToSign: String
    public var signature: String

    /// `Authorization` header value (header form).
    public var authorization: String? { addedHeaders.first { $0.name == "Authorization" }?.value }
}

/// AWS Signature Version 4, pure: the date is a parameter and nothing here does I/O. The four steps
/// (canonical request, string to sign, signing key, signature) are separate functions so each can be
/// tested against the official suite.
public struct SigV4Signer: Sendable {
    /// Choices that differ between services.
    public struct Options: Sendable {
        /// Remove `.`/`..` segments and repeated slashes from the path before signing (every service but
        /// S3, whose keys are taken literally).
        public var normalizePath: Bool
        /// Send the payload hash as `x-amz-content-sha256` and sign it (S3 requires it).
        public var contentSHA256Header: Bool
        /// Add the session token after signing instead of signing it (a few services want that).
        public var omitSessionTokenFromSignature: Bool

        public init(normalizePath: Bool = true, contentSHA256Header: Bool = false,
                    omitSessionTokenFromSignature: Bool = false) {
            self.normalizePath = normalizePath
            self.contentSHA256Header = contentSHA256Header
            self.omitSessionTokenFromSignature = omitSessionTokenFromSignature
        }

        /// IAM, EC2, Redshift, STS.
        public static let query = Options()
        /// S3: literal keys, `x-amz-content-sha256`.
        public static let s3 = Options(normalizePath: false, contentSHA256Header: true)
    }

    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The payload hash of a body that is streamed rather than hashed (S3 only).
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// SHA-256 of the empty body.
    public static let emptyPayloadHash = hexSHA256(Data())

    public var credentials: AWSCredentials
    public var region: String
    /// The signing name, which is also how moto routes a request: `s3`, `iam`, `ec2`, `redshift`, `sts`.
    public var service: String
    public var options: Options

    public init(credentials: AWSCredentials, region: String, service: String, options: Options = .query) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options
    }

    // MARK: Signing

    /// Header form: returns the headers to add (`X-Amz-Date`, `X-Amz-Security-Token`,
    /// `x-amz-content-sha256` when the options say so, `Authorization`).
    public func signHeaders(_ request: SigningRequest, date: Date) -> SignedRequest {
        let amzDate = AMZDate(date)
        var added: [(name: String, value: String)] = [("X-Amz-Date", amzDate.timestamp)]
        if options.contentSHA256Header { added.append(("x-amz-content-sha256", request.payloadHash)) }
        let token = credentials.sessionToken?.reveal()
        if let token, !options.omitSessionTokenFromSignature { added.append(("X-Amz-Security-Token", token)) }

        let headers = Self.canonicalHeaders(request.headers + added)
        let canonical = Self.canonicalRequest(method: request.method,
                                              uri: Self.canonicalURI(request.path, normalize: options.normalizePath),
                                              query: Self.canonicalQueryString(request.query),
                                              headers: headers, payloadHash: request.payloadHash)
        let toSign = Self.stringToSign(canonicalRequest: canonical, date: amzDate, scope: scope(amzDate))
        let signature = Self.signature(stringToSign: toSign, key: signingKey(amzDate))
        added.append(("Authorization", "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope(amzDate)), "
                      + "SignedHeaders=\(headers.signed), Signature=\(signature)"))
        if let token, options.omitSessionTokenFromSignature { added.append(("X-Amz-Security-Token", token)) }
        return SignedRequest(addedHeaders: added, query: request.query, canonicalRequest: canonical,
                             stringToSign: toSign, signature: signature)
    }

    /// Query form (a presigned URL valid for `expires` seconds): returns the full query to send.
    public func presign(_ request: SigningRequest, date: Date, expires: Int) -> SignedRequest {
        let amzDate = AMZDate(date)
        let headers = Self.canonicalHeaders(request.headers)
        var query = request.query
        query.append(("X-Amz-Algorithm", Self.algorithm))
        query.append(("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope(amzDate))"))
        query.append(("X-Amz-Date", amzDate.timestamp))
        query.append(("X-Amz-Expires", String(expires)))
        query.append(("X-Amz-SignedHeaders", headers.signed))
        let token = credentials.sessionToken?.reveal()
        if let token, !options.omitSessionTokenFromSignature { query.append(("X-Amz-Security-Token", token)) }

        let canonical = Self.canonicalRequest(method: request.method,
                                              uri: Self.canonicalURI(request.path, normalize: options.normalizePath),
                                              query: Self.canonicalQueryString(query),
                                              headers: headers, payloadHash: request.payloadHash)
        let toSign = Self.stringToSign(canonicalRequest: canonical, date: amzDate, scope: scope(amzDate))
        let signature = Self.signature(stringToSign: toSign, key: signingKey(amzDate))
        query.append(("X-Amz-Signature", signature))
        if let token, options.omitSessionTokenFromSignature { query.append(("X-Amz-Security-Token", token)) }
        return SignedRequest(addedHeaders: [], query: query, canonicalRequest: canonical,
                             stringToSign: toSign, signature: signature)
    }

    // MARK: The four steps

    /// `day/region/service/aws4_request`
    func scope(_ date: AMZDate) -> String { "\(date.day)/\(region)/\(service)/aws4_request" }

    /// Step 1: method, URI, query, headers, signed header names and payload hash, one per line.
    static func canonicalRequest(method: String, uri: String, query: String,
                                 headers: (block: String, signed: String), payloadHash: String) -> String {
        [method, uri, query, headers.block, headers.signed, payloadHash].joined(separator: "\n")
    }

    /// Step 2: algorithm, timestamp, scope and the canonical request's hash.
    static func stringToSign(canonicalRequest: String, date: AMZDate, scope: String) -> String {
        [algorithm, date.timestamp, scope, hexSHA256(Data(canonicalRequest.utf8))].joined(separator: "\n")
    }

    /// Step 3: the key derived from the secret for one day, region and service.
    func signingKey(_ date: AMZDate) -> SymmetricKey {
        Self.signingKey(secret: credentials.secretAccessKey, day: date.day, region: region, service: service)
    }

    static func signingKey(secret: Secret, day: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data(("AWS4" + secret.reveal()).utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// Step 4: hex HMAC of the string to sign.
    static func signature(stringToSign: String, key: SymmetricKey) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    // MARK: Canonical pieces

    /// The path, normalized (RFC 3986 dot segments, no empty segments) when asked, then encoded once.
    static func canonicalURI(_ path: String, normalize: Bool) -> String {
        guard normalize else { return path.isEmpty ? "/" : URIEncoding.encode(path, keepSlash: true) }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        let trailingSlash = !segments.isEmpty && path.hasSuffix("/")
        let joined = "/" + segments.joined(separator: "/") + (trailingSlash ? "/" : "")
        return URIEncoding.encode(joined, keepSlash: true)
    }

    /// Parameters encoded, then sorted by name and value (byte order of the encoded text).
    static func canonicalQueryString(_ query: [(name: String, value: String)]) -> String {
        let encoded: [(name: String, value: String)] = query.map {
            (URIEncoding.encode($0.name), URIEncoding.encode($0.value))
        }
        let sorted = encoded.sorted { (a, b) -> Bool in a.name == b.name ? a.value < b.value : a.name < b.name }
        return sorted.map { $0.name + "=" + $0.value }.joined(separator: "&")
    }

    /// Lower-cased names sorted; values trimmed with inner runs of whitespace folded to one space;
    /// repeated names joined with commas in sending order.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (block: String, signed: String) {
        var values: [String: [String]] = [:]
        for header in headers {
            values[header.name.lowercased(), default: []].append(foldWhitespace(header.value))
        }
        let names = values.keys.sorted()
        let block = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
        return (block, names.joined(separator: ";"))
    }

    private static func foldWhitespace(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .joined(separator: " ")
    }

    // MARK: Hashing

    /// Lower-case hex SHA-256, the form SigV4 uses for payload hashes.
    public static func hexSHA256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
