import AWS
import Config
import Foundation
import Warehouse

/// An incremental run's staging on Redshift: the new objects only, into the temporary new-rows table,
/// as ``RedshiftNewObjectsCopy`` decides — one COPY of a manifest (written under `[S3] MANIFEST_PREFIX`
/// and deleted once its COPY has ended, whatever the outcome) or one COPY per object. Not exercised in
/// the sandbox, which has no Redshift data plane; the manifest's S3 side is tested against moto.
extension RedshiftStaging {
    /// The COPYs of the stage's new `objects` into `table`, for run `runID`.
    func newObjectsCopy(_ objects: [SourceObject], spec: StagingSpec, into table: TableDefinition,
                        runID: String) throws -> RedshiftNewObjectsCopy {
        let copies = try RedshiftCopy.staging(config: config, regions: facts.regions, roleARN: facts.roleARN, maxError: maxError)
        guard let base = copies.first(where: { $0.table.name == spec.table.name }) else {
            throw StagingError.source(object: nil, message: "no Redshift COPY for \(spec.table.name)")
        }
        return RedshiftNewObjectsCopy(stage: spec.stage, new: objects, base: base, into: table,
                                      prefix: config.sources.manifestPrefix, regions: facts.regions, runID: runID)
    }

    /// Sends `load`'s COPYs one after the other. Rows per object when each object has a COPY of its
    /// own; a manifest's COPY gives only the stage's total (Redshift's per-file STL_LOAD_COMMITS counts
    /// lines scanned, not rows loaded), so its objects are recorded without one.
    func loadNew(_ load: RedshiftNewObjectsCopy, objects: [SourceObject], s3: S3Client?,
                 onEvent: @escaping @Sendable (ETLEvent) -> Void) async throws -> ETLRunner.StagedObjects {
        let started = Date()
        var progress = StageProgress(stage: load.stage, objectsTotal: objects.count)
        var rows: [String: Int] = [:]
        switch load.form {
        case .nothingNew:
            break
        case .perObject:
            for (object, sql) in zip(objects, load.copies) {
                let loaded = try await copy(sql)
                rows[object.name] = loaded
                progress.objectsDone += 1
                progress.rows += loaded
            }
        case .manifest(let manifest):
            let store = try ManifestStore(s3: s3, manifest: manifest)
            try await store.write()
            let monitor = Task { await watch(load.stage, started: started, onEvent: onEvent) }
            let result: Result<Int, any Error>
            do { result = .success(try await copy(load.copies[0])) } catch { result = .failure(error) }
            monitor.cancel()
            // Out of the task's cancellation: a cancelled run removes its manifest too.
            await Task.detached { await store.delete(onEvent: onEvent) }.value
            progress.rows = try result.get()
            progress.objectsDone = objects.count
        }
        progress.elapsed = Date().timeIntervalSince(started)
        return ETLRunner.StagedObjects(progress: progress, objects: objects, rowsByObject: rows)
    }

    /// Runs one COPY and returns Redshift's count of what it loaded (its command tag does not say).
    private func copy(_ sql: String) async throws -> Int {
        try await connection.execute(sql)
        return Int(try await connection.execute("SELECT pg_last_copy_count()").scalar ?? "") ?? 0
    }
}

/// One run's manifest in S3: written before its COPY, deleted after it.
struct ManifestStore: Sendable {
    let s3: S3Client
    let manifest: CopyManifest

    init(s3: S3Client?, manifest: CopyManifest) throws(StagingError) {
        guard let s3 else {
            throw .source(object: manifest.url, message: "writing the COPY manifest needs AWS credentials ([AWS] KEY/SECRET or AWS_* variables)")
        }
        self.s3 = s3
        self.manifest = manifest
    }

    func write() async throws(StagingError) {
        do {
            try await s3.putObject(bucket: manifest.bucket, key: manifest.key, body: Data(manifest.json.utf8),
                                   contentType: "application/json")
        } catch {
            throw .source(object: manifest.url, message: "could not write the COPY manifest (\(error)): [S3] MANIFEST_PREFIX "
                          + "in dwh.cfg must be writable with your AWS credentials — or remove it to COPY each new object on its own")
        }
    }

    /// A manifest left behind is harmless (nothing lists the prefix), so a failure here is a warning.
    func delete(onEvent: @Sendable (ETLEvent) -> Void) async {
        do {
            try await s3.deleteObject(bucket: manifest.bucket, key: manifest.key)
        } catch {
            onEvent(.warning("could not delete the COPY manifest \(manifest.url) (\(error)); it is harmless, delete it when convenient"))
        }
    }
}

extension ETLRunner {
    enum RedshiftNewObjectsProblem: Error {
        /// Loading only the new objects cannot be done exactly: rebuild in full.
        case rebuild(String)
        case error(any Error)
    }

    func redshiftStaging(runID: String) -> RedshiftStaging {
        RedshiftStaging(connection: connection, config: config, maxError: maxError, settings: settings, facts: copyFacts, runID: runID)
    }

    /// Each staging stage's COPYs of its new objects, and the run's one speed warning when they go
    /// object by object.
    func redshiftNewObjectsCopies(specs: [ETLStage: StagingSpec], new: [ETLStage: [SourceObject]], listed: [ETLStage: [SourceObject]],
                                  runID: String) -> Result<[ETLStage: RedshiftNewObjectsCopy], RedshiftNewObjectsProblem> {
        let staging = redshiftStaging(runID: runID)
        var copies: [ETLStage: RedshiftNewObjectsCopy] = [:]
        for stage in ETLStage.allCases where stage.isStaging {
            guard let spec = specs[stage] else { continue }
            let objects = new[stage] ?? []
            let copy: RedshiftNewObjectsCopy
            do {
                copy = try staging.newObjectsCopy(objects, spec: spec, into: IncrementalSQL.newRows(spec.table), runID: runID)
            } catch {
                return .failure(.error(error))
            }
            if copy.form == .perObject, let clash = RedshiftNewObjectsCopy.prefixClash(new: objects, listed: listed[stage] ?? []) {
                return .failure(.rebuild(clash))
            }
            copies[stage] = copy
        }
        let ordered = ETLStage.allCases.compactMap { copies[$0] }
        if let warning = RedshiftNewObjectsCopy.speedWarning(ordered) { onEvent(.warning(warning)) }
        return .success(copies)
    }
}
