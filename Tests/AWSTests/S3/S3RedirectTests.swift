import Foundation
import Testing
@testable import AWS

@Suite struct S3RedirectTests {
    @Test func theHeaderNamesTheRegion() {
        let head = HTTPResponseHead(status: 301, headers: [("x-amz-bucket-region", "us-west-2")])
        #expect(S3Redirect.bucketRegion(status: 301, head: head, body: Data()) == "us-west-2")
        #expect(S3Redirect.bucketRegion(status: 403, head: head, body: Data()) == nil)
    }

    @Test func withoutTheHeaderTheBodyDoes() {
        let none = HTTPResponseHead(status: 400, headers: [])
        let malformed = Data("<Error><Code>AuthorizationHeaderMalformed</Code><Message>the region 'us-east-1' is wrong; expecting 'us-west-2'</Message><Region>us-west-2</Region></Error>".utf8)
        #expect(S3Redirect.bucketRegion(status: 400, head: none, body: malformed) == "us-west-2")
        let redirect = Data("<Error><Code>PermanentRedirect</Code><Endpoint>udacity-dend.s3.eu-central-1.amazonaws.com</Endpoint></Error>".utf8)
        #expect(S3Redirect.bucketRegion(status: 301, head: none, body: redirect) == "eu-central-1")
        let other = Data("<Error><Code>InvalidArgument</Code><Region>us-west-2</Region></Error>".utf8)
        #expect(S3Redirect.bucketRegion(status: 400, head: none, body: other) == nil)
    }

    @Test(arguments: [
        ("udacity-dend.s3.us-west-2.amazonaws.com", "us-west-2"), ("s3-eu-west-1.amazonaws.com", "eu-west-1"),
        ("udacity-dend.s3.amazonaws.com", "us-east-1"), ("example.com", nil),
    ]) func readsRegionalHosts(_ host: String, _ region: String?) {
        #expect(S3Redirect.region(ofHost: host) == region)
    }

    @Test func aRedirectWithoutACodeIsStillAnError() {
        let head = HTTPResponseHead(status: 301, headers: [("x-amz-bucket-region", "us-west-2")])
        let error = AWSClient.error(status: 301, headers: head, body: Data(), service: .s3, action: "HeadBucket")
        #expect(error.code == "PermanentRedirect")
        #expect(error.message == "the bucket is in us-west-2")
        let moved = AWSClient.error(status: 307, headers: HTTPResponseHead(status: 307, headers: [("Location", "http://elsewhere/")]),
                                    body: Data(), service: .s3, action: "GetObject")
        #expect(moved.code == AWSError.redirect)
    }
}
