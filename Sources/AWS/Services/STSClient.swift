/// Who the credentials belong to (GetCallerIdentity): the first call of `iac`, so bad credentials fail
/// early with AWS's own code (InvalidClientTokenId, ExpiredToken…).
public struct STSClient: Sendable {
    public static let version = "2011-06-15"

    let aws: AWSClient

    public init(_ aws: AWSClient) { self.aws = aws }

    public static func getCallerIdentityRequest() -> QueryRequest {
        QueryRequest(service: .sts, action: "GetCallerIdentity", version: version)
    }

    public static func identity(in result: XMLElement) throws(AWSError) -> CallerIdentity {
        CallerIdentity(account: try result.required("Account", .sts, "GetCallerIdentity"),
                       arn: try result.required("Arn", .sts, "GetCallerIdentity"),
                       userID: result.value("UserId") ?? "")
    }

    public func callerIdentity() async throws(AWSError) -> CallerIdentity {
        try Self.identity(in: try await aws.perform(Self.getCallerIdentityRequest()))
    }
}

/// The account and principal behind the credentials.
public struct CallerIdentity: Sendable, Equatable {
    public var account: String
    public var arn: String
    public var userID: String

    public init(account: String, arn: String, userID: String) {
        self.account = account
        self.arn = arn
        self.userID = userID
    }
}
