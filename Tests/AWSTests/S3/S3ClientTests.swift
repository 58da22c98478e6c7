import Config
import Crypto
import Foundation
import Testing
@testable import AWS

/// Every S3 call against moto_server on loopback; each test works in a bucket of its own.
@Suite struct S3ClientTests {
    static func s3(region: String = "us-east-1") async throws -> S3Client {
        S3Client(client: AWSClient(settings: try await MotoFixture.settings(region: region)))
    }

    /// A bucket with the given objects in it.
    static func bucket(_ label: String, _ objects: [String: String] = [:]) async throws -> (S3Client, String) {
        let s3 = try await s3()
        let bucket = uniqueBucket(label)
        try await s3.createBucket(bucket)
        for (key, body) in objects { try await s3.putObject(bucket: bucket, key: key, body: Data(body.utf8)) }
        return (s3, bucket)
    }

    @Test func createBucketOutsideUSEast1IsIdempotent() async throws {
        let s3 = try await Self.s3(region: "eu-west-1")
        let bucket = uniqueBucket("create")
        #expect(try await s3.createBucket(bucket) == .created)
        #expect(try await s3.createBucket(bucket) == .alreadyOwned)
        try await s3.putObject(bucket: bucket, key: "a", body: Data("x".utf8))
        #expect(try await s3.headObject(bucket: bucket, key: "a").contentLength == 1)
    }

    @Test func putHeadAndGetAnObject() async throws {
        let (s3, bucket) = try await Self.bucket("object")
        let body = Data(#"{"num_songs": 1, "title": "Der Kleine Dompfaff"}"#.utf8)
        let key = "song_data/A/B/C/TR ü+1.json"
        let eTag = try await s3.putObject(bucket: bucket, key: key, body: body, contentType: "application/json")
        let md5 = Insecure.MD5.hash(data: body).map { String(format: "%02x", $0) }.joined()
        #expect(eTag == md5)

        let head = try await s3.headObject(bucket: bucket, key: key)
        #expect(head.contentLength == body.count)
        #expect(head.eTag == md5)
        #expect(head.contentType == "application/json")
        #expect(abs(head.lastModified?.timeIntervalSinceNow ?? 1e9) < 300)

        let content = try await s3.getObject(bucket: bucket, key: key)
        #expect(content.head.contentLength == body.count)
        #expect(try await content.body.collect() == body)
    }

    @Test func aGetNamingTheListedETagFailsWith412OnceTheObjectChanged() async throws {
        let (s3, bucket) = try await Self.bucket("if-match", ["log.json": "{}"])
        let listed = try await s3.headObject(bucket: bucket, key: "log.json").eTag
        let same = try await s3.getObject(bucket: bucket, key: "log.json", ifMatch: listed)
        #expect(try await same.body.collect() == Data("{}".utf8))

        try await s3.putObject(bucket: bucket, key: "log.json", body: Data(#"{"changed": true}"#.utf8))
        await #expect { try await s3.getObject(bucket: bucket, key: "log.json", ifMatch: listed) } throws: { error in
            (error as? AWSError)?.httpStatus == 412
        }
    }

    @Test func getStreamsALargeObjectInChunks() async throws {
        let (s3, bucket) = try await Self.bucket("large")
        let body = Data((0..<(6 << 20)).map { UInt8(truncatingIfNeeded: $0 % 251) })
        try await s3.putObject(bucket: bucket, key: "big.bin", body: body)
        var received = Data()
        var chunks = 0
        for try await chunk in try await s3.getObject(bucket: bucket, key: "big.bin").body {
            received.append(chunk)
            chunks += 1
        }
        #expect(received == body)
        #expect(chunks > 1)
    }

    @Test func listsWithPrefixAndDelimiter() async throws {
        let (s3, bucket) = try await Self.bucket("list", [
            "log_data/2018/11/a.json": "1", "log_data/2018/11/b.json": "22", "log_data/2018/12/c.json": "333",
            "song_data/A/x.json": "4444", "log_json_path.json": "{}",
        ])
        var keys: [String] = []
        for try await object in s3.listObjects(bucket: bucket, prefix: "log_data/") { keys.append(object.key) }
        #expect(keys == ["log_data/2018/11/a.json", "log_data/2018/11/b.json", "log_data/2018/12/c.json"])

        let page = try await s3.listObjectsPage(bucket: bucket, prefix: "log_data/2018/", delimiter: "/")
        #expect(page.objects.isEmpty)
        #expect(page.commonPrefixes == ["log_data/2018/11/", "log_data/2018/12/"])
        #expect(page.nextContinuationToken == nil)

        let top = try await s3.listObjectsPage(bucket: bucket, delimiter: "/")
        #expect(top.objects.map(\.key) == ["log_json_path.json"])
        #expect(top.objects.first?.size == 2)
        #expect(top.commonPrefixes == ["log_data/", "song_data/"])
    }

    @Test func paginatesOverMoreThanAThousandKeys() async throws {
        let (s3, bucket) = try await Self.bucket("pages")
        let keys = (0..<1_234).map { String(format: "song_data/TR%05d.json", $0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for slice in stride(from: 0, to: keys.count, by: 154).map({ keys[$0..<min($0 + 154, keys.count)] }) {
                group.addTask { for key in slice { try await s3.putObject(bucket: bucket, key: key, body: Data(key.utf8)) } }
            }
            try await group.waitForAll()
        }
        var pageSizes: [Int] = []
        for try await page in s3.listPages(bucket: bucket, prefix: "song_data/", maxKeys: 1000) {
            pageSizes.append(page.objects.count)
        }
        #expect(pageSizes == [1000, 234])
        var listed: [String] = []
        var bytes = 0
        for try await object in s3.listObjects(bucket: bucket, prefix: "song_data/", maxKeys: 1000) {
            listed.append(object.key)
            bytes += object.size
        }
        #expect(listed == keys)
        #expect(bytes == keys.count * "song_data/TR00000.json".utf8.count)
    }

    @Test func missingBucketAndKeyAreClearErrors() async throws {
        let (s3, bucket) = try await Self.bucket("missing")
        let missing = uniqueBucket("nope")
        let listError = await #expect(throws: AWSError.self) {
            for try await _ in s3.listObjects(bucket: missing) {}
        }
        #expect(listError?.code == "NoSuchBucket")
        #expect(listError?.description.hasPrefix("S3 ListObjectsV2 s3://\(missing)/ failed: NoSuchBucket: The specified bucket does not exist (HTTP 404") == true)
        #expect(listError?.description.hasSuffix("The bucket does not exist: check the s3:// URI (and the region, [AWS] REGION / AWS_REGION)") == true)

        let getError = await #expect(throws: AWSError.self) { try await s3.getObject(bucket: bucket, key: "no/such.json") }
        #expect(getError?.code == "NoSuchKey")
        #expect(getError?.resource == "s3://\(bucket)/no/such.json")

        let headError = await #expect(throws: AWSError.self) { try await s3.headObject(bucket: bucket, key: "no/such.json") }
        #expect(headError?.code == "NotFound")
        #expect(headError?.httpStatus == 404)
    }

    @Test func presignedURLFetchesWithoutCredentials() async throws {
        let (s3, bucket) = try await Self.bucket("presign", ["a b/c.json": "content"])
        let url = try await s3.presignedURL(bucket: bucket, key: "a b/c.json", expires: 600)
        #expect(url.contains("/\(bucket)/a%20b/c.json?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=testing%2F"))
        #expect(url.contains("&X-Amz-Expires=600&"))
        let response = try await s3.client.http.execute(HTTPRequest(method: "GET", url: url))
        #expect(String(decoding: response.body, as: UTF8.self) == "content")
    }
}
