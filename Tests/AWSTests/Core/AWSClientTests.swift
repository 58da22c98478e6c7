import Config
import Foundation
import Synchronization
import Testing
@testable import AWS

/// The request core against a scripted loopback server: what is sent, how answers and failures become
/// results, errors and retries, and what the observer sees.
@Suite struct AWSClientTests {
    static let fastRetries = RetryPolicy(maxAttempts: 3, maxThrottledAttempts: 4, baseDelay: .milliseconds(5),
                                         throttlingBaseDelay: .milliseconds(5), maxBackoff: .milliseconds(20))

    /// A client for `endpoint` whose observer records into `records`.
    static func client(_ endpoint: String, _ records: Records = Records(), token: String? = nil) -> AWSClient {
        let credentials = AWSCredentials(accessKeyID: "AKIDTEST", secretAccessKey: Secret("secret"),
                                         sessionToken: token.map(Secret.init), source: "test")
        return AWSClient(settings: AWSSettings(credentials: credentials, region: "us-east-1", endpoint: endpoint),
                         observer: { records.append($0) }, retry: fastRetries)
    }

    final class Records: Sendable {
        private let list = Mutex<[AWSCallRecord]>([])
        func append(_ record: AWSCallRecord) { list.withLock { $0.append(record) } }
        var all: [AWSCallRecord] { list.withLock { $0 } }
    }

    @Test func queryPostsAFormSignedForTheService() async throws {
        let server = try await LoopbackServer.start(.script, answers: [
            (200, [("x-amzn-RequestId", "req-1")],
             "<GetRoleResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetRoleResult><Role><Arn>arn:aws:iam::123:role/dwhRole</Arn></Role></GetRoleResult></GetRoleResponse>"),
        ])
        let records = Records()
        let root = try await Self.client(server.baseURL, records)
            .query(service: .iam, action: "GetRole", version: "2010-05-08", parameters: [("RoleName", "dwh Role/1")])
        #expect(root.path("GetRoleResult", "Role", "Arn")?.text == "arn:aws:iam::123:role/dwhRole")

        let sent = try #require(try server.recorded().first)
        #expect(sent.method == "POST")
        #expect(sent.path == "/")
        #expect(sent.body == "Action=GetRole&Version=2010-05-08&RoleName=dwh%20Role%2F1")
        #expect(sent.header("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8")
        #expect(sent.header("Host") == "127.0.0.1:\(server.port)")
        #expect(sent.header("Authorization")?.contains("/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, ") == true)
        #expect(records.all.map(\.httpStatus) == [200])
        #expect(records.all.first?.requestID == "req-1")
        #expect(records.all.first?.action == "GetRole")
        #expect(records.all.first?.service == .iam)
    }

    @Test func queryErrorCarriesCodeMessageAndRequestIDAndIsNotRetried() async throws {
        let server = try await LoopbackServer.start(.script, answers: [
            (409, [], """
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>\
            <Code>EntityAlreadyExists</Code><Message>Role with name dwhRole already exists.</Message></Error>\
            <RequestId>4a3c</RequestId></ErrorResponse>
            """),
        ])
        let records = Records()
        let error = await #expect(throws: AWSError.self) {
            try await Self.client(server.baseURL, records).query(service: .iam, action: "CreateRole",
                                                                 version: "2010-05-08", parameters: [])
        }
        #expect(error == AWSError(code: "EntityAlreadyExists", message: "Role with name dwhRole already exists.",
                                  requestID: "4a3c", httpStatus: 409, service: .iam, action: "CreateRole"))
        #expect(error?.description == "IAM CreateRole failed: EntityAlreadyExists: Role with name dwhRole already exists. (HTTP 409, request id 4a3c)")
        #expect(try server.recorded().count == 1)
        #expect(records.all.map(\.errorCode) == ["EntityAlreadyExists"])
    }

    @Test func serverErrorsAreRetriedAndEachAttemptObserved() async throws {
        let server = try await LoopbackServer.start(.script, answers: [
            (503, [], "<ErrorResponse><Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error></ErrorResponse>"),
            (500, [], "oops"),
            (200, [], "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"),
        ])
        let records = Records()
        let root = try await Self.client(server.baseURL, records)
            .query(service: .sts, action: "GetCallerIdentity", version: "2011-06-15", parameters: [])
        #expect(root.path("GetCallerIdentityResult", "Account")?.text == "123456789012")
        #expect(records.all.map(\.attempt) == [1, 2, 3])
        #expect(records.all.map(\.httpStatus) == [503, 500, 200])
        #expect(records.all.map(\.errorCode) == ["ServiceUnavailable", "HTTP500", nil])
    }

    @Test func throttlingGetsMoreAttemptsThanOtherFailuresThenGivesUp() async throws {
        let throttled = (400, [(String, String)](), "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>")
        let server = try await LoopbackServer.start(.script, answers: Array(repeating: throttled, count: 5))
        let records = Records()
        let error = await #expect(throws: AWSError.self) {
            try await Self.client(server.baseURL, records).query(service: .redshift, action: "DescribeClusters",
                                                                 version: "2012-12-01", parameters: [])
        }
        #expect(error?.code == "Throttling")
        #expect(error?.message == "Rate exceeded (gave up after 4 attempts)")
        #expect(records.all.map(\.attempt) == [1, 2, 3, 4])
        #expect(records.all.dropLast().allSatisfy { $0.note?.hasPrefix("retrying in 0.0") == true })
        #expect(try server.recorded().count == 4)
    }

    @Test func connectionFailuresAreRetriedThenReported() async throws {
        let records = Records()
        let error = await #expect(throws: AWSError.self) {
            try await Self.client("http://127.0.0.1:1", records).query(service: .ec2, action: "DescribeVpcs",
                                                                       version: "2016-11-15", parameters: [])
        }
        #expect(error?.code == AWSError.networkFailure)
        #expect(error?.httpStatus == nil)
        #expect(error?.description.hasPrefix("EC2 DescribeVpcs failed: NetworkFailure: 127.0.0.1: ") == true)
        #expect(records.all.map(\.attempt) == [1, 2, 3])
        #expect(records.all.allSatisfy { $0.httpStatus == nil && $0.errorCode == AWSError.networkFailure })
    }

    @Test func sessionTokenIsSent() async throws {
        let server = try await LoopbackServer.start(.script)
        _ = try await Self.client(server.baseURL, token: "tok/en+1")
            .query(service: .sts, action: "GetCallerIdentity", version: "2011-06-15", parameters: [])
        let sent = try #require(try server.recorded().first)
        #expect(sent.header("X-Amz-Security-Token") == "tok/en+1")
        #expect(sent.header("Authorization")?.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,") == true)
    }

    @Test func missingCredentialsSayWhatToDo() async throws {
        let client = AWSClient(settings: AWSSettings(credentials: nil, region: "us-east-1", endpoint: "http://127.0.0.1:1"))
        let error = await #expect(throws: AWSError.self) {
            try await client.query(service: .sts, action: "GetCallerIdentity", version: "2011-06-15", parameters: [])
        }
        #expect(error?.code == AWSError.missingCredentials)
        #expect(error?.description == "STS GetCallerIdentity failed: MissingCredentials: no AWS credentials are configured. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a ~/.aws/credentials profile, or [AWS] KEY and SECRET in dwh.cfg")
    }

    @Test func cancellationStopsTheCall() async throws {
        let server = try await LoopbackServer.start(.routes)
        let client = Self.client(server.baseURL)
        let task = Task {
            try await client.send(AWSCall(service: .s3, action: "GetObject", method: "GET", path: "/sleep",
                                          query: [("ms", "20000")]))
        }
        try await server.untilInFlight()
        task.cancel()
        do {
            _ = try await task.value
            Issue.record("the call finished despite cancellation")
        } catch let error as AWSError {
            #expect(error.isCancellation)
        }
    }
}
