import Foundation
import Synchronization
import Testing
@testable import Sandbox

/// An in-memory bucket that records how many uploads overlap.
final class MemoryStore: ObjectStore {
    struct Contents {
        var buckets: Set<String> = []
        var objects: [String: Data] = [:]
        var inFlight = 0
        var maxInFlight = 0
    }
    let contents = Mutex(Contents())
    let failing: String?

    init(failing: String? = nil) { self.failing = failing }

    func ensureBucket(_ bucket: String) async throws {
        contents.withLock { _ = $0.buckets.insert(bucket) }
    }

    func store(bucket: String, key: String, body: Data) async throws {
        contents.withLock {
            $0.inFlight += 1
            $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
        }
        try await Task.sleep(for: .milliseconds(2))
        contents.withLock { $0.inFlight -= 1 }
        if key == failing { throw CocoaError(.fileWriteUnknown) }
        contents.withLock { $0.objects["\(bucket)/\(key)"] = body }
    }
}

@Suite struct SeederTests {
    let files = (0..<40).map { SeedFile(key: "log_data/\($0).json", body: .bytes(Array("{\"n\":\($0)}".utf8))) }

    @Test func uploadsEveryFileABoundedNumberAtATime() async throws {
        let store = MemoryStore()
        let seen = Mutex<[SeedProgress]>([])
        let done = try await Seeder(store: store, bucket: "b", concurrency: 4)
            .seed(files, count: files.count) { progress in seen.withLock { $0.append(progress) } }
        #expect(done == SeedProgress(filesDone: 40, fileCount: 40, bytesDone: files.reduce(0) { $0 + $1.size }))
        store.contents.withLock {
            #expect($0.buckets == ["b"])
            #expect($0.objects.count == 40)
            #expect($0.objects["b/log_data/7.json"] == Data("{\"n\":7}".utf8))
            #expect($0.maxInFlight <= 4)
            #expect($0.maxInFlight > 1)
        }
        let reported = seen.withLock { $0 }
        #expect(reported.first == SeedProgress(filesDone: 0, fileCount: 40))
        #expect(reported.map(\.filesDone) == Array(0...40))
    }

    @Test func aFailedUploadNamesItsKey() async {
        await #expect {
            try await Seeder(store: MemoryStore(failing: "log_data/3.json"), bucket: "b").seed(files, count: files.count)
        } throws: { error in
            guard case SandboxError.seeding(let key, _) = error else { return false }
            return key == "s3://b/log_data/3.json"
        }
    }
}
