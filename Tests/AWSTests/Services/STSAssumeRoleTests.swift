@testable import AWS
import Config
import Foundation
import Testing

/// AssumeRole for a `role_arn` profile: the request, the answer's credentials, and against moto a
/// client whose every request is signed with the role's credentials.
@Suite struct STSAssumeRoleTests {
    // The example of AssumeRole in the STS API Reference (session token shortened).
    static let sample = """
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <AssumedRoleUser>
              <Arn>arn:aws:sts::123456789012:assumed-role/demo/TestAR</Arn>
              <AssumedRoleId>ARO123EXAMPLE123:TestAR</AssumedRoleId>
            </AssumedRoleUser>
            <Credentials>
              <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
              <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
              <SessionToken>
               AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQW
              </SessionToken>
              <Expiration>2019-11-09T13:34:41Z</Expiration>
            </Credentials>
            <PackedPolicySize>6</PackedPolicySize>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """

    static let base = CredentialSource.keys(AWSCredentials(accessKeyID: "testing", secretAccessKey: Secret("testing"), source: "profile base"))

    @Test func requestCarriesRoleSessionDurationAndExternalID() {
        let role = AssumeRoleSpec(roleARN: "arn:aws:iam::123456789012:role/Ops", durationSeconds: 900, externalID: "team-42",
                                  profile: "ops", source: Self.base)
        let request = STSClient.assumeRoleRequest(role)
        #expect(request.action == "AssumeRole")
        #expect(request.parameters.map { "\($0.0)=\($0.1)" } == [
            "RoleArn=arn:aws:iam::123456789012:role/Ops", "RoleSessionName=sparkify", "DurationSeconds=900", "ExternalId=team-42",
        ])
        let plain = STSClient.assumeRoleRequest(AssumeRoleSpec(roleARN: "arn:aws:iam::1:role/R", profile: "p", source: Self.base))
        #expect(plain["ExternalId"] == nil)
        #expect(plain["DurationSeconds"] == "3600")
    }

    @Test func parsesTheAPIReferenceSampleIntoSecrets() throws {
        let result = try parseXML(Self.sample).queryResult("AssumeRole")
        let credentials = try STSClient.roleCredentials(in: result, source: "profile ops (assume-role)")
        #expect(credentials.accessKeyID == "ASIAIOSFODNN7EXAMPLE")
        #expect(credentials.secretAccessKey.reveal() == "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY")
        #expect(credentials.sessionToken?.reveal() == "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQW")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_573_306_481))
        #expect(credentials.source == "profile ops (assume-role)")
        // Printing the credentials never shows the secret parts.
        #expect(!"\(credentials)".contains("wJalrXUtnFEMI"))
        #expect(!"\(credentials)".contains("AQoDYXdzEPT"))
    }

    @Test func aRoleProfileSignsEveryCallWithTheRolesCredentialsOnMoto() async throws {
        let moto = try await MotoFixture.settings()
        let role = AssumeRoleSpec(roleARN: "arn:aws:iam::123456789012:role/Ops", profile: "ops", source: Self.base)
        let records = Recorder<AWSCallRecord>()
        let aws = AWSClient(settings: AWSSettings(credentialSource: .assumeRole(role), region: moto.region, endpoint: moto.endpoint),
                            observer: records.append)
        let sts = STSClient(aws)
        #expect(try await sts.identityLine() == "arn:aws:sts::123456789012:assumed-role/Ops/sparkify via profile ops (assume-role)")
        _ = try await sts.callerIdentity()
        // One AssumeRole serves both calls: the role's credentials last an hour.
        #expect(records.all.map(\.action) == ["AssumeRole", "GetCallerIdentity", "GetCallerIdentity"])
        let held = try await aws.credentials?.credentials()
        #expect(held?.accessKeyID.hasPrefix("ASIA") == true)
        #expect(held?.expiration != nil)
    }
}
