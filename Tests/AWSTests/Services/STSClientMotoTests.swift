@testable import AWS
import Testing

@Suite struct STSClientMotoTests {
    @Test func callerIdentityNamesMotosAccount() async throws {
        let (aws, records) = try await motoClient()
        let identity = try await STSClient(aws).callerIdentity()
        #expect(identity.account == "123456789012")
        #expect(identity.arn.hasPrefix("arn:aws:sts::123456789012:"))
        #expect(records.all.map(\.action) == ["GetCallerIdentity"])
    }
}
