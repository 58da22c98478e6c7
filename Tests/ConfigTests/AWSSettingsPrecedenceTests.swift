import Foundation
import Testing
@testable import Config

/// The AWS CLI's order across sources: environment keys, then the profile (`AWS_PROFILE`, else
/// `default`) from the files `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` name (`~` is `$HOME`),
/// then dwh.cfg `[AWS]`.
@Suite struct AWSSettingsPrecedenceTests {
    let dwh = try! DWHConfig(file: INIFile(parsing: "[AWS]\nKEY=AKIDFILE\nSECRET=file-secret\nREGION=ap-south-1\n", source: "dwh.cfg"))

    /// A home directory whose `.aws/config` is `config`.
    func home(config: String, credentials: String? = nil) throws -> String {
        let dir = NSTemporaryDirectory() + "sparkify-home-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/.aws", withIntermediateDirectories: true)
        try config.write(toFile: dir + "/.aws/config", atomically: true, encoding: .utf8)
        try credentials?.write(toFile: dir + "/.aws/credentials", atomically: true, encoding: .utf8)
        return dir
    }

    static let roleConfig = """
        [profile ops]
        role_arn = arn:aws:iam::123456789012:role/Ops
        source_profile = base
        region = eu-central-1
        [profile base]
        aws_access_key_id = AKIDBASE
        aws_secret_access_key = base-secret
        """

    @Test func homeComesFromTheEnvironment() throws {
        let home = try home(config: Self.roleConfig)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let settings = try AWSSettings.resolve(config: nil, environment: ["HOME": home, "AWS_PROFILE": "ops"])
        #expect(settings.credentialSource?.label == "profile ops (assume-role)")
        #expect(settings.region == "eu-central-1")
        // Only static keys are known without asking anyone.
        #expect(settings.credentials == nil)
    }

    @Test func environmentKeysBeatTheProfileEvenWhenAWSProfileIsSet() throws {
        let home = try home(config: Self.roleConfig)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let settings = try AWSSettings.resolve(config: dwh, environment: [
            "HOME": home, "AWS_PROFILE": "ops", "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret",
        ])
        #expect(settings.credentialSource?.label == "environment")
        // The region still comes from the profile.
        #expect(settings.region == "eu-central-1")
    }

    /// The sandbox's profile names moto's endpoint and keys: an operator's SSO default profile (an exit-2
    /// error on its own) and their environment keys are not used against the emulator.
    @Test func anEmulatorsOwnKeysComeBeforeTheOperatorsCredentials() throws {
        let home = try home(config: "[default]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = Dev\n")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let sandbox = try DWHConfig(file: INIFile(parsing: "[AWS]\nKEY=testing\nSECRET=testing\nENDPOINT=http://127.0.0.1:5000\n",
                                                  source: "sandbox.cfg"))
        let settings = try AWSSettings.resolve(config: sandbox, environment: [
            "HOME": home, "AWS_ACCESS_KEY_ID": "AKIDREAL", "AWS_SECRET_ACCESS_KEY": "real-secret",
        ])
        #expect(settings.credentials?.accessKeyID == "testing")
        #expect(settings.credentialSource?.label == "sandbox.cfg [AWS]")
        // Without its own endpoint, dwh.cfg's keys stay the last resort.
        let real = try AWSSettings.resolve(config: dwh, environment: [
            "HOME": home, "AWS_ACCESS_KEY_ID": "AKIDREAL", "AWS_SECRET_ACCESS_KEY": "real-secret",
        ])
        #expect(real.credentials?.accessKeyID == "AKIDREAL")
    }

    @Test func theDefaultProfileBeatsDWHConfigWhichIsTheLastResort() throws {
        let home = try home(config: "[default]\ncredential_process = /bin/echo {}\n")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let fromDefault = try AWSSettings.resolve(config: dwh, environment: ["HOME": home])
        #expect(fromDefault.credentialSource == .process(command: "/bin/echo {}", profile: "default"))
        // A default profile without credentials leaves dwh.cfg's keys, and dwh.cfg's region.
        let regionOnly = try self.home(config: "[default]\noutput = json\n")
        defer { try? FileManager.default.removeItem(atPath: regionOnly) }
        let fromFile = try AWSSettings.resolve(config: dwh, environment: ["HOME": regionOnly])
        #expect(fromFile.credentialSource?.label == "dwh.cfg [AWS]")
        #expect(fromFile.region == "ap-south-1")
    }

    @Test func fileVariablesNameOtherFilesWithTildeAsHome() throws {
        let home = try home(config: "")
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home + "/elsewhere", withIntermediateDirectories: true)
        try "[profile team]\nregion = sa-east-1\n".write(toFile: home + "/elsewhere/cfg", atomically: true, encoding: .utf8)
        try "[team]\naws_access_key_id = AKIDTEAM\naws_secret_access_key = team-secret\n"
            .write(toFile: home + "/elsewhere/creds", atomically: true, encoding: .utf8)
        let settings = try AWSSettings.resolve(config: nil, environment: [
            "HOME": home, "AWS_PROFILE": "team", "AWS_CONFIG_FILE": "~/elsewhere/cfg",
            "AWS_SHARED_CREDENTIALS_FILE": home + "/elsewhere/creds",
        ])
        #expect(settings.credentials?.accessKeyID == "AKIDTEAM")
        #expect(settings.region == "sa-east-1")
    }

    @Test func aNamedProfileThatDoesNotExistNamesBothFiles() throws {
        #expect(throws: ConfigError.missing(location: "profile nope",
                                            hint: "AWS_PROFILE names a profile that neither /h/.aws/config nor /h/.aws/credentials has")) {
            try AWSSettings.resolve(config: dwh, environment: ["HOME": "/h", "AWS_PROFILE": "nope"])
        }
    }

    @Test func anSSODefaultProfileIsAUsageErrorNotASilentFallBack() throws {
        let home = try home(config: "[default]\nsso_session = corp\n")
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(throws: ConfigError.self) { try AWSSettings.resolve(config: dwh, environment: ["HOME": home]) }
    }
}
