import Config
import Foundation
import TestSupport
import Testing
@testable import AWS

/// Requests sparkify really sends, recorded by a loopback server, must carry the signature botocore
/// computes for them (moto never checks signatures, so this is what catches a signer bug end to end).
@Suite struct BotocoreSignatureTests {
    static let fixedDate = Date(timeIntervalSince1970: 1_709_251_199) // 2024-02-29T23:59:59Z

    static func client(_ server: LoopbackServer, token: String? = nil) -> AWSClient {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                         sessionToken: token.map(Secret.init), source: "test")
        return AWSClient(settings: AWSSettings(credentials: credentials, region: "eu-west-1", endpoint: server.baseURL),
                         now: { fixedDate })
    }

    @Test func queryRequestsVerify() async throws {
        let server = try await LoopbackServer.start(.script)
        _ = try await Self.client(server, token: "FQoG/token+with=chars")
            .query(service: .iam, action: "CreateRole", version: "2010-05-08",
                   parameters: [("RoleName", "dwhRole"), ("AssumeRolePolicyDocument", #"{"Statement": [{"Effect": "Allow"}]}"#)])
        _ = try await Self.client(server)
            .query(service: .ec2, action: "AuthorizeSecurityGroupIngress", version: "2016-11-15",
                   parameters: [("GroupId", "sg-1"), ("IpPermissions.1.IpRanges.1.CidrIp", "127.0.0.1/32")])
        try await verifyAll(server, expectedCount: 2)
    }

    @Test func s3RequestsVerify() async throws {
        let server = try await LoopbackServer.start(.script, answers: [
            (200, [], ""),
            (200, [], "<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>"),
            (200, [("Content-Length", "0")], ""),
        ])
        let s3 = S3Client(client: Self.client(server))
        try await s3.putObject(bucket: "udacity-dend", key: "song_data/A/B/ü ber+plus (1)~.json",
                               body: Data(#"{"song_id": "S1"}"#.utf8), contentType: "application/json")
        _ = try await s3.listObjectsPage(bucket: "udacity-dend", prefix: "log data/2018/", delimiter: "/",
                                         maxKeys: 1000, continuationToken: "1/abc+=")
        _ = try await s3.headObject(bucket: "udacity-dend", key: "log_json_path.json")
        try await verifyAll(server, expectedCount: 3)
    }

    /// Runs botocore over every recorded request and compares its Authorization with the one sent.
    func verifyAll(_ server: LoopbackServer, expectedCount: Int) async throws {
        let recorded = try server.recorded()
        #expect(recorded.count == expectedCount)
        for request in recorded {
            let sent = try #require(request.header("Authorization"))
            #expect(sent.contains("/20240229/eu-west-1/"))
            let expected = try await OffPool.run { try Self.botocoreAuthorization(request) }
            #expect(expected == sent, "\(request.method) \(request.path)")
        }
    }

    /// botocore's SigV4Auth (S3SigV4Auth for s3) over the recorded method, URL, signed headers and
    /// body, at the recorded X-Amz-Date.
    static func botocoreAuthorization(_ request: RecordedRequest) throws -> String {
        let input = try JSONSerialization.data(withJSONObject: [
            "method": request.method, "path": request.path, "headers": request.headers, "body": request.body,
            "access": "AKIDEXAMPLE", "secret": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "token": request.header("X-Amz-Security-Token") ?? "",
        ])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", verifier]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestServerError(message: "botocore verifier failed: " + String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let verifier = #"""
    import datetime, json, sys
    from unittest import mock
    import botocore.auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    r = json.load(sys.stdin)
    headers = {name: value for name, value in r["headers"]}
    scope = headers["Authorization"].split("Credential=")[1].split(",")[0].split("/")
    region, service = scope[2], scope[3]
    signed = headers["Authorization"].split("SignedHeaders=")[1].split(",")[0].split(";")
    # botocore adds these three itself; give it only the other headers sparkify signed.
    own = {"x-amz-date", "x-amz-security-token", "x-amz-content-sha256"}
    kept = {n: v for n, v in r["headers"] if n.lower() in signed and n.lower() not in own}
    request = AWSRequest(method=r["method"], url="http://" + headers["Host"] + r["path"], headers=kept,
                         data=r["body"].encode("latin-1"))
    when = datetime.datetime.strptime(headers["X-Amz-Date"], "%Y%m%dT%H%M%SZ")
    auth = (botocore.auth.S3SigV4Auth if service == "s3" else botocore.auth.SigV4Auth)(
        Credentials(r["access"], r["secret"], r["token"] or None), service, region)
    with mock.patch("botocore.auth.get_current_datetime", return_value=when):
        auth.add_auth(request)
    print(request.headers["Authorization"])
    """#
}
