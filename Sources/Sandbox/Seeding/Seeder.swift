import Foundation

/// Uploads files into a bucket, a bounded number at a time (moto answers one request at a time per
/// worker thread; a handful in flight keeps it busy without queueing memory), reporting progress after
/// each file. Files are pulled from the sequence only as slots free up, so a generated data set streams.
public struct Seeder: Sendable {
    public var store: any ObjectStore
    public var bucket: String
    public var concurrency: Int

    public init(store: any ObjectStore, bucket: String, concurrency: Int = 8) {
        self.store = store
        self.bucket = bucket
        self.concurrency = max(1, concurrency)
    }

    /// Creates the bucket and uploads every file; returns the totals. Cancellation stops it between files.
    @discardableResult
    public func seed<Files: Sequence<SeedFile>>(_ files: Files, count: Int,
                                                progress: @Sendable (SeedProgress) -> Void = { _ in })
        async throws(SandboxError) -> SeedProgress
    {
        do { try await store.ensureBucket(bucket) } catch {
            throw .seeding(key: "s3://\(bucket)", reason: "\(error)")
        }
        var done = SeedProgress(fileCount: count)
        progress(done)
        let bucket = bucket
        let store = store
        do {
            try await withThrowingTaskGroup(of: Int.self) { group in
                var pending = files.makeIterator()
                var inFlight = 0
                func addNext() -> Bool {
                    guard let file = pending.next() else { return false }
                    group.addTask {
                        try Task.checkCancellation()
                        let body = try file.data()
                        do { try await store.store(bucket: bucket, key: file.key, body: body) } catch {
                            throw SandboxError.seeding(key: "s3://\(bucket)/\(file.key)", reason: "\(error)")
                        }
                        return body.count
                    }
                    return true
                }
                while inFlight < concurrency, addNext() { inFlight += 1 }
                while let bytes = try await group.next() {
                    done.filesDone += 1
                    done.bytesDone += bytes
                    progress(done)
                    if !addNext() { inFlight -= 1 }
                }
            }
        } catch let error as SandboxError {
            throw error
        } catch is CancellationError {
            throw .cancelled
        } catch {
            throw .seeding(key: "s3://\(bucket)", reason: "\(error)")
        }
        return done
    }
}
