@testable import AWS
import Config
import Foundation
import Testing
import TestSupport

/// `credential_process`: the command split as a shell would (but run without one), its JSON read into
/// secrets, and errors that never repeat what the process printed on standard output.
@Suite struct CredentialProcessTests {
    @Test func commandLinesSplitLikeAShellReadsThem() throws {
        #expect(try CredentialProcess.words("/usr/local/bin/helper --role ops", profile: "p") == ["/usr/local/bin/helper", "--role", "ops"])
        #expect(try CredentialProcess.words(#"helper 'two words' "a \"quoted\" \x" back\ slash"#, profile: "p")
            == ["helper", "two words", #"a "quoted" \x"#, "back slash"])
        #expect(try CredentialProcess.words("helper ''  x", profile: "p") == ["helper", "", "x"])
        #expect(throws: AWSError.self) { try CredentialProcess.words("helper 'open", profile: "p") }
        #expect(throws: AWSError.self) { try CredentialProcess.words("   ", profile: "p") }
    }

    @Test func readsVersionOneOutput() throws {
        let output = #"{"Version": 1, "AccessKeyId": "ASIAPROC", "SecretAccessKey": "proc-secret", "SessionToken": "proc-token", "Expiration": "2026-12-01T22:00:00Z"}"#
        let credentials = try CredentialProcess.credentials(from: Data(output.utf8), profile: "ops")
        #expect(credentials == AWSCredentials(accessKeyID: "ASIAPROC", secretAccessKey: Secret("proc-secret"), sessionToken: Secret("proc-token"),
                                              source: "profile ops (credential_process)", expiration: Date(timeIntervalSince1970: 1_796_162_400)))
        let offset = #"{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "s", "Expiration": "2026-12-01T23:00:00+01:00"}"#
        #expect(try CredentialProcess.credentials(from: Data(offset.utf8), profile: "ops").expiration == Date(timeIntervalSince1970: 1_796_162_400))
        let longLived = #"{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "s"}"#
        #expect(try CredentialProcess.credentials(from: Data(longLived.utf8), profile: "ops").expiration == nil)
    }

    @Test func badOutputNamesTheFieldButNeverAValue() throws {
        let cases = [
            (#"not json proc-secret"#, "profile ops's credential_process: its output is not a JSON object (expected {\"Version\": 1, \"AccessKeyId\": …, \"SecretAccessKey\": …})"),
            (#"{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "proc-secret"}"#, "profile ops's credential_process: its output's Version is not 1 (the only version the AWS CLI defines)"),
            (#"{"Version": 1, "SecretAccessKey": "proc-secret"}"#, "profile ops's credential_process: its output has no AccessKeyId"),
            (#"{"Version": 1, "AccessKeyId": "A"}"#, "profile ops's credential_process: its output has no SecretAccessKey"),
        ]
        for (output, message) in cases {
            do {
                _ = try CredentialProcess.credentials(from: Data(output.utf8), profile: "ops")
                Issue.record("accepted \(output)")
            } catch {
                #expect(error.message == message)
                #expect(!error.description.contains("proc-secret"))
            }
        }
    }

    @Test func runsAScriptAndReportsItsFailureWithItsStandardError() async throws {
        let directory = try TemporaryDirectory.make("credproc")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let good = directory + "/good.sh", bad = directory + "/bad.sh"
        try "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"ASIA'\"$1\"'\", \"SecretAccessKey\": \"proc-secret\"}'\n"
            .write(toFile: good, atomically: true, encoding: .utf8)
        try "#!/bin/sh\necho 'proc-secret' \necho 'token expired, log in again' >&2\nexit 3\n".write(toFile: bad, atomically: true, encoding: .utf8)
        for path in [good, bad] { try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path) }

        let credentials = try await CredentialProcess(command: "\(good) FROMARG", profile: "ops").credentials()
        #expect(credentials.accessKeyID == "ASIAFROMARG")
        #expect(credentials.secretAccessKey.reveal() == "proc-secret")

        do {
            _ = try await CredentialProcess(command: bad, profile: "ops").credentials()
            Issue.record("a failing process gave credentials")
        } catch {
            #expect(error.message == "profile ops's credential_process: \(bad) exited with status 3: token expired, log in again")
        }
    }
}
