import Config
import Foundation
import Synchronization
import Testing
import TestSupport
@testable import AWS

/// ``S3Client`` through ``FaultProxy`` in front of moto: a bucket in another region, bodies cut short,
/// resets, throttling, a skewed clock — each asserted on the client's log and the proxy's own counters.
@Suite struct S3FaultProxyTests {
    /// Every record the client reported.
    final class Log: Sendable {
        private let records = Mutex<[AWSCallRecord]>([])
        var all: [AWSCallRecord] { records.withLock { $0 } }
        func append(_ record: AWSCallRecord) { records.withLock { $0.append(record) } }
    }

    /// A bucket in moto holding `objects`, and a client (region us-east-1) talking to it through a
    /// proxy with `faults`.
    static func setUp(_ label: String, _ objects: [String: Data], faults: FaultProxy.Faults)
        async throws -> (S3Client, String, FaultProxy, Log) {
        let moto = try await MotoFixture.settings()
        let direct = S3Client(client: AWSClient(settings: moto))
        let bucket = uniqueBucket(label)
        try await direct.createBucket(bucket)
        for (key, body) in objects { try await direct.putObject(bucket: bucket, key: key, body: body) }
        let proxy = try await FaultProxy.start(upstream: moto.endpoint ?? "", faults: faults)
        var settings = moto
        settings.endpoint = proxy.endpoint
        let log = Log()
        return (S3Client(client: AWSClient(settings: settings, observer: { log.append($0) })), bucket, proxy, log)
    }

    static let text = Data((0..<1000).map { UInt8(ascii: "a") + UInt8($0 % 26) })

    @Test func aBucketInAnotherRegionIsLearnedOnceFromThe301() async throws {
        let (s3, bucket, proxy, log) = try await Self.setUp("region301", ["log_data/a.json": Self.text, "log_data/b.json": Self.text],
                                                            faults: .init(bucketRegion: "us-west-2"))
        let page = try await s3.listObjectsPage(bucket: bucket, prefix: "log_data/")
        #expect(page.objects.map(\.key) == ["log_data/a.json", "log_data/b.json"])
        #expect(try await s3.getObject(bucket: bucket, key: "log_data/a.json").body.collect() == Self.text)
        #expect(try await s3.bucketRegion(bucket) == "us-west-2")

        let records = log.all
        #expect(records.map(\.httpStatus) == [301, 200, 200])
        #expect(records.map(\.errorCode) == ["PermanentRedirect", nil, nil])
        #expect(records[0].note == "bucket \(bucket) is in us-west-2: signing for us-west-2 from now on")
        #expect(records.compactMap(\.note).count == 1)
        #expect(try await proxy.counters().faults["redirect"] == 1)
    }

    @Test func headBucketLearnsTheRegionFromA400AuthorizationHeaderMalformed() async throws {
        let (s3, bucket, proxy, log) = try await Self.setUp("region400", [:],
                                                            faults: .init(bucketRegion: "eu-west-1", regionAnswer: .authorizationHeaderMalformed))
        #expect(try await s3.bucketRegion(bucket) == "eu-west-1")
        #expect(log.all.map(\.action) == ["HeadBucket", "HeadBucket"])
        #expect(log.all.map(\.httpStatus) == [400, 200])
        #expect(try await proxy.counters().s3Requests == 2)
    }

    @Test func aBodyCutAtEveryAttemptStillArrivesWholeEachCutOneLogLine() async throws {
        let (s3, bucket, proxy, log) = try await Self.setUp("cut", ["song.json": Self.text], faults: .init(truncate: 1))
        let body = try await s3.getObject(bucket: bucket, key: "song.json").body.collect()
        #expect(body == Self.text)

        let counters = try await proxy.counters()
        let cuts = log.all.filter { $0.errorCode == AWSError.incompleteBody }
        // 1000 bytes halved until one is left: ten cut answers, ten resumes from where each broke off;
        // each attempt's lines are its answer and (when cut) how far it got.
        #expect(counters.faults["truncate"] == 10)
        #expect(cuts.count == 10)
        #expect(counters.ranged == 10)
        #expect(log.all.map(\.attempt) == (1...10).flatMap { [$0, $0] } + [11])
        #expect(log.all.map(\.httpStatus) == [200, 200] + Array(repeating: 206, count: 19))
        #expect(cuts.first?.note?.contains("after 500 bytes; resuming at byte 500 in ") == true)
    }

    @Test func aBodyThatDoesNotMatchItsETagIsAnError() async throws {
        let (s3, bucket, proxy, _) = try await Self.setUp("corrupt", ["song.json": Self.text], faults: .init(corrupt: 1))
        let error = await #expect(throws: AWSError.self) { _ = try await s3.getObject(bucket: bucket, key: "song.json").body.collect() }
        #expect(error?.code == AWSError.incompleteBody)
        #expect(error?.resource == "s3://\(bucket)/song.json")
        #expect(error?.message.hasPrefix("the 1000 bytes received have MD5 ") == true)
        #expect(try await proxy.counters().faults["corrupt"] == 1)
    }

    @Test func multipartAndKMSETagsAreNotTakenForMD5s() {
        let md5 = "303fb697b589019cb3edba04b794e575"
        #expect(S3ObjectBody.contentMD5(HTTPResponseHead(status: 200, headers: [("ETag", "\"\(md5)\"")])) == md5)
        #expect(S3ObjectBody.contentMD5(HTTPResponseHead(status: 200, headers: [("ETag", "\"\(md5)-3\"")])) == nil)
        #expect(S3ObjectBody.contentMD5(HTTPResponseHead(status: 200, headers: [("ETag", "\"\(md5)\""),
                                                                              ("x-amz-server-side-encryption", "aws:kms")])) == nil)
    }

    @Test func everyResetIsOneLogLineIncludingTheOnesLibcurlRetriedItself() async throws {
        var objects: [String: Data] = [:]
        for index in 0..<40 { objects["song_data/\(index).json"] = Self.text }
        let (s3, bucket, proxy, log) = try await Self.setUp("resets", objects, faults: .init(seed: 7, reset: 0.3))
        let keys = objects.keys.sorted()
        var received = 0
        for try await chunk in s3.fetchAll(bucket: bucket, keys: keys, concurrency: 4) { received += chunk.bytes.count }
        #expect(received == 40 * Self.text.count)
        let resets = try #require(try await proxy.counters().faults["reset"])
        #expect(resets > 0)
        #expect(log.all.filter { $0.errorCode == AWSError.networkFailure }.count == resets)
    }

    @Test func throttlingBacksOffNarrowsTheWindowAndGivesUpNamingTheKey() async throws {
        let (s3, bucket, proxy, log) = try await Self.setUp("slowdown", ["a.json": Self.text], faults: .init(slowdown: 1))
        let error = await #expect(throws: AWSError.self) { try await s3.getObject(bucket: bucket, key: "a.json") }
        #expect(error?.code == "SlowDown")
        #expect(error?.description.hasPrefix("S3 GetObject s3://\(bucket)/a.json failed: SlowDown: Please reduce your request rate. (gave up after 8 attempts) (HTTP 503") == true)
        #expect(log.all.map(\.attempt) == Array(1...8))
        #expect(log.all.dropLast().allSatisfy { $0.note?.hasPrefix("retrying in ") == true })
        #expect(s3.client.gate.limit == 1)
        #expect(try await proxy.counters().faults["slowdown"] == 8)
    }

    @Test func aSkewedClockIsNamedWithTheDifference() async throws {
        let (s3, bucket, proxy, _) = try await Self.setUp("skew", [:], faults: .init(skewSeconds: 1203))
        let error = await #expect(throws: AWSError.self) { _ = try await s3.listObjectsPage(bucket: bucket) }
        #expect(error?.code == "RequestTimeTooSkewed")
        #expect(error?.description.contains("(this machine's clock is 20 min 3 s behind AWS's)") == true)
        #expect(error?.description.contains("set it right (enable NTP") == true)
        // Not retried: the clock will not fix itself.
        #expect(try await proxy.counters().faults["skew"] == 1)
    }
}
