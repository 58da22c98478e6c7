import AWS
import Config
import Foundation
import Testing
import TestSupport

/// `sparkify s3 ls|get|presign` against moto, as scripts run them.
@Suite struct S3CommandTests {
    /// A bucket of this test's own with the given objects, and a runner whose environment points at moto.
    static func fixture(_ objects: [String: String]) async throws -> (SparkifyRunner, String, S3Client) {
        let settings = try await TestServers.moto()
        let s3 = S3Client(client: AWSClient(settings: settings))
        let bucket = "sparkify-cli-\(UUID().uuidString.prefix(8).lowercased())"
        try await s3.createBucket(bucket)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for slice in objects.sorted(by: { $0.key < $1.key }).chunked(into: 8) {
                group.addTask { for (key, body) in slice { try await s3.putObject(bucket: bucket, key: key, body: Data(body.utf8)) } }
            }
            try await group.waitForAll()
        }
        let runner = try SparkifyRunner(environment: [
            "AWS_ENDPOINT_URL": settings.endpoint ?? "", "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
        ])
        return (runner, bucket, s3)
    }

    static let objects = [
        "log_data/2018/11/2018-11-01-events.json": "{\"a\":1}",
        "log_data/2018/11/2018-11-02-events.json": "{\"a\":22}",
        "log_json_path.json": "{\"jsonpaths\": []}",
        "song_data/A/A/A/TRAAAAK128F9318786.json": "{\"song_id\":\"S\"}",
    ]

    @Test func listsOneKeyPerLine() async throws {
        let (runner, bucket, _) = try await Self.fixture(Self.objects)
        defer { runner.remove() }
        let all = try await runner.run(["s3", "ls", "s3://\(bucket)"])
        #expect(all.status == 0)
        #expect(all.stderr == "")
        #expect(all.lines == Self.objects.keys.sorted())

        let logs = try await runner.run(["s3", "ls", "s3://\(bucket)/log_data/", "--summarize"])
        #expect(logs.lines == [
            "log_data/2018/11/2018-11-01-events.json", "log_data/2018/11/2018-11-02-events.json",
            "", "Total Objects: 2", "   Total Size: 15",
        ])
    }

    @Test func listsAsJSON() async throws {
        let (runner, bucket, _) = try await Self.fixture(Self.objects)
        defer { runner.remove() }
        let run = try await runner.run(["s3", "ls", "s3://\(bucket)/log", "--json", "--summarize"])
        #expect(run.status == 0)
        let objects = try run.lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        #expect(objects.count == 4)
        #expect(objects.prefix(3).map { $0["key"] as? String } == [
            "log_data/2018/11/2018-11-01-events.json", "log_data/2018/11/2018-11-02-events.json", "log_json_path.json",
        ])
        #expect(objects.prefix(3).map { $0["size"] as? Int } == [7, 8, 17])
        #expect((objects[0]["etag"] as? String)?.count == 32)
        #expect((objects[0]["last_modified"] as? String)?.hasSuffix("Z") == true)
        #expect(run.lines.first?.hasPrefix(#"{"key":"log_data/2018/11/2018-11-01-events.json","size":7,"etag":""#) == true)
        #expect(run.lines.last == #"{"total_objects":3,"total_size":32}"#)
    }

    @Test func listsAllPagesBeyondAThousandKeys() async throws {
        var objects: [String: String] = [:]
        for index in 0..<1_050 { objects[String(format: "song_data/A/TR%05d.json", index)] = "x" }
        let (runner, bucket, _) = try await Self.fixture(objects)
        defer { runner.remove() }
        let run = try await runner.run(["s3", "ls", "s3://\(bucket)/song_data/", "--summarize"])
        #expect(run.status == 0)
        #expect(Array(run.lines.dropLast(3)) == objects.keys.sorted())
        #expect(run.lines.suffix(2) == ["Total Objects: 1050", "   Total Size: 1050"])
    }

    @Test func readsTheEndpointAndKeysFromTheConfig() async throws {
        let (environmentRunner, bucket, _) = try await Self.fixture(Self.objects)
        defer { environmentRunner.remove() }
        let endpoint = try #require(environmentRunner.environment["AWS_ENDPOINT_URL"])
        var runner = environmentRunner
        runner.environment = runner.environment.filter { !$0.key.hasPrefix("AWS_") }
        let config = runner.directory + "/dwh.cfg"
        try "[AWS]\nKEY = testing\nSECRET = 'testing'\nENDPOINT = \(endpoint)\nREGION = us-east-1\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config)
        let implicit = try await runner.run(["s3", "ls", "s3://\(bucket)/song_data/"])
        #expect(implicit.lines == ["song_data/A/A/A/TRAAAAK128F9318786.json"])
        try FileManager.default.moveItem(atPath: config, toPath: runner.directory + "/other.cfg")
        let explicit = try await runner.run(["s3", "ls", "--config", "other.cfg", "s3://\(bucket)/song_data/"])
        #expect(explicit.lines == ["song_data/A/A/A/TRAAAAK128F9318786.json"])
        #expect(explicit.stderr == "")
    }

    @Test func errorsAreClearWithTheRightExitCode() async throws {
        let (runner, _, _) = try await Self.fixture([:])
        defer { runner.remove() }
        let missing = try await runner.run(["s3", "ls", "s3://sparkify-cli-no-such-bucket/"])
        #expect(missing.status == 1)
        #expect(missing.stdout == "")
        #expect(missing.stderr.hasPrefix("error: S3 ListObjectsV2 s3://sparkify-cli-no-such-bucket/ failed: NoSuchBucket: The specified bucket does not exist (HTTP 404, request id "))

        let notS3 = try await runner.run(["s3", "ls", "/tmp/data"])
        #expect(notS3.status == 2)
        #expect(notS3.stderr == "error: URI = '/tmp/data': expected s3://bucket/prefix\n")

        var anonymous = runner
        anonymous.environment = anonymous.environment.filter { $0.key != "AWS_ACCESS_KEY_ID" && $0.key != "AWS_SECRET_ACCESS_KEY" }
        let noCredentials = try await anonymous.run(["s3", "ls", "s3://udacity-dend/"])
        #expect(noCredentials.status == 2)
        #expect(noCredentials.stderr == "error: AWS credentials is missing: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE (a ~/.aws profile with keys, credential_process or role_arn), or [AWS] KEY and SECRET in dwh.cfg\n")

        var unreachable = runner
        unreachable.environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1"
        let refused = try await unreachable.run(["s3", "ls", "s3://udacity-dend/"])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("error: S3 ListObjectsV2 s3://udacity-dend/ failed: NetworkFailure: 127.0.0.1: "))
    }

    @Test func getWritesEveryObjectUnderThePrefix() async throws {
        let (runner, bucket, _) = try await Self.fixture(Self.objects)
        defer { runner.remove() }
        let run = try await runner.run(["s3", "get", "s3://\(bucket)/", "--to", "out", "--concurrency", "3", "--json"])
        #expect(run.status == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(summary?["objects"] as? Int == 4)
        #expect(summary?["bytes"] as? Int == Self.objects.values.map(\.utf8.count).reduce(0, +))
        for (key, body) in Self.objects {
            #expect(try String(contentsOfFile: runner.directory + "/out/" + key, encoding: .utf8) == body)
        }
    }

    @Test func getFetchesTheKeysOfAList() async throws {
        let (runner, bucket, _) = try await Self.fixture(Self.objects)
        defer { runner.remove() }
        try "log_json_path.json\nsong_data/A/A/A/TRAAAAK128F9318786.json\n"
            .write(toFile: runner.directory + "/keys.txt", atomically: true, encoding: .utf8)
        let run = try await runner.run(["s3", "get", "s3://\(bucket)/", "--keys-from", "keys.txt", "--to", "out"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("2 objects, 32 bytes in "))
        let written = try FileManager.default.subpathsOfDirectory(atPath: runner.directory + "/out")
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(written == ["log_json_path.json", "song_data/A/A/A/TRAAAAK128F9318786.json"])
    }

    @Test func presignedURLsFetchWithoutCredentials() async throws {
        let (runner, bucket, s3) = try await Self.fixture(Self.objects)
        defer { runner.remove() }
        let one = try await runner.run(["s3", "presign", "s3://\(bucket)/log_json_path.json", "--expires", "60"])
        #expect(one.status == 0)
        #expect(one.lines.count == 1)
        #expect(one.stdout.contains("X-Amz-Expires=60&"))
        let body = try await s3.client.http.execute(HTTPRequest(method: "GET", url: one.lines[0])).body
        #expect(String(decoding: body, as: UTF8.self) == Self.objects["log_json_path.json"])

        let all = try await runner.run(["s3", "presign", "--recursive", "--json", "s3://\(bucket)/log_data/"])
        let keys = try all.lines.map { (try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String])?["key"] }
        #expect(keys == ["log_data/2018/11/2018-11-01-events.json", "log_data/2018/11/2018-11-02-events.json"])
    }
}

extension Array {
    /// About `count` slices of about equal size.
    func chunked(into count: Int) -> [ArraySlice<Element>] {
        let size = Swift.max(1, (self.count + count - 1) / count)
        return stride(from: 0, to: self.count, by: size).map { self[$0..<Swift.min($0 + size, self.count)] }
    }
}
