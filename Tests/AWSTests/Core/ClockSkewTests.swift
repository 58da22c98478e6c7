import Foundation
import Testing
@testable import AWS

@Suite struct ClockSkewTests {
    @Test func saysWhichWayAndHowFar() {
        let local = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(ClockSkew.text(local: local, server: local.addingTimeInterval(1203))
            == "this machine's clock is 20 min 3 s behind AWS's")
        #expect(ClockSkew.text(local: local, server: local.addingTimeInterval(-7265))
            == "this machine's clock is 2 h 1 min 5 s ahead of AWS's")
    }

    @Test func readsS3sServerTimeElseTheDateHeader() {
        let signed = Date(timeIntervalSince1970: 1_700_000_000.6) // 2023-11-14T22:13:20.6Z, signed as 22:13:20
        let body = Data("<Error><Code>RequestTimeTooSkewed</Code><RequestTime>20231114T221320Z</RequestTime><ServerTime>2023-11-14T22:33:20Z</ServerTime></Error>".utf8)
        #expect(ClockSkew.describe(signedAt: signed, head: HTTPResponseHead(status: 403, headers: []), body: body)
            == "this machine's clock is 20 min 0 s behind AWS's")
        let head = HTTPResponseHead(status: 403, headers: [("Date", "Tue, 14 Nov 2023 22:12:20 GMT")])
        #expect(ClockSkew.describe(signedAt: signed, head: head, body: Data()) == "this machine's clock is 1 min 1 s ahead of AWS's")
    }

    @Test func theHintSaysToFixTheClock() {
        let skewed = AWSError(code: "RequestTimeTooSkewed", message: "", service: .s3, action: "GetObject")
        #expect(skewed.hint?.hasPrefix("This machine's clock is off: set it right") == true)
        let expired = AWSError(code: "SignatureDoesNotMatch", message: "Signature expired: 20231114T221320Z is now earlier than 20231114T222820Z (20231114T223320Z - 5 min.)",
                               service: .redshift, action: "DescribeClusters")
        #expect(expired.hint == skewed.hint)
        let wrongKey = AWSError(code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match", service: .s3, action: "GetObject")
        #expect(wrongKey.hint?.hasPrefix("The secret key does not match") == true)
    }
}
