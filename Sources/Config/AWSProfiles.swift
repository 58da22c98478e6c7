/// The profiles of `~/.aws/config` and `~/.aws/credentials` together, and the credential source a
/// profile names, decided as the AWS CLI (botocore) decides it. Within a profile, first match wins:
/// 1. `role_arn` → STS AssumeRole, signed with `source_profile`'s credentials (or `credential_source =
///    Environment`); `mfa_serial` there is a usage error (sparkify cannot prompt for a code);
/// 2. `sso_session` / `sso_start_url` → a usage error naming `aws sso login`;
/// 3. static keys in the credentials file;
/// 4. `credential_process`;
/// 5. static keys in the config file.
/// A key in the credentials file overrides the same key in the config file's profile. Pure: the files'
/// text and the environment in, a decision out.
public struct AWSProfiles: Sendable {
    public var config: AWSProfileFile?
    public var credentials: AWSProfileFile?

    public init(config: AWSProfileFile?, credentials: AWSProfileFile?) {
        self.config = config
        self.credentials = credentials
    }

    /// Whether either file has the profile.
    public func has(_ profile: String) -> Bool { config?[profile] != nil || credentials?[profile] != nil }

    /// A setting of the profile, the credentials file's first.
    public func value(_ profile: String, _ key: String) -> String? {
        (credentials?[profile]?[key] ?? config?[profile]?[key]).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The profile's `region`.
    public func region(_ profile: String) -> String? { value(profile, "region") }

    /// The credentials the profile names; nil when it names none. `environment` serves
    /// `credential_source = Environment`.
    public func credentialSource(_ profile: String, environment: [String: String]) throws(ConfigError) -> CredentialSource? {
        try source(profile, environment: environment, visited: [])
    }

    private func source(_ profile: String, environment: [String: String], visited: [String]) throws(ConfigError) -> CredentialSource? {
        if let roleARN = value(profile, "role_arn") {
            return try assumeRole(profile, roleARN: roleARN, environment: environment, visited: visited + [profile])
        }
        if value(profile, "sso_session") != nil || value(profile, "sso_start_url") != nil {
            let key = value(profile, "sso_session") != nil ? "sso_session" : "sso_start_url"
            throw .invalid(location: location(profile, key), value: value(profile, key) ?? "",
                           reason: "an SSO profile needs a browser login sparkify cannot do: run `aws sso login\(Self.option(profile))`, "
                               + "then `eval \"$(aws configure export-credentials\(Self.option(profile)) --format env)\"` and run sparkify again in that shell")
        }
        if let keys = staticKeys(credentials?[profile], profile) { return .keys(keys) }
        if let command = value(profile, "credential_process") { return .process(command: command, profile: profile) }
        return staticKeys(config?[profile], profile).map(CredentialSource.keys)
    }

    private func assumeRole(_ profile: String, roleARN: String, environment: [String: String],
                            visited: [String]) throws(ConfigError) -> CredentialSource {
        if let serial = value(profile, "mfa_serial") {
            throw .invalid(location: location(profile, "mfa_serial"), value: serial,
                           reason: "this role asks for an MFA code, which sparkify cannot prompt for: get temporary credentials with "
                               + "`aws sts get-session-token --serial-number \(serial) --token-code CODE` (or "
                               + "`eval \"$(aws configure export-credentials\(Self.option(profile)) --format env)\"`) and export "
                               + "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN")
        }
        var duration = 3600
        if let text = value(profile, "duration_seconds") {
            guard let seconds = Int(text), (900...43_200).contains(seconds) else {
                throw .invalid(location: location(profile, "duration_seconds"), value: text,
                               reason: "expected whole seconds from 900 to 43200 (15 minutes to 12 hours)")
            }
            duration = seconds
        }
        let source: CredentialSource
        if let sourceProfile = value(profile, "source_profile") {
            source = try roleSource(sourceProfile, of: profile, environment: environment, visited: visited)
        } else if let named = value(profile, "credential_source") {
            guard named == "Environment" else {
                throw .invalid(location: location(profile, "credential_source"), value: named,
                               reason: "sparkify supports only Environment here (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY): use source_profile instead")
            }
            guard let keys = AWSSettings.environmentKeys(environment) else {
                throw .missing(location: "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY",
                               hint: "profile \(profile) has credential_source = Environment; export them, or use source_profile")
            }
            source = .keys(keys)
        } else {
            throw .missing(location: location(profile, "source_profile"),
                           hint: "role_arn needs source_profile = a profile whose credentials may assume the role")
        }
        return .assumeRole(AssumeRoleSpec(roleARN: roleARN, sessionName: value(profile, "role_session_name") ?? "sparkify",
                                          durationSeconds: duration, externalID: value(profile, "external_id"),
                                          profile: profile, source: source))
    }

    /// `source_profile`'s credentials; a profile that names itself uses its own static keys (the CLI's rule).
    private func roleSource(_ sourceProfile: String, of profile: String, environment: [String: String],
                            visited: [String]) throws(ConfigError) -> CredentialSource {
        guard has(sourceProfile) else {
            throw .missing(location: "profile \(sourceProfile)",
                           hint: "\(location(profile, "source_profile")) names it, but neither \(files) has it")
        }
        if sourceProfile == profile || visited.contains(sourceProfile) {
            let keys = staticKeys(credentials?[sourceProfile], sourceProfile) ?? staticKeys(config?[sourceProfile], sourceProfile)
            guard let keys else {
                throw .invalid(location: location(profile, "source_profile"), value: sourceProfile,
                               reason: "the profiles' source_profile settings go round in a circle (\((visited + [sourceProfile]).joined(separator: " → "))) "
                                   + "and \(sourceProfile) has no static keys to start from")
            }
            return .keys(keys)
        }
        guard let source = try source(sourceProfile, environment: environment, visited: visited) else {
            throw .missing(location: "credentials of profile \(sourceProfile)",
                           hint: "\(location(profile, "source_profile")) names it: give it aws_access_key_id and aws_secret_access_key, or credential_process")
        }
        return source
    }

    private func staticKeys(_ settings: [String: String]?, _ profile: String) -> AWSCredentials? {
        guard let key = settings?["aws_access_key_id"], !key.isEmpty,
              let secret = settings?["aws_secret_access_key"], !secret.isEmpty else { return nil }
        let token = settings?["aws_session_token"].flatMap { $0.isEmpty ? nil : Secret($0) }
        return AWSCredentials(accessKeyID: key, secretAccessKey: Secret(secret), sessionToken: token, source: "profile \(profile)")
    }

    /// "/home/op/.aws/config [profile ops] role_arn": where a setting is, for messages.
    func location(_ profile: String, _ key: String) -> String {
        if let credentials, credentials[profile]?[key] != nil { return "\(credentials.source) [\(profile)] \(key)" }
        let header = profile == "default" ? "default" : "profile \(profile)"
        return "\(config?.source ?? "~/.aws/config") [\(header)] \(key)"
    }

    private var files: String {
        [config?.source, credentials?.source].compactMap { $0 }.joined(separator: " nor ")
    }

    /// " --profile ops" (nothing for the default profile), for the commands a message suggests.
    static func option(_ profile: String) -> String { profile == "default" ? "" : " --profile \(profile)" }
}
