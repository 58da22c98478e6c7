/// A failed AWS call: the AWS error code and message, the request id to quote to AWS support, the
/// HTTP status — or, for failures before AWS answered, one of the local codes below. Its description
/// says what to do about the common cases.
public struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The AWS error code (`NoSuchBucket`, `EntityAlreadyExists`, …) or a local code.
    public var code: String
    public var message: String
    public var requestID: String?
    /// nil when no response arrived.
    public var httpStatus: Int?
    public var service: AWSService
    public var action: String
    /// What the call was about, when that helps: `s3://bucket/key`, a role name.
    public var resource: String?
    /// Seconds AWS asked the caller to wait before trying again (`x-amz-retry-after`, sent in ms).
    public var retryAfter: Double?

    public init(code: String, message: String, requestID: String? = nil, httpStatus: Int? = nil,
                service: AWSService, action: String, resource: String? = nil, retryAfter: Double? = nil) {
        self.resource = resource
        self.retryAfter = retryAfter
        self.code = code
        self.message = message
        self.requestID = requestID
        self.httpStatus = httpStatus
        self.service = service
        self.action = action
    }

    // Local codes, for failures that are not an AWS answer.
    /// No connection, a timeout, a broken transfer (message: libcurl's reason).
    public static let networkFailure = "NetworkFailure"
    /// The caller's task was cancelled.
    public static let cancelled = "RequestCancelled"
    /// No credentials were configured.
    public static let missingCredentials = "MissingCredentials"
    /// The response could not be understood.
    public static let malformedResponse = "MalformedResponse"
    /// A body that ended (or broke) before its Content-Length, or ran past it.
    public static let incompleteBody = "IncompleteBody"
    /// A 3xx answer the client does not follow.
    public static let redirect = "Redirect"

    public var isCancellation: Bool { code == Self.cancelled }

    /// "S3 ListObjectsV2 failed: NoSuchBucket: The specified bucket does not exist (HTTP 404, request
    /// id 4442587FB7D0A2F9). The bucket does not exist: …"
    public var description: String {
        var text = "\(service.displayName) \(action)" + (resource.map { " " + $0 } ?? "") + " failed: \(code)"
        if !message.isEmpty { text += ": \(message)" }
        var details: [String] = []
        if let httpStatus { details.append("HTTP \(httpStatus)") }
        if let requestID { details.append("request id \(requestID)") }
        if !details.isEmpty { text += " (\(details.joined(separator: ", ")))" }
        if let hint { text += ". " + hint }
        return text
    }

    /// What the operator can do, for the codes people meet most.
    public var hint: String? {
        switch code {
        case "InvalidClientTokenId", "InvalidAccessKeyId", "UnrecognizedClientException", "AuthFailure":
            return "AWS does not know this access key: check AWS_ACCESS_KEY_ID / the profile / [AWS] KEY in dwh.cfg"
        case "RequestTimeTooSkewed":
            return Self.clockHint
        case "SignatureDoesNotMatch" where Self.mentionsClockSkew(message):
            return Self.clockHint
        case "SignatureDoesNotMatch":
            return "The secret key does not match the access key: check AWS_SECRET_ACCESS_KEY / the profile / [AWS] SECRET (and the machine's clock)"
        case "ExpiredToken", "ExpiredTokenException", "RequestExpired":
            return "The session token has expired (or the machine's clock is off): get fresh credentials"
        case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "Forbidden":
            return "These credentials may not do this: ask for the permission (for reading the data: s3:ListBucket and s3:GetObject)"
        case "NoSuchBucket":
            return "The bucket does not exist: check the s3:// URI (and the region, [AWS] REGION / AWS_REGION)"
        case "NoSuchKey", "NotFound":
            return "No object at that key: check the s3:// URI"
        case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException":
            return "The bucket is in another region: set AWS_REGION or [AWS] REGION to the bucket's region"
        case Self.redirect, "TemporaryRedirect":
            return "S3 sent the request elsewhere: check the endpoint ([AWS] ENDPOINT / AWS_ENDPOINT_URL) and the bucket's region"
        case Self.incompleteBody:
            return "The download kept breaking off: check the network (or the proxy) and retry"
        case Self.missingCredentials:
            return "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a ~/.aws/credentials profile, or [AWS] KEY and SECRET in dwh.cfg"
        case Self.networkFailure:
            return "Check the endpoint ([AWS] ENDPOINT / AWS_ENDPOINT_URL; for the sandbox: `sparkify sandbox status`) and the network"
        default:
            return nil
        }
    }

    static let clockHint = "This machine's clock is off: set it right (enable NTP, e.g. `timedatectl set-ntp true`) and retry; AWS refuses requests more than 15 minutes away from its time"

    /// SigV4 errors whose message is about time rather than keys ("Signature expired: … is now earlier
    /// than …", "Signature not yet current").
    static func mentionsClockSkew(_ message: String) -> Bool {
        ["Signature expired", "Signature not yet current", "skew", "RequestTimeTooSkewed"].contains { message.contains($0) }
    }
}
