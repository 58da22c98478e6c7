import AWS
import Foundation
import Warehouse

/// Concurrent, streamed GETs of S3 objects into a staging load's inbox. Each object's body is sent
/// as it arrives, in chunks of up to 256 KB; the inbox's bound pauses the downloads when the loader
/// falls behind (the HTTP layer in turn pauses the transfer), so memory stays flat.
enum S3Objects {
    static let chunkBytes = 256 * 1024

    static func send(_ objects: [SourceObject], from s3: S3Client, into inbox: BoundedChannel<ObjectChunk>,
                     concurrency: Int) async {
        let queue = WorkQueue(objects)
        let failed = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<min(concurrency, objects.count) {
                group.addTask {
                    while let object = queue.next() {
                        do {
                            try await fetch(object, from: s3, into: inbox)
                        } catch {
                            inbox.fail(error)
                            return true
                        }
                    }
                    return false
                }
            }
            return await group.contains(true)
        }
        if !failed { inbox.finish() }
    }

    private static func fetch(_ object: SourceObject, from s3: S3Client, into inbox: BoundedChannel<ObjectChunk>) async throws {
        guard case .s3(let bucket, let key) = object.location else { return }
        let content: S3ObjectContent
        do {
            // The bytes must be the listed ones: what etl_objects records (the listing's ETag) is what was loaded.
            content = try await s3.getObject(bucket: bucket, key: key, ifMatch: object.etag)
        } catch where error.httpStatus == 404 {
            if !object.mandatory { return }
            throw StagingError.missingObject(object: object.name)
        } catch where error.httpStatus == 412 {
            throw StagingError.source(object: object.name, message: "it changed after it was listed (its ETag is no longer "
                                      + "\(object.etag ?? "")): run the ETL again to load the object as it is now")
        } catch {
            throw StagingError.source(object: object.name, message: "\(error)")
        }
        var pending: [UInt8] = []
        do {
            while let data = try await content.body.next() {
                pending.append(contentsOf: data)
                if pending.count >= chunkBytes {
                    try await inbox.send(ObjectChunk(object: object.name, bytes: pending, isEndOfObject: false))
                    pending = []
                }
            }
        } catch let error as AWSError {
            throw StagingError.source(object: object.name, message: "download failed: \(error)")
        }
        try await inbox.send(ObjectChunk(object: object.name, bytes: pending, isEndOfObject: true))
    }

    /// The objects still to fetch, shared by the fetching tasks.
    private final class WorkQueue: @unchecked Sendable {
        private let lock = NSLock()
        private var remaining: ArraySlice<SourceObject>

        init(_ objects: [SourceObject]) { remaining = objects[...] }

        func next() -> SourceObject? { lock.withLock { remaining.popFirst() } }
    }
}
