import AWS
import Config
import Foundation
import Testing
import TestSupport

/// `~/.aws/config` profiles as the AWS CLI resolves them, as an operator meets them: a credential_process
/// profile and an assume-role profile each run `s3 ls` and `iac status` against moto and say who they
/// are; an SSO and an MFA profile get their messages (exit 2). No credential value appears in any output.
@Suite struct CredentialsCommandTests {
    /// An operator's machine: `~/.aws/config` and `~/.aws/credentials` in the runner's HOME, moto as the
    /// endpoint, a bucket with one object, a dwh.cfg without keys; no AWS_ACCESS_KEY_ID anywhere.
    struct Operator {
        var runner: SparkifyRunner
        var bucket: String
        var config: String
        var endpoint: String

        init(profile: String, config awsConfig: String, credentials: String = "", ownMoto: Bool = false) async throws {
            let moto = ownMoto ? try await TestServers.ownMoto() : try await TestServers.moto()
            endpoint = try #require(moto.endpoint)
            bucket = "sparkify-cred-\(UUID().uuidString.prefix(8).lowercased())"
            let s3 = S3Client(client: AWSClient(settings: moto))
            try await s3.createBucket(bucket)
            try await s3.putObject(bucket: bucket, key: "log_data/a.json", body: Data("{}".utf8))
            runner = try SparkifyRunner(environment: ["AWS_PROFILE": profile, "AWS_ENDPOINT_URL": endpoint])
            let aws = runner.directory + "/.aws"
            try FileManager.default.createDirectory(atPath: aws, withIntermediateDirectories: true)
            try awsConfig.write(toFile: aws + "/config", atomically: true, encoding: .utf8)
            try credentials.write(toFile: aws + "/credentials", atomically: true, encoding: .utf8)
            let suffix = UUID().uuidString.prefix(8).lowercased()
            config = runner.directory + "/dwh.cfg"
            try "[DWH]\nDWH_IAM_ROLE_NAME = cred-role-\(suffix)\nDWH_CLUSTER_IDENTIFIER = cred-cluster-\(suffix)\n"
                .write(toFile: config, atomically: true, encoding: .utf8)
        }

        /// `s3 ls`, `iac status` and `iac status --json`, in that order.
        func runCommands() async throws -> [SparkifyRunner.Run] {
            [try await runner.run(["s3", "ls", "s3://\(bucket)/"]),
             try await runner.run(["iac", "status", "--config", config]),
             try await runner.run(["iac", "status", "--config", config, "--json"])]
        }
    }

    /// Records an issue for each secret that appears in any run's stdout or stderr.
    static func expectNoSecret(_ secrets: [String], in runs: [SparkifyRunner.Run], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!secrets.isEmpty, sourceLocation: sourceLocation)
        for run in runs {
            for secret in secrets where run.stdout.contains(secret) || run.stderr.contains(secret) {
                Issue.record("a credential value appears in the output", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func aCredentialProcessProfileListsAndShowsItsIdentity() async throws {
        let script = FileManager.default.temporaryDirectory.path + "/sparkify-credproc-\(UUID().uuidString.prefix(8)).sh"
        defer { try? FileManager.default.removeItem(atPath: script) }
        let secret = "proc-secret-\(UUID().uuidString)", token = "proc-token-\(UUID().uuidString)"
        try """
            #!/bin/sh
            cat <<JSON
            {"Version": 1, "AccessKeyId": "ASIAPROCESS", "SecretAccessKey": "\(secret)", "SessionToken": "\(token)", "Expiration": "2099-01-01T00:00:00Z"}
            JSON
            """.write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script)
        let op = try await Operator(profile: "proc", config: "[profile proc]\nregion = us-east-1\ncredential_process = \(script) --for sparkify\n")
        defer { op.runner.remove() }

        let runs = try await op.runCommands()
        #expect(runs.map(\.status) == [0, 0, 0], "\(runs.map(\.stderr))")
        #expect(runs[0].lines == ["log_data/a.json"])
        #expect(runs[1].lines.contains("identity arn:aws:sts::123456789012:user/moto via profile proc (credential_process)"), "\(runs[1].stdout)")
        #expect(Self.jsonIdentity(runs[2]) == "arn:aws:sts::123456789012:user/moto via profile proc (credential_process)")
        Self.expectNoSecret([secret, token], in: runs)
    }

    @Test func anAssumeRoleProfileSignsWithTheRolesCredentials() async throws {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let baseSecret = "base-secret-\(UUID().uuidString)"
        let op = try await Operator(profile: "ops", config: """
            [profile ops]
            role_arn = arn:aws:iam::123456789012:role/Ops-\(suffix)
            source_profile = base
            role_session_name = sparkify-\(suffix)
            external_id = team-42
            region = us-east-1
            """, credentials: "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = \(baseSecret)\n",
            ownMoto: true)  // its STS record is read back whole
        defer { op.runner.remove() }

        let runs = try await op.runCommands()
        #expect(runs.map(\.status) == [0, 0, 0], "\(runs.map(\.stderr))")
        #expect(runs[0].lines == ["log_data/a.json"])
        #expect(runs[1].lines.contains("identity arn:aws:sts::123456789012:assumed-role/Ops-\(suffix)/sparkify-\(suffix) via profile ops (assume-role)"),
                "\(runs[1].stdout)")
        #expect(Self.jsonIdentity(runs[2]) == "arn:aws:sts::123456789012:assumed-role/Ops-\(suffix)/sparkify-\(suffix) via profile ops (assume-role)")
        // What STS handed out for this session (moto keeps it): never shown.
        let issued = try await Self.assumedRoles(op, session: "sparkify-\(suffix)")
        #expect(issued.count == 3, "one AssumeRole per command")
        #expect(issued.allSatisfy { $0["external_id"] as? String == "team-42" })
        Self.expectNoSecret([baseSecret] + issued.flatMap { [$0["secret_access_key"], $0["session_token"]].compactMap { $0 as? String } }, in: runs)
    }

    @Test func anSSOProfileIsToldToLogInAndExportTheCredentials() async throws {
        let op = try await Operator(profile: "dev", config: """
            [profile dev]
            sso_session = corp
            sso_account_id = 123456789012
            sso_role_name = Dev
            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = us-east-1
            """)
        defer { op.runner.remove() }
        for run in try await op.runCommands().prefix(2) {
            #expect(run.status == 2)
            #expect(run.stderr.contains("[profile dev] sso_session = 'corp': an SSO profile needs a browser login sparkify cannot do: "
                                        + "run `aws sso login --profile dev`, then `eval \"$(aws configure export-credentials --profile dev --format env)\"`"),
                    "\(run.stderr)")
        }
    }

    @Test func anMFAProfileIsToldToGetASessionToken() async throws {
        let baseSecret = "base-secret-\(UUID().uuidString)"
        let op = try await Operator(profile: "admin", config: """
            [profile admin]
            role_arn = arn:aws:iam::123456789012:role/Admin
            source_profile = base
            mfa_serial = arn:aws:iam::123456789012:mfa/op
            """, credentials: "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = \(baseSecret)\n")
        defer { op.runner.remove() }
        let runs = try await op.runCommands()
        for run in runs.prefix(2) {
            #expect(run.status == 2)
            #expect(run.stderr.contains("`aws sts get-session-token --serial-number arn:aws:iam::123456789012:mfa/op --token-code CODE`"), "\(run.stderr)")
        }
        Self.expectNoSecret([baseSecret], in: runs)
    }

    /// `iac status --json`: the result line's `cluster.identity`.
    static func jsonIdentity(_ run: SparkifyRunner.Run) -> String? {
        let result = SparkifyRunner.objects(run).first { $0["event"] as? String == "result" }
        return (result?["cluster"] as? [String: Any])?["identity"] as? String
    }

    /// moto's record of the roles assumed with `session` (its `/moto-api/data.json`), secrets included.
    static func assumedRoles(_ op: Operator, session: String) async throws -> [[String: Any]] {
        let fetched = try await op.runner.run(["-sf", op.endpoint + "/moto-api/data.json"], program: "/usr/bin/curl")
        #expect(fetched.status == 0)
        let all = try #require(try JSONSerialization.jsonObject(with: Data(fetched.stdout.utf8)) as? [String: Any])
        let roles = (all["sts"] as? [String: Any])?["AssumedRole"] as? [[String: Any]] ?? []
        return roles.filter { $0["session_name"] as? String == session }
    }
}
