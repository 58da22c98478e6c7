import Config
import Foundation
import Warehouse

/// Staging on a real Redshift: its own `COPY … FROM 's3://…'` (rendered by `RedshiftCopy` from the same
/// config), sent as ``RedshiftStagingStatements`` lists them — the list `etl --dry-run` prints. While it
/// runs, progress comes from STV_LOAD_STATE on a second connection. The staged rows are
/// `pg_last_copy_count()`; rejected records are read from STL_LOAD_ERRORS by the COPY's query id, kept in
/// `load_errors` like the client-side loader's, and name the reason when the COPY fails. Not exercised in
/// the sandbox, which has no Redshift data plane (`etl --dry-run --dialect redshift` pins its SQL).
struct RedshiftStaging {
    let connection: Connection
    let config: DWHConfig
    let maxError: Int
    /// For the progress connection; without it the stage reports no progress until it ends.
    let settings: DatabaseSettings?
    /// Each bucket's REGION, the role when the config names none.
    let facts: CopyFacts
    let runID: String?

    static let pollInterval: Duration = .seconds(2)

    /// The stage's statements, as the run sends them.
    static func statements(_ stage: ETLStage, config: DWHConfig, facts: CopyFacts,
                           maxError: Int) throws(ConfigError) -> RedshiftStagingStatements? {
        try RedshiftCopy.staging(config: config, regions: facts.regions, roleARN: facts.roleARN, maxError: maxError)
            .first { $0.table.name == stage.table?.name }
            .map(RedshiftStagingStatements.init)
    }

    func load(_ spec: StagingSpec, onEvent: @escaping @Sendable (ETLEvent) -> Void) async throws -> StageProgress {
        guard let sql = try Self.statements(spec.stage, config: config, facts: facts, maxError: maxError) else {
            throw StagingError.source(object: nil, message: "no Redshift COPY for \(spec.table.name)")
        }
        return try await load(spec, sql: sql, onEvent: onEvent)
    }

    /// Sends `sql` (the stage's statements; tests stand a COPY in for Redshift's).
    func load(_ spec: StagingSpec, sql: RedshiftStagingStatements, onEvent: @escaping @Sendable (ETLEvent) -> Void) async throws -> StageProgress {
        let started = Date()
        let monitor = Task { await watch(spec.stage, started: started, onEvent: onEvent) }
        defer { monitor.cancel() }
        var previousID: Int?
        do {
            let (rows, copyID) = try await connection.transaction { connection in
                try await connection.execute(sql.clear)
                previousID = Int(try await connection.execute(sql.previousCopyID).scalar ?? "")
                try await connection.execute(sql.copy)
                let copied = try await connection.execute(sql.copied).rows.first ?? []
                return (Int(copied.first.flatMap { $0 } ?? "") ?? 0, Int(copied.last.flatMap { $0 } ?? ""))
            }
            // Under MAXERROR the skipped records are evidence, as the client-side loader keeps them.
            if maxError > 0, let copyID, let skipped = try? await RedshiftLoadMonitor.errors(ofCopy: copyID, on: connection),
               !skipped.isEmpty {
                try? await LoadErrorLog.insert(skipped, runID: runID, on: connection)
            }
            return StageProgress(stage: spec.stage, rows: rows, elapsed: Date().timeIntervalSince(started))
        } catch let error as DatabaseError where !error.isCancellation {
            // The transaction is rolled back; a COPY that began loading has its own query id now.
            guard let failedID = Int((try? await connection.execute(sql.failedCopyID))?.scalar ?? ""),
                  failedID >= 0, failedID != previousID,
                  let errors = try? await RedshiftLoadMonitor.errors(ofCopy: failedID, on: connection), !errors.isEmpty else { throw error }
            try? await LoadErrorLog.insert(errors, runID: runID, on: connection)
            throw StagingError.tooManyErrors(table: spec.table.name, maxError: maxError, errors: errors)
        }
    }

    /// Polls STV_LOAD_STATE until cancelled.
    func watch(_ stage: ETLStage, started: Date, onEvent: @escaping @Sendable (ETLEvent) -> Void) async {
        guard let settings, let monitor = try? await Connection.open(settings, dialect: .redshift) else { return }
        while !Task.isCancelled {
            try? await Task.sleep(for: Self.pollInterval)
            guard let state = try? await RedshiftLoadMonitor.progress(of: connection, on: monitor) else { continue }
            onEvent(.stageProgress(StageProgress(stage: stage, objectsDone: state.filesComplete, objectsTotal: state.files,
                                                 rows: state.lines, bytes: state.bytesLoaded, bytesTotal: state.bytesToLoad,
                                                 elapsed: Date().timeIntervalSince(started))))
        }
        await monitor.close()
    }
}
