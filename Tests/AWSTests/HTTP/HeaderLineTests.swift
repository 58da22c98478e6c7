import Testing
@testable import AWS

@Suite struct HeaderLineTests {
    func parse(_ text: String) -> HeaderLine {
        Array(text.utf8).withUnsafeBytes { HeaderLine($0) }
    }

    @Test func splitsTheLinesOfAResponseHead() {
        #expect(parse("HTTP/1.1 200 OK\r\n") == .status(200))
        #expect(parse("HTTP/2 404\r\n") == .status(404))
        #expect(parse("HTTP/1.1 100 Continue\r\n") == .status(100))
        #expect(parse("x-amz-request-id:  4442587FB7D0A2F9 \t\r\n") == .field(name: "x-amz-request-id", value: "4442587FB7D0A2F9"))
        #expect(parse("ETag: \"a:b\"\r\n") == .field(name: "ETag", value: "\"a:b\""))
        #expect(parse("Empty:\r\n") == .field(name: "Empty", value: ""))
        #expect(parse("\r\n") == .end)
        #expect(parse("no colon\r\n") == .other)
    }

    @Test func headerNamesCompareCaseInsensitively() {
        let head = HTTPResponseHead(status: 200, headers: [("Content-Length", "5"), ("X-Amz-Request-Id", "R")])
        #expect(head.header("content-length") == "5")
        #expect(head.header("x-amz-request-id") == "R")
        #expect(head.header("content-lengt") == nil)
        #expect(head.header("Content-Length ") == nil)
    }
}
