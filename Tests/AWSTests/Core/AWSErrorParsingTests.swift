import Foundation
import Testing
@testable import AWS

/// Error answers of every shape AWS uses, turned into ``AWSError``s (pure).
@Suite struct AWSErrorParsingTests {
    func parse(_ status: Int, _ body: String, headers: [(name: String, value: String)] = [],
               service: AWSService = .s3, action: String = "GetObject") -> AWSError {
        AWSClient.error(status: status, headers: HTTPResponseHead(status: status, headers: headers),
                        body: Data(body.utf8), service: service, action: action)
    }

    @Test func s3Shape() {
        let error = parse(404, """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>\
            <BucketName>nope</BucketName><RequestId>4442587FB7D0A2F9</RequestId></Error>
            """, action: "ListObjectsV2")
        #expect(error == AWSError(code: "NoSuchBucket", message: "The specified bucket does not exist",
                                  requestID: "4442587FB7D0A2F9", httpStatus: 404, service: .s3, action: "ListObjectsV2"))
        #expect(error.description == "S3 ListObjectsV2 failed: NoSuchBucket: The specified bucket does not exist (HTTP 404, request id 4442587FB7D0A2F9). The bucket does not exist: check the s3:// URI (and the region, [AWS] REGION / AWS_REGION)")
    }

    @Test func queryShape() {
        let error = parse(403, """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>\
            <Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message>\
            </Error><RequestId>c6104cbe</RequestId></ErrorResponse>
            """, service: .sts, action: "GetCallerIdentity")
        #expect(error.code == "InvalidClientTokenId")
        #expect(error.requestID == "c6104cbe")
        #expect(error.description == "STS GetCallerIdentity failed: InvalidClientTokenId: The security token included in the request is invalid. (HTTP 403, request id c6104cbe). AWS does not know this access key: check AWS_ACCESS_KEY_ID / the profile / [AWS] KEY in dwh.cfg")
    }

    @Test func ec2Shape() {
        let error = parse(400, """
            <Response><Errors><Error><Code>InvalidPermission.Duplicate</Code><Message>the specified rule already exists</Message></Error></Errors><RequestID>59dbff89</RequestID></Response>
            """, service: .ec2, action: "AuthorizeSecurityGroupIngress")
        #expect(error.code == "InvalidPermission.Duplicate")
        #expect(error.requestID == "59dbff89")
    }

    @Test func bodilessAnswerIsNamedByStatusWithTheHeaderRequestID() {
        let error = parse(404, "", headers: [("x-amz-request-id", "HEAD1")], action: "HeadObject")
        #expect(error == AWSError(code: "NotFound", message: "", requestID: "HEAD1", httpStatus: 404,
                                  service: .s3, action: "HeadObject"))
        #expect(parse(403, "").code == "Forbidden")
        #expect(parse(502, "<html>Bad Gateway</html>").code == "HTTP502")
        #expect(parse(502, "<html>Bad Gateway</html>").message == "<html>Bad Gateway</html>")
    }

    @Test func signatureAndAccessHintsSayWhatToCheck() {
        #expect(parse(403, "<Error><Code>SignatureDoesNotMatch</Code><Message>m</Message></Error>").hint?
            .hasPrefix("The secret key does not match the access key") == true)
        #expect(parse(403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>").hint?
            .hasPrefix("These credentials may not do this") == true)
        #expect(parse(403, "<Error><Code>InvalidAccessKeyId</Code><Message>m</Message></Error>").hint?
            .hasPrefix("AWS does not know this access key") == true)
    }
}
