import Foundation
import Testing
@testable import Config

@Suite struct AWSSettingsTests {
    let config = try! DWHConfig(file: INIFile(parsing: "[AWS]\nKEY=AKIDFILE\nSECRET=file-secret\nENDPOINT=http://127.0.0.1:5000\n", source: "dwh.cfg"))
    /// Keys without an endpoint of their own: the last resort (with an ENDPOINT they are an emulator's, first).
    let realConfig = try! DWHConfig(file: INIFile(parsing: "[AWS]\nKEY=AKIDFILE\nSECRET=file-secret\n", source: "dwh.cfg"))

    /// A home directory with a credentials file holding a default and a named profile.
    func home() throws -> String {
        let dir = NSTemporaryDirectory() + "sparkify-home-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/.aws", withIntermediateDirectories: true)
        try """
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = default-secret
        [team]
        aws_access_key_id = AKIDTEAM
        aws_secret_access_key = team-secret
        aws_session_token = team-token
        """.write(toFile: dir + "/.aws/credentials", atomically: true, encoding: .utf8)
        try "[profile team]\nregion = eu-west-1\n".write(toFile: dir + "/.aws/config", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func environmentBeatsProfileBeatsFile() throws {
        let home = try home()
        let fromEnv = try AWSSettings.resolve(config: realConfig, environment: [
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_REGION": "us-east-1",
        ], home: home)
        #expect(fromEnv.credentials?.accessKeyID == "AKIDENV")
        #expect(fromEnv.credentials?.source == "environment")
        #expect(fromEnv.region == "us-east-1")

        let fromProfile = try AWSSettings.resolve(config: realConfig, environment: ["AWS_PROFILE": "team"], home: home)
        #expect(fromProfile.credentials?.accessKeyID == "AKIDTEAM")
        #expect(fromProfile.credentials?.sessionToken == Secret("team-token"))
        #expect(fromProfile.region == "eu-west-1")

        let fromDefault = try AWSSettings.resolve(config: realConfig, environment: [:], home: home)
        #expect(fromDefault.credentials?.accessKeyID == "AKIDDEFAULT")

        let fromFile = try AWSSettings.resolve(config: realConfig, environment: [:], home: "/nonexistent")
        #expect(fromFile.credentials?.accessKeyID == "AKIDFILE")
        #expect(fromFile.credentials?.secretAccessKey.reveal() == "file-secret")
        #expect(fromFile.region == "us-west-2")
        #expect(fromFile.endpoint == nil)
    }

    @Test func endpointFromEnvironmentWins() throws {
        let s = try AWSSettings.resolve(config: config, environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:9"], home: "/nonexistent")
        #expect(s.endpoint == "http://127.0.0.1:9")
    }

    @Test func aMissingNamedProfileIsAClearError() throws {
        #expect(throws: ConfigError.self) {
            try AWSSettings.resolve(config: nil, environment: ["AWS_PROFILE": "nope"], home: "/nonexistent")
        }
        let none = try AWSSettings.resolve(config: nil, environment: [:], home: "/nonexistent")
        #expect(throws: ConfigError.self) { try none.requireCredentials() }
    }
}
