import Foundation

/// Credentials for signing. The secret parts are ``Secret``s.
public struct AWSCredentials: Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: Secret
    public var sessionToken: Secret?
    /// Where they came from ("environment", "profile default", "dwh.cfg [AWS]") — for status lines.
    public var source: String

    public init(accessKeyID: String, secretAccessKey: Secret, sessionToken: Secret? = nil, source: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.source = source
    }
}

/// Everything an AWS client needs, resolved with the AWS CLI's precedence: `AWS_*` environment
/// variables, then the `~/.aws/credentials` profile (`AWS_PROFILE`, else `default`), then `[AWS]` keys
/// in dwh.cfg. Region: `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's region in `~/.aws/config`,
/// `[AWS] REGION`, else us-west-2 (where the Udacity bucket lives). Endpoint: `AWS_ENDPOINT_URL`, then
/// `[AWS] ENDPOINT`.
public struct AWSSettings: Sendable {
    public var credentials: AWSCredentials?
    public var region: String
    /// nil: the real AWS endpoints.
    public var endpoint: String?

    public init(credentials: AWSCredentials?, region: String, endpoint: String?) {
        self.credentials = credentials
        self.region = region
        self.endpoint = endpoint
    }

    public static func resolve(config: DWHConfig?,
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               home: String = NSHomeDirectory()) throws(ConfigError) -> AWSSettings {
        let env = environment.filter { !$0.value.isEmpty }
        let profile = env["AWS_PROFILE"] ?? "default"
        let credentialsPath = env["AWS_SHARED_CREDENTIALS_FILE"] ?? home + "/.aws/credentials"
        let configPath = env["AWS_CONFIG_FILE"] ?? home + "/.aws/config"

        var credentials: AWSCredentials?
        if let key = env["AWS_ACCESS_KEY_ID"], let secret = env["AWS_SECRET_ACCESS_KEY"] {
            credentials = AWSCredentials(accessKeyID: key, secretAccessKey: Secret(secret),
                                         sessionToken: env["AWS_SESSION_TOKEN"].map(Secret.init),
                                         source: "environment")
        } else if let file = try readOptional(credentialsPath),
                  let key = file[profile, "aws_access_key_id"], let secret = file[profile, "aws_secret_access_key"] {
            credentials = AWSCredentials(accessKeyID: key, secretAccessKey: Secret(secret),
                                         sessionToken: file[profile, "aws_session_token"].map(Secret.init),
                                         source: "profile \(profile)")
        } else if env["AWS_PROFILE"] != nil {
            throw .missing(location: "\(credentialsPath) [\(profile)]",
                           hint: "AWS_PROFILE names a profile with no aws_access_key_id / aws_secret_access_key")
        } else if let config, let key = config.awsKey, let secret = config.awsSecret {
            credentials = AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: config.awsToken,
                                         source: "\(config.file.source) [AWS]")
        }

        let profileSection = profile == "default" ? "default" : "profile \(profile)"
        let profileRegion = try readOptional(configPath)?[profileSection, "region"]
        let region = env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"] ?? profileRegion
            ?? config?.awsRegion ?? "us-west-2"
        let endpoint = env["AWS_ENDPOINT_URL"] ?? config?.awsEndpoint
        return AWSSettings(credentials: credentials, region: region, endpoint: endpoint)
    }

    /// The credentials, or a message that says how to provide them.
    public func requireCredentials() throws(ConfigError) -> AWSCredentials {
        guard let credentials else {
            throw .missing(location: "AWS credentials",
                           hint: "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a ~/.aws/credentials profile, or [AWS] KEY and SECRET in dwh.cfg")
        }
        return credentials
    }

    private static func readOptional(_ path: String) throws(ConfigError) -> INIFile? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return try INIFile(parsing: text, source: path)
    }
}
