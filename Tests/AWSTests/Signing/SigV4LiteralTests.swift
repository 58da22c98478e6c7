import Config
import Foundation
import Testing
@testable import AWS

/// A few cases of the official suite written out, so a clone without ../shared still tests the signer.
@Suite struct SigV4LiteralTests {
    static let date = Date(timeIntervalSince1970: 1_440_938_160) // 2015-08-30T12:36:00Z
    static let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE",
                                            secretAccessKey: Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                            source: "suite")
    static let host = [(name: "Host", value: "example.amazonaws.com")]

    func signer(_ options: SigV4Signer.Options = .query, token: String? = nil) -> SigV4Signer {
        var credentials = Self.credentials
        credentials.sessionToken = token.map(Secret.init)
        return SigV4Signer(credentials: credentials, region: "us-east-1", service: "service", options: options)
    }

    @Test func getVanillaHeaderForm() {
        let signed = signer().signHeaders(SigningRequest(method: "GET", path: "/", headers: Self.host,
                                                         payloadHash: SigV4Signer.emptyPayloadHash), date: Self.date)
        #expect(signed.canonicalRequest == """
            GET
            /

            host:example.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signed.stringToSign == """
            AWS4-HMAC-SHA256
            20150830T123600Z
            20150830/us-east-1/service/aws4_request
            bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63
            """)
        #expect(signed.signature == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        #expect(signed.authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    @Test func getVanillaQueryForm() {
        let signed = signer().presign(SigningRequest(method: "GET", path: "/", headers: Self.host,
                                                     payloadHash: SigV4Signer.emptyPayloadHash),
                                      date: Self.date, expires: 3600)
        #expect(signed.canonicalRequest == """
            GET
            /
            X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host
            host:example.amazonaws.com

            host
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signed.signature == "e93c787ed7f371d5c6b165c1b38ede9550f4dce4144713e844b25b7192d3865d")
        #expect(signed.query.last?.name == "X-Amz-Signature")
    }

    @Test func sessionTokenIsSigned() {
        let token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"
        let signed = signer(token: token).signHeaders(
            SigningRequest(method: "GET", path: "/", headers: Self.host, payloadHash: SigV4Signer.emptyPayloadHash),
            date: Self.date)
        #expect(signed.signature == "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8")
        #expect(signed.addedHeaders.contains { $0.name == "X-Amz-Security-Token" && $0.value == token })
    }

    @Test func signedBodyHashHeader() {
        let body = Data("Param1=value1".utf8)
        let request = SigningRequest(method: "POST", path: "/", headers: [
            ("Content-Type", "application/x-www-form-urlencoded"), ("Host", "example.amazonaws.com"),
            ("Content-Length", "13"),
        ], payloadHash: SigV4Signer.hexSHA256(body))
        let signed = signer(.init(contentSHA256Header: true)).signHeaders(request, date: Self.date)
        #expect(signed.authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date, Signature=d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b")
    }

    @Test func unnormalizedPathIsTakenLiterally() {
        let request = SigningRequest(method: "GET", path: "/example space/", headers: Self.host,
                                     payloadHash: SigV4Signer.emptyPayloadHash)
        let literal = signer(.init(normalizePath: false)).signHeaders(request, date: Self.date)
        #expect(literal.canonicalRequest.split(separator: "\n")[1] == "/example%20space/")
        #expect(literal.signature == "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741")
        let dotted = SigningRequest(method: "GET", path: "/example1/example2/../..", headers: Self.host,
                                    payloadHash: SigV4Signer.emptyPayloadHash)
        #expect(signer(.init(normalizePath: false)).signHeaders(dotted, date: Self.date).signature
            == "dc33e0856fd4baca4d7aa2146c38958283844764f38c74252a333df5e613003b")
    }

    @Test(arguments: [
        (0.0, "19700101T000000Z"), (1_440_938_160, "20150830T123600Z"), (951_782_400, "20000229T000000Z"),
        (1_709_251_199, "20240229T235959Z"), (4_102_444_800, "21000101T000000Z"),
    ]) func amzTimestamp(_ seconds: Double, _ expected: String) {
        #expect(AMZDate(Date(timeIntervalSince1970: seconds)).timestamp == expected)
    }
}
