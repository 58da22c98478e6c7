import AWS
import Config
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

    /// The staging stage around it (a stand-in COPY on PostgreSQL, as in RedshiftStagingTests): the
    /// manifest is put before the COPY and deleted after it, when the COPY fails too.
    @Test func theManifestIsThereForItsCopyAndGoneAfterItWhetherItSucceededOrFailed() async throws {
        let trace = Trace()
        let s3 = S3Client(client: AWSClient(settings: try await TestServers.moto(), observer: { trace.add("S3 \($0.action)") }))
        let bucket = "manifests-" + UUID().uuidString.prefix(8).lowercased()
        try await s3.createBucket(bucket)
        let connection = try await Connection.open(try await ScratchDatabase.make(), observer: { trace.add("SQL \($0.firstLine)") })
        for statement in DDL.createTablesStatements(dialect: .postgres) + RedshiftStagingTests.redshiftStandIns {
            try await connection.execute(statement)
        }
        let base = RedshiftCopy(table: WarehouseSchema.stagingSongs, source: "s3://udacity-dend/song_data", iamRoleARN: "arn:aws:iam::1:role/r",
                                mapping: .auto)
        var load = RedshiftNewObjectsCopy(stage: .stagingSongs, new: Self.objects, base: base, into: WarehouseSchema.stagingSongs,
                                          prefix: ManifestPrefix(bucket: bucket, keyPrefix: "m/"), runID: "run-1")
        guard case .manifest(let manifest) = load.form else { Issue.record("expected a manifest"); return }
        let staging = RedshiftStagingTests.staging(connection, maxError: 0)

        // Outside a transaction: the stand-in's count is set for the session, as Redshift keeps it.
        load.copies = ["SELECT copy_songs(ARRAY['S1', 'S2'], 0), set_config('standin.copied', '2', false)"]
        trace.clear()
        let staged = try await staging.loadNew(load, objects: Self.objects, s3: s3, onEvent: { _ in })
        #expect(staged.progress.rows == 2 && staged.progress.objectsDone == 2)
        #expect(staged.rowsByObject.isEmpty, "a manifest's COPY has no per-object rows")
        #expect(trace.lines == ["S3 PutObject", "SQL \(load.copies[0])", "SQL SELECT pg_last_copy_count()", "S3 DeleteObject"])
        await #expect(throws: AWSError.self) { try await s3.headObject(bucket: bucket, key: manifest.key) }

        load.copies = ["SELECT 1/0"]
        trace.clear()
        await #expect(throws: DatabaseError.self) { try await staging.loadNew(load, objects: Self.objects, s3: s3, onEvent: { _ in }) }
        #expect(trace.lines == ["S3 PutObject", "SQL SELECT 1/0", "S3 DeleteObject"])
        await #expect(throws: AWSError.self) { try await s3.headObject(bucket: bucket, key: manifest.key) }
        await connection.close()
    }

    /// S3 calls and SQL statements in the order they happened.
    final class Trace: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String] = []
        var lines: [String] { lock.withLock { entries } }
        func add(_ line: String) { lock.withLock { entries.append(line) } }
        func clear() { lock.withLock { entries = [] } }
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
