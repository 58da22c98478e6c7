import AWS
import Foundation

/// Where seeding puts objects: S3 (moto) in the sandbox, a dictionary in unit tests.
public protocol ObjectStore: Sendable {
    /// Creates the bucket; one that exists already is fine.
    func ensureBucket(_ bucket: String) async throws
    func store(bucket: String, key: String, body: Data) async throws
}

extension S3Client: ObjectStore {
    public func ensureBucket(_ bucket: String) async throws {
        try await createBucket(bucket)
    }

    public func store(bucket: String, key: String, body: Data) async throws {
        try await putObject(bucket: bucket, key: key, body: body, contentType: key.hasSuffix(".json")
                            ? "application/json" : "application/octet-stream")
    }
}
