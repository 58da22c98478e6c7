import Foundation
import Warehouse

/// An incremental run's staging on Redshift: the new objects only, into the temporary new-rows table,
/// with one COPY per object — the stage's own COPY with the object's URL as its source. Many COPYs are
/// slow (each has a fixed cost of seconds), which the run says; one COPY of a manifest listing them
/// would need a writable `[S3] MANIFEST_PREFIX`, not available yet. Not exercised in the sandbox.
extension RedshiftStaging {
    /// The COPY of each object into `table`. A COPY source is a key prefix: an object whose key is a
    /// prefix of another's would load both (not so for the daily log files and TR….json song files).
    static func copies(of objects: [SourceObject], base: RedshiftCopy, into table: TableDefinition) -> [String] {
        objects.map { object in
            var copy = base
            copy.table = table
            copy.source = object.name
            return copy.sql
        }
    }

    /// The warning an incremental run on Redshift gives for `count` new objects of a stage.
    static func speedWarning(_ stage: ETLStage, count: Int) -> String {
        "\(stage.rawValue): \(count) new objects, one COPY each (slow on Redshift: each COPY has a fixed cost; "
            + "a manifest would load them in one)"
    }

    /// Loads `objects` into `table`, one COPY after the other; rows per object from each COPY.
    func loadNew(_ objects: [SourceObject], spec: StagingSpec, into table: TableDefinition) async throws -> ETLRunner.StagedObjects {
        let copies = try RedshiftCopy.staging(config: config, regions: facts.regions, roleARN: facts.roleARN, maxError: maxError)
        guard let base = copies.first(where: { $0.table.name == spec.table.name }) else {
            throw StagingError.source(object: nil, message: "no Redshift COPY for \(spec.table.name)")
        }
        let started = Date()
        var progress = StageProgress(stage: spec.stage, objectsTotal: objects.count)
        var rows: [String: Int] = [:]
        for (object, sql) in zip(objects, Self.copies(of: objects, base: base, into: table)) {
            try await connection.execute(sql)
            // Redshift's own count of what that COPY loaded (its command tag does not say).
            let loaded = Int(try await connection.execute("SELECT pg_last_copy_count()").scalar ?? "") ?? 0
            rows[object.name] = loaded
            progress.objectsDone += 1
            progress.rows += loaded
            progress.elapsed = Date().timeIntervalSince(started)
        }
        return ETLRunner.StagedObjects(progress: progress, objects: objects, rowsByObject: rows)
    }
}
