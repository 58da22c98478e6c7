import Foundation

/// Where the AWS credentials come from, as resolved from the environment, the `~/.aws` files and
/// dwh.cfg. The AWS module turns it into a provider its client asks before each request, so temporary
/// credentials (credential_process, AssumeRole) are fetched again before they expire.
public indirect enum CredentialSource: Sendable, Equatable, CustomStringConvertible {
    /// Keys known now (environment, a profile's static keys, dwh.cfg `[AWS]`).
    case keys(AWSCredentials)
    /// A profile's `credential_process`: a command whose standard output is the credentials' JSON.
    case process(command: String, profile: String)
    /// A profile's `role_arn`: STS AssumeRole, signed with the credentials of `source`.
    case assumeRole(AssumeRoleSpec)

    /// "profile ops (assume-role)", "environment" — what status lines name after the identity.
    public var label: String {
        switch self {
        case .keys(let credentials): return credentials.source
        case .process(_, let profile): return "profile \(profile) (credential_process)"
        case .assumeRole(let role): return "profile \(role.profile) (assume-role)"
        }
    }

    /// Never the secrets: only the source's label.
    public var description: String { label }
}

/// What a `role_arn` profile asks of STS AssumeRole.
public struct AssumeRoleSpec: Sendable, Equatable {
    public var roleARN: String
    /// `role_session_name`, else "sparkify": the last part of the assumed role's ARN.
    public var sessionName: String
    /// `duration_seconds`, else 3600 (the AWS CLI's default).
    public var durationSeconds: Int
    /// `external_id`, when the role's trust policy asks for one.
    public var externalID: String?
    /// The profile that names the role.
    public var profile: String
    /// The credentials that sign the AssumeRole call (`source_profile`, `credential_source`).
    public var source: CredentialSource

    public init(roleARN: String, sessionName: String = "sparkify", durationSeconds: Int = 3600,
                externalID: String? = nil, profile: String, source: CredentialSource) {
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.durationSeconds = durationSeconds
        self.externalID = externalID
        self.profile = profile
        self.source = source
    }
}
