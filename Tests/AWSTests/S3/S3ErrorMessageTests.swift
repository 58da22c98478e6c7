import Config
import Foundation
import Testing
@testable import AWS

/// Credential and permission failures as S3 sends them (moto does not enforce either), end to end
/// through the client: the operator reads the code, the request id and what to check.
@Suite struct S3ErrorMessageTests {
    @Test(arguments: [
        ("AccessDenied", "Access Denied", "These credentials may not do this"),
        ("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", "AWS does not know this access key"),
        ("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.", "The secret key does not match the access key"),
    ]) func credentialErrorsAreClear(_ code: String, _ message: String, _ hint: String) async throws {
        let server = try await LoopbackServer.start(.script, answers: [
            (403, [("x-amz-request-id", "R3Q")], "<Error><Code>\(code)</Code><Message>\(message)</Message><RequestId>R3Q</RequestId></Error>"),
        ])
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: Secret("s"), source: "test")
        let s3 = S3Client(client: AWSClient(settings: AWSSettings(credentials: credentials, region: "us-west-2",
                                                                  endpoint: server.baseURL)))
        let error = await #expect(throws: AWSError.self) {
            for try await _ in s3.listObjects(bucket: "udacity-dend", prefix: "song_data/") {}
        }
        #expect(error?.description.hasPrefix("S3 ListObjectsV2 s3://udacity-dend/song_data/ failed: \(code): \(message) (HTTP 403, request id R3Q). \(hint)") == true)
        #expect(try server.recorded().count == 1, "a 403 is not retried")
    }
}
