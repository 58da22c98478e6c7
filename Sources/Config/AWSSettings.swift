import Foundation

/// Credentials for signing. The secret parts are ``Secret``s.
public struct AWSCredentials: Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: Secret
    public var sessionToken: Secret?
    /// Where they came from ("environment", "profile default", "dwh.cfg [AWS]") — for status lines.
    public var source: String
    /// When temporary credentials (credential_process, AssumeRole) stop working; nil: they do not expire.
    public var expiration: Date?

    public init(accessKeyID: String, secretAccessKey: Secret, sessionToken: Secret? = nil, source: String,
                expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.source = source
        self.expiration = expiration
    }
}

/// Everything an AWS client needs, resolved with the AWS CLI's precedence (README "Credentials"):
/// 1. `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`);
/// 2. the profile `AWS_PROFILE` names, else `default`, from `AWS_SHARED_CREDENTIALS_FILE` (default
///    `~/.aws/credentials`) and `AWS_CONFIG_FILE` (default `~/.aws/config`), as ``AWSProfiles`` decides;
/// 3. `[AWS] KEY` / `SECRET` in dwh.cfg — first of all when dwh.cfg also names its `[AWS] ENDPOINT`
///    (an emulator such as the sandbox's moto_server, whose keys are its own).
/// `~` is `$HOME`. Region: `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's region, `[AWS] REGION`, else
/// us-west-2 (where the Udacity bucket lives). Endpoint: `AWS_ENDPOINT_URL`, then `[AWS] ENDPOINT`.
public struct AWSSettings: Sendable {
    /// nil: no credentials anywhere.
    public var credentialSource: CredentialSource?
    public var region: String
    /// nil: the real AWS endpoints.
    public var endpoint: String?

    /// Keys known now (the sandbox's, a test's).
    public init(credentials: AWSCredentials?, region: String, endpoint: String?) {
        self.init(credentialSource: credentials.map(CredentialSource.keys), region: region, endpoint: endpoint)
    }

    public init(credentialSource: CredentialSource?, region: String, endpoint: String?) {
        self.credentialSource = credentialSource
        self.region = region
        self.endpoint = endpoint
    }

    /// The keys when they are known without asking anyone (not a credential_process or a role).
    public var credentials: AWSCredentials? {
        if case .keys(let credentials) = credentialSource { return credentials }
        return nil
    }

    /// - Parameter home: the directory `~` means; nil: `$HOME` from `environment`, as for the AWS CLI.
    public static func resolve(config: DWHConfig?,
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               home: String? = nil) throws(ConfigError) -> AWSSettings {
        let env = environment.filter { !$0.value.isEmpty }
        let home = home ?? env["HOME"] ?? NSHomeDirectory()
        let profile = env["AWS_PROFILE"] ?? "default"
        let profiles = AWSProfiles(
            config: try read(env["AWS_CONFIG_FILE"] ?? "~/.aws/config", kind: .config, home: home),
            credentials: try read(env["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials", kind: .credentials, home: home))

        var source: CredentialSource?
        let configKeys = config.flatMap { config in
            config.awsKey.flatMap { key in
                config.awsSecret.map { secret in
                    AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: config.awsToken,
                                   source: "\(config.file.source) [AWS]")
                }
            }
        }
        if let configKeys, config?.awsEndpoint != nil {
            // An emulator's own keys (dwh.cfg names its ENDPOINT and keys, as the sandbox's profile does)
            // come first: the operator's real credentials are never sent to it, and an SSO or MFA profile
            // of theirs does not stop a sandbox run.
            source = .keys(configKeys)
        } else if let keys = environmentKeys(env) {
            source = .keys(keys)
        } else if let named = try profiles.credentialSource(profile, environment: env) {
            source = named
        } else if env["AWS_PROFILE"] != nil {
            throw .missing(location: profiles.has(profile) ? "credentials of profile \(profile)" : "profile \(profile)",
                           hint: profiles.has(profile)
                               ? "AWS_PROFILE names a profile with no aws_access_key_id / aws_secret_access_key, credential_process or role_arn"
                               : "AWS_PROFILE names a profile that neither \(expand(env["AWS_CONFIG_FILE"] ?? "~/.aws/config", home: home)) nor "
                                   + "\(expand(env["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials", home: home)) has")
        } else if let configKeys {
            source = .keys(configKeys)
        }

        let region = env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"] ?? profiles.region(profile)
            ?? config?.awsRegion ?? "us-west-2"
        let endpoint = env["AWS_ENDPOINT_URL"] ?? config?.awsEndpoint
        return AWSSettings(credentialSource: source, region: region, endpoint: endpoint)
    }

    /// `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`), when both are set.
    static func environmentKeys(_ env: [String: String]) -> AWSCredentials? {
        guard let key = env["AWS_ACCESS_KEY_ID"], !key.isEmpty, let secret = env["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else { return nil }
        return AWSCredentials(accessKeyID: key, secretAccessKey: Secret(secret),
                              sessionToken: env["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : Secret($0) },
                              source: "environment")
    }

    /// Where the credentials come from, or a message that says how to provide them.
    public func requireCredentials() throws(ConfigError) -> CredentialSource {
        guard let credentialSource else {
            throw .missing(location: "AWS credentials",
                           hint: "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE (a ~/.aws profile with keys, credential_process or role_arn), or [AWS] KEY and SECRET in dwh.cfg")
        }
        return credentialSource
    }

    /// `~/…` with `home` for `~`, as the AWS CLI expands its file variables.
    static func expand(_ path: String, home: String) -> String {
        path == "~" ? home : path.hasPrefix("~/") ? home + path.dropFirst() : path
    }

    private static func read(_ path: String, kind: AWSProfileFile.Kind, home: String) throws(ConfigError) -> AWSProfileFile? {
        let path = expand(path, home: home)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return try AWSProfileFile(parsing: text, kind: kind, source: path)
    }
}
