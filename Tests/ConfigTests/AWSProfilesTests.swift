import Testing
@testable import Config

/// Which credentials a profile names, decided from literal `~/.aws/config` and `~/.aws/credentials`
/// texts as the AWS CLI decides (README "Credentials").
@Suite struct AWSProfilesTests {
    func profiles(config: String? = nil, credentials: String? = nil) throws -> AWSProfiles {
        AWSProfiles(config: try config.map { try AWSProfileFile(parsing: $0, kind: .config, source: "/home/op/.aws/config") },
                    credentials: try credentials.map { try AWSProfileFile(parsing: $0, kind: .credentials, source: "/home/op/.aws/credentials") })
    }

    static let sourceKeys = """
        [base]
        aws_access_key_id = AKIDBASE
        aws_secret_access_key = base-secret
        """

    @Test func configSectionsAreDefaultAndProfileNameButCredentialsSectionsAreBareNames() throws {
        let p = try profiles(config: """
            [default]
            region = eu-west-1
            [profile Ops]
            region = us-east-2
            [sso-session corp]
            sso_region = us-east-1
            [ops-without-prefix]
            region = ap-south-1
            """, credentials: "[Ops]\nregion = eu-north-1\n")
        #expect(p.region("default") == "eu-west-1")
        // The credentials file's value overrides the config file's, as botocore merges them.
        #expect(p.region("Ops") == "eu-north-1")
        #expect(p.has("corp") == false)
        #expect(p.has("ops-without-prefix") == false)
        #expect(p.has("ops") == false)
    }

    @Test func nestedSettingsAndCommentsAreSkipped() throws {
        let file = try AWSProfileFile(parsing: """
            # a comment
            [profile ops]
            s3 =
              max_concurrent_requests = 20
            ; another
            region = us-east-1
            """, kind: .config, source: "c")
        #expect(file["ops"] == ["s3": "", "region": "us-east-1"])
    }

    @Test func aBrokenHeaderNamesFileAndLine() throws {
        #expect(throws: ConfigError.malformed(source: "c", line: 2, reason: "section header '[profile ops' must look like [profile NAME]")) {
            try AWSProfileFile(parsing: "\n[profile ops\nregion = x\n", kind: .config, source: "c")
        }
    }

    @Test func roleArnBeatsStaticKeysAndCarriesSessionDurationAndExternalID() throws {
        let p = try profiles(config: """
            [profile ops]
            role_arn = arn:aws:iam::123456789012:role/Ops
            source_profile = base
            role_session_name = night-run
            duration_seconds = 900
            external_id = team-42
            aws_access_key_id = AKIDIGNORED
            aws_secret_access_key = ignored
            """, credentials: Self.sourceKeys)
        let source = try p.credentialSource("ops", environment: [:])
        #expect(source == .assumeRole(AssumeRoleSpec(
            roleARN: "arn:aws:iam::123456789012:role/Ops", sessionName: "night-run", durationSeconds: 900,
            externalID: "team-42", profile: "ops",
            source: .keys(AWSCredentials(accessKeyID: "AKIDBASE", secretAccessKey: Secret("base-secret"), source: "profile base")))))
        #expect(source?.label == "profile ops (assume-role)")
    }

    @Test func aRoleDefaultsToSessionSparkifyForAnHour() throws {
        let p = try profiles(config: "[profile ops]\nrole_arn = arn:aws:iam::1:role/Ops\nsource_profile = base\n", credentials: Self.sourceKeys)
        guard case .assumeRole(let role) = try p.credentialSource("ops", environment: [:]) else { Issue.record("not a role"); return }
        #expect(role.sessionName == "sparkify")
        #expect(role.durationSeconds == 3600)
        #expect(role.externalID == nil)
    }

    @Test func roleChainsFollowSourceProfilesAndASelfReferenceUsesItsOwnKeys() throws {
        let p = try profiles(config: """
            [profile outer]
            role_arn = arn:aws:iam::1:role/Outer
            source_profile = inner
            [profile inner]
            role_arn = arn:aws:iam::1:role/Inner
            source_profile = inner
            """, credentials: "[inner]\naws_access_key_id = AKIDINNER\naws_secret_access_key = inner-secret\n")
        guard case .assumeRole(let outer) = try p.credentialSource("outer", environment: [:]),
              case .assumeRole(let inner) = outer.source else { Issue.record("not a chain"); return }
        #expect(inner.roleARN == "arn:aws:iam::1:role/Inner")
        #expect(inner.source == .keys(AWSCredentials(accessKeyID: "AKIDINNER", secretAccessKey: Secret("inner-secret"), source: "profile inner")))
    }

    @Test func aCircleOfSourceProfilesWithoutKeysIsAnError() throws {
        let p = try profiles(config: """
            [profile a]
            role_arn = arn:aws:iam::1:role/A
            source_profile = b
            [profile b]
            role_arn = arn:aws:iam::1:role/B
            source_profile = a
            """)
        #expect(throws: ConfigError.invalid(location: "/home/op/.aws/config [profile b] source_profile", value: "a",
                                            reason: "the profiles' source_profile settings go round in a circle (a → b → a) and a has no static keys to start from")) {
            try p.credentialSource("a", environment: [:])
        }
    }

    @Test func aRoleWithoutSourceOrWithAMissingSourceSaysWhatToAdd() throws {
        let p = try profiles(config: "[profile ops]\nrole_arn = arn:aws:iam::1:role/Ops\n[profile dangling]\nrole_arn = arn:aws:iam::1:role/D\nsource_profile = nowhere\n")
        #expect(throws: ConfigError.missing(location: "/home/op/.aws/config [profile ops] source_profile",
                                            hint: "role_arn needs source_profile = a profile whose credentials may assume the role")) {
            try p.credentialSource("ops", environment: [:])
        }
        #expect(throws: ConfigError.missing(location: "profile nowhere",
                                            hint: "/home/op/.aws/config [profile dangling] source_profile names it, but neither /home/op/.aws/config has it")) {
            try p.credentialSource("dangling", environment: [:])
        }
    }

    @Test func credentialSourceEnvironmentSignsWithTheEnvironmentKeys() throws {
        let p = try profiles(config: "[profile ops]\nrole_arn = arn:aws:iam::1:role/Ops\ncredential_source = Environment\n")
        guard case .assumeRole(let role) = try p.credentialSource("ops", environment: ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env"]) else {
            Issue.record("not a role"); return
        }
        #expect(role.source == .keys(AWSCredentials(accessKeyID: "AKIDENV", secretAccessKey: Secret("env"), source: "environment")))
        let ec2 = try profiles(config: "[profile ops]\nrole_arn = arn:aws:iam::1:role/Ops\ncredential_source = Ec2InstanceMetadata\n")
        #expect(throws: ConfigError.self) { try ec2.credentialSource("ops", environment: [:]) }
    }

    @Test func mfaOnARoleNamesGetSessionToken() throws {
        let p = try profiles(config: """
            [profile admin]
            role_arn = arn:aws:iam::1:role/Admin
            source_profile = base
            mfa_serial = arn:aws:iam::1:mfa/op
            """, credentials: Self.sourceKeys)
        #expect(throws: ConfigError.invalid(
            location: "/home/op/.aws/config [profile admin] mfa_serial", value: "arn:aws:iam::1:mfa/op",
            reason: "this role asks for an MFA code, which sparkify cannot prompt for: get temporary credentials with "
                + "`aws sts get-session-token --serial-number arn:aws:iam::1:mfa/op --token-code CODE` (or "
                + "`eval \"$(aws configure export-credentials --profile admin --format env)\"`) and export "
                + "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN")) {
            try p.credentialSource("admin", environment: [:])
        }
    }

    @Test func ssoProfilesNameSSOLoginAndExportCredentials() throws {
        let p = try profiles(config: """
            [profile dev]
            sso_session = corp
            sso_account_id = 123456789012
            sso_role_name = Dev
            [default]
            sso_start_url = https://corp.awsapps.com/start
            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            """)
        #expect(throws: ConfigError.invalid(
            location: "/home/op/.aws/config [profile dev] sso_session", value: "corp",
            reason: "an SSO profile needs a browser login sparkify cannot do: run `aws sso login --profile dev`, "
                + "then `eval \"$(aws configure export-credentials --profile dev --format env)\"` and run sparkify again in that shell")) {
            try p.credentialSource("dev", environment: [:])
        }
        #expect(throws: ConfigError.invalid(
            location: "/home/op/.aws/config [default] sso_start_url", value: "https://corp.awsapps.com/start",
            reason: "an SSO profile needs a browser login sparkify cannot do: run `aws sso login`, "
                + "then `eval \"$(aws configure export-credentials --format env)\"` and run sparkify again in that shell")) {
            try p.credentialSource("default", environment: [:])
        }
    }

    @Test func credentialsFileKeysBeatCredentialProcessWhichBeatsConfigFileKeys() throws {
        let config = """
            [profile ops]
            credential_process = /usr/local/bin/vault-aws --role ops
            aws_access_key_id = AKIDCONFIG
            aws_secret_access_key = config-secret
            """
        let withFileKeys = try profiles(config: config, credentials: "[ops]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n")
        #expect(try withFileKeys.credentialSource("ops", environment: [:])
            == .keys(AWSCredentials(accessKeyID: "AKIDFILE", secretAccessKey: Secret("file-secret"), source: "profile ops")))
        let processOnly = try profiles(config: config)
        #expect(try processOnly.credentialSource("ops", environment: [:])
            == .process(command: "/usr/local/bin/vault-aws --role ops", profile: "ops"))
        #expect(try processOnly.credentialSource("ops", environment: [:])?.label == "profile ops (credential_process)")
        let keysOnly = try profiles(config: "[profile ops]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = config-secret\n")
        #expect(try keysOnly.credentialSource("ops", environment: [:])
            == .keys(AWSCredentials(accessKeyID: "AKIDCONFIG", secretAccessKey: Secret("config-secret"), source: "profile ops")))
    }

    @Test func aProfileWithOnlyARegionNamesNoCredentials() throws {
        let p = try profiles(config: "[profile ops]\nregion = us-east-1\n")
        #expect(try p.credentialSource("ops", environment: [:]) == nil)
        #expect(try p.credentialSource("absent", environment: [:]) == nil)
    }

    @Test func aBadDurationNamesTheRange() throws {
        let p = try profiles(config: "[profile ops]\nrole_arn = arn:aws:iam::1:role/Ops\nsource_profile = base\nduration_seconds = 60\n", credentials: Self.sourceKeys)
        #expect(throws: ConfigError.invalid(location: "/home/op/.aws/config [profile ops] duration_seconds", value: "60",
                                            reason: "expected whole seconds from 900 to 43200 (15 minutes to 12 hours)")) {
            try p.credentialSource("ops", environment: [:])
        }
    }
}
