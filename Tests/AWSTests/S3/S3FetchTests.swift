import Config
import Foundation
import Testing
@testable import AWS

/// ``S3Client/fetchAll(bucket:keys:concurrency:)``: order, completeness, failures, concurrency.
@Suite struct S3FetchTests {
    /// Chunks grouped back into whole objects, checking offsets and `isLast` on the way.
    static func collect(_ stream: AsyncThrowingStream<S3ObjectChunk, Error>) async throws -> [(String, Data)] {
        var objects: [(String, Data)] = []
        var open = false
        for try await chunk in stream {
            if !open {
                #expect(chunk.offset == 0, "\(chunk.key) starts at \(chunk.offset)")
                objects.append((chunk.key, Data()))
                open = true
            }
            #expect(objects[objects.count - 1].0 == chunk.key, "chunks of \(chunk.key) interleave")
            #expect(chunk.offset == objects[objects.count - 1].1.count)
            objects[objects.count - 1].1.append(chunk.bytes)
            if chunk.isLast { open = false }
        }
        #expect(!open, "the last object never ended")
        return objects
    }

    @Test func deliversEveryObjectWholeAndInKeyOrder() async throws {
        let (s3, bucket) = try await S3ClientTests.bucket("fetch")
        var contents: [String: Data] = [:]
        for index in 0..<60 {
            contents[String(format: "song_data/%03d.json", index)] = Data(repeating: UInt8(index), count: index * 37)
        }
        contents["song_data/big.bin"] = Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0) })
        for (key, body) in contents { try await s3.putObject(bucket: bucket, key: key, body: body) }

        let keys = contents.keys.sorted().reversed().map { $0 }
        let objects = try await Self.collect(s3.fetchAll(bucket: bucket, keys: keys, concurrency: 8))
        #expect(objects.map(\.0) == keys)
        for (key, data) in objects { #expect(data == contents[key], "\(key)") }
    }

    @Test func aMissingKeyEndsTheStreamWithItsError() async throws {
        let (s3, bucket) = try await S3ClientTests.bucket("fetchmiss", ["a": "1", "c": "3"])
        var delivered: [String] = []
        let error = await #expect(throws: AWSError.self) {
            for try await chunk in s3.fetchAll(bucket: bucket, keys: ["a", "b", "c"], concurrency: 3) {
                delivered.append(chunk.key)
            }
        }
        #expect(delivered == ["a"])
        #expect(error?.code == "NoSuchKey")
        #expect(error?.resource == "s3://\(bucket)/b")
    }

    @Test func fetchesConcurrently() async throws {
        // The loopback server answers /slow/… after 1 s and counts how many it holds at once.
        let server = try await LoopbackServer.start()
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: Secret("s"), source: "test")
        let s3 = S3Client(client: AWSClient(settings: AWSSettings(credentials: credentials, region: "us-east-1",
                                                                  endpoint: server.baseURL)))
        let keys = (0..<20).map { "key\($0)" }
        let objects = try await Self.collect(s3.fetchAll(bucket: "slow", keys: keys, concurrency: 10))
        #expect((5...10).contains(try await server.peakInFlight()), "at most 10 at once, and more than one")
        #expect(objects.map { String(decoding: $0.1, as: UTF8.self) } == keys.map { "/slow/\($0)" })
    }

    @Test func anEmptyKeyListEndsAtOnce() async throws {
        let s3 = try await S3ClientTests.s3()
        #expect(try await Self.collect(s3.fetchAll(bucket: uniqueBucket("none"), keys: [])).isEmpty)
    }
}
