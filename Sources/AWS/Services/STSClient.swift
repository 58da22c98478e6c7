import Config
import Foundation

/// Who the credentials belong to (GetCallerIdentity): the first call of `iac`, so bad credentials fail
/// early with AWS's own code (InvalidClientTokenId, ExpiredToken…); and a role's temporary
/// credentials (AssumeRole) for a `role_arn` profile.
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

    /// "arn:aws:sts::…:assumed-role/Ops/sparkify via profile ops (assume-role)": who AWS says the
    /// credentials are, and where they came from.
    public func identityLine() async throws(AWSError) -> String {
        let arn = try await callerIdentity().arn
        return aws.credentials.map { "\(arn) via \($0.label)" } ?? arn
    }

    /// AssumeRole for `role`: its ARN, session name and duration, and the external ID when it has one.
    public static func assumeRoleRequest(_ role: AssumeRoleSpec) -> QueryRequest {
        var parameters = [("RoleArn", role.roleARN), ("RoleSessionName", role.sessionName),
                          ("DurationSeconds", String(role.durationSeconds))]
        if let externalID = role.externalID { parameters.append(("ExternalId", externalID)) }
        return QueryRequest(service: .sts, action: "AssumeRole", version: version, parameters: parameters)
    }

    /// The role's credentials from `<AssumeRoleResult>`; the secret parts are ``Secret``s from the start.
    public static func roleCredentials(in result: XMLElement, source: String) throws(AWSError) -> AWSCredentials {
        guard let credentials = result.child("Credentials") else { throw AWSError.incomplete(.sts, "AssumeRole", missing: "Credentials") }
        let expiration = try credentials.required("Expiration", .sts, "AssumeRole")
        guard let expires = ExpirationTime.parse(expiration) else {
            throw AWSError(code: AWSError.malformedResponse, message: "Expiration '\(expiration)' is not an ISO 8601 time",
                           service: .sts, action: "AssumeRole")
        }
        return AWSCredentials(accessKeyID: try credentials.required("AccessKeyId", .sts, "AssumeRole"),
                              secretAccessKey: Secret(try credentials.required("SecretAccessKey", .sts, "AssumeRole")),
                              sessionToken: Secret(try credentials.required("SessionToken", .sts, "AssumeRole")),
                              source: source, expiration: expires)
    }

    /// The role's temporary credentials, labelled with where the role was named ("profile ops (assume-role)").
    public func assumeRole(_ role: AssumeRoleSpec) async throws(AWSError) -> AWSCredentials {
        try Self.roleCredentials(in: try await aws.perform(Self.assumeRoleRequest(role)),
                                 source: CredentialSource.assumeRole(role).label)
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
