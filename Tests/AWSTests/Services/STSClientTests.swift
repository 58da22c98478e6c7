@testable import AWS
import Testing

@Suite struct STSClientTests {
    // Example 1 of GetCallerIdentity in the STS API Reference.
    static let sample = """
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <GetCallerIdentityResult>
          <Arn>arn:aws:iam::123456789012:user/Alice</Arn>
          <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
          <Account>123456789012</Account>
          </GetCallerIdentityResult>
          <ResponseMetadata>
            <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
          </ResponseMetadata>
        </GetCallerIdentityResponse>
        """

    @Test func requestHasNoParameters() {
        let request = STSClient.getCallerIdentityRequest()
        #expect(request.service == .sts)
        #expect(request.action == "GetCallerIdentity")
        #expect(request.version == "2011-06-15")
        #expect(request.parameters.isEmpty)
    }

    @Test func parsesTheAPIReferenceSample() throws {
        let identity = try STSClient.identity(in: try parseXML(Self.sample).queryResult("GetCallerIdentity"))
        #expect(identity == CallerIdentity(account: "123456789012", arn: "arn:aws:iam::123456789012:user/Alice",
                                           userID: "AIDACKCEVSQ6C2EXAMPLE"))
    }
}
