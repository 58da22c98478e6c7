import AWS
import Foundation
import TestSupport
import Testing
import Warehouse
@testable import Runbook

/// The COPY manifest's life in S3 (moto): written before the COPY, deleted after it.
@Suite struct ManifestStoreTests {
    static let objects = ["29", "30"].map { day in
        SourceObject(location: .s3(bucket: "udacity-dend", key: "log_data/2018/11/2018-11-\(day)-events.json"), size: 100, etag: "e")
    }

    @Test func theManifestIsWrittenAsJSONAndDeletedAfterwards() async throws {
        let s3 = S3Client(client: AWSClient(settings: try await TestServers.moto()))
        let bucket = "manifests-" + UUID().uuidString.prefix(8).lowercased()
        try await s3.createBucket(bucket)
        let manifest = CopyManifest(bucket: bucket, key: "sparkify/run-1/staging_events.manifest", objects: Self.objects)
        let store = try ManifestStore(s3: s3, manifest: manifest)

        try await store.write()
        let written = try await s3.getObject(bucket: bucket, key: manifest.key)
        #expect(String(decoding: try await written.body.collect(), as: UTF8.self) == manifest.json)
        #expect(written.head.contentType == "application/json")

        let warnings = Warnings()
        await store.delete(onEvent: warnings.note)
        #expect(warnings.all.isEmpty)
        await #expect(throws: AWSError.self) { try await s3.headObject(bucket: bucket, key: manifest.key) }
        // S3 deletes a missing key without complaint: a second delete is no error either.
        try await s3.deleteObject(bucket: bucket, key: manifest.key)
    }

    @Test func aPrefixThatCannotBeWrittenFailsNamingTheConfigKey() async throws {
        let s3 = S3Client(client: AWSClient(settings: try await TestServers.moto()))
        let manifest = CopyManifest(bucket: "no-such-bucket-" + UUID().uuidString.prefix(8).lowercased(), key: "m/r/staging_songs.manifest",
                                    objects: Self.objects)
        do {
            try await ManifestStore(s3: s3, manifest: manifest).write()
            Issue.record("expected the write to fail")
        } catch {
            #expect(error.description.hasPrefix("\(manifest.url): could not write the COPY manifest ("), "\(error)")
            #expect(error.description.contains("NoSuchBucket"), "\(error)")
            #expect(error.description.hasSuffix("): [S3] MANIFEST_PREFIX in dwh.cfg must be writable with your AWS credentials — "
                + "or remove it to COPY each new object on its own"), "\(error)")
        }
        #expect(throws: StagingError.self) { try ManifestStore(s3: nil, manifest: manifest) }
    }

    /// Collects the warnings the delete reports.
    final class Warnings: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [String] = []
        var all: [String] { lock.withLock { events } }
        @Sendable func note(_ event: ETLEvent) {
            if case .warning(let text) = event { lock.withLock { events.append(text) } }
        }
    }
}
