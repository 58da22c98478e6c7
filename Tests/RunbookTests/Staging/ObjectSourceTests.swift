import AWS
import Config
import Foundation
import Runbook
import TestSupport
import Testing
import Warehouse

@Suite("Object sources: local files and S3")
struct ObjectSourceTests {
    private func directory(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("objects-" + UUID().uuidString).path
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        return root
    }

    /// Everything the source sends, joined per object, with the order of first chunks.
    private func drain(_ source: ObjectSource, _ objects: [SourceObject]) async throws -> [String: String] {
        let inbox = BoundedChannel<ObjectChunk>(capacity: 2)
        async let sent: Void = source.send(objects, into: inbox)
        var joined: [String: [UInt8]] = [:]
        var ended: Set<String> = []
        while let chunk = try await inbox.receive() {
            joined[chunk.object, default: []] += chunk.bytes
            if chunk.isEndOfObject { ended.insert(chunk.object) }
        }
        await sent
        #expect(ended == Set(joined.keys))
        return joined.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test func localDirectoriesListRecursivelyAndSendEveryByte() async throws {
        let big = String(repeating: "{\"a\": 1}\n", count: 300_000)
        let root = try directory(["log_data/2018/11/b.json": "{}", "log_data/2018/11/a.json": big, "log_data/empty.json": ""])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let source = ObjectSource(s3: nil)
        let objects = try await source.list(.local(path: root + "/log_data"))
        #expect(objects.map(\.name) == ["\(root)/log_data/2018/11/a.json", "\(root)/log_data/2018/11/b.json", "\(root)/log_data/empty.json"])
        #expect(objects.map(\.size) == [big.utf8.count, 2, 0])
        let sent = try await drain(source, objects)
        #expect(sent == ["\(root)/log_data/2018/11/a.json": big, "\(root)/log_data/2018/11/b.json": "{}", "\(root)/log_data/empty.json": ""])
    }

    @Test func nothingAtTheLocationFailsLikeRedshift() async throws {
        do {
            _ = try await ObjectSource(s3: nil).list(.local(path: "/nonexistent/\(UUID().uuidString)"))
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("no objects to load at /nonexistent/"))
        }
    }

    @Test func aManifestListsExactlyItsObjects() async throws {
        let root = try directory(["a.json": "{\"x\": 1}", "b.json": "{\"x\": 2}", "c.json": "{\"x\": 3}"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let manifest = """
            {"entries": [{"url": "file://\(root)/a.json", "mandatory": true},
                         {"url": "\(root)/c.json"},
                         {"url": "\(root)/missing.json", "mandatory": false}]}
            """
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: root + "/load.manifest"))
        let objects = try await ObjectSource(s3: nil).list(.local(path: root + "/load.manifest"), manifest: true)
        #expect(objects.map(\.name) == ["\(root)/a.json", "\(root)/c.json"])

        try Data(#"{"entries": [{"url": "/nowhere/x.json", "mandatory": true}]}"#.utf8).write(to: URL(fileURLWithPath: root + "/bad.manifest"))
        do {
            _ = try await ObjectSource(s3: nil).list(.local(path: root + "/bad.manifest"), manifest: true)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "/nowhere/x.json is listed as mandatory in the manifest but does not exist")
        }
    }

    @Test func s3PrefixesListAndDownloadConcurrently() async throws {
        let s3 = S3Client(client: AWSClient(settings: try await TestServers.moto()))
        let bucket = "objects-" + UUID().uuidString.prefix(8).lowercased()
        try await s3.createBucket(bucket)
        var expected: [String: String] = [:]
        for index in 0..<25 {
            let key = String(format: "song_data/A/B/TR%04d.json", index)
            let text = "{\"song_id\": \"S\(index)\"}"
            try await s3.putObject(bucket: bucket, key: key, body: Data(text.utf8))
            expected["s3://\(bucket)/\(key)"] = text
        }
        let big = String(repeating: "{\"ts\": 1543537327796}\n", count: 40_000)
        try await s3.putObject(bucket: bucket, key: "song_data/big.json", body: Data(big.utf8))
        expected["s3://\(bucket)/song_data/big.json"] = big
        try await s3.putObject(bucket: bucket, key: "other/x.json", body: Data("{}".utf8))

        let source = ObjectSource(s3: s3, concurrency: 4)
        let objects = try await source.list(.s3(bucket: bucket, key: "song_data"))
        #expect(objects.count == 26)
        #expect(try await drain(source, objects) == expected)
    }
}
