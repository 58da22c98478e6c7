import Config
import Foundation
import Warehouse

/// Staging on a real Redshift: its own `COPY … FROM 's3://…'` (rendered by `RedshiftCopy` from the same
/// config), in a transaction that first empties the table (Redshift's TRUNCATE would commit). While it
/// runs, progress comes from STV_LOAD_STATE on a second connection; when it fails, the reason comes from
/// STL_LOAD_ERRORS. Not exercised in the sandbox, which has no Redshift data plane.
struct RedshiftStaging {
    let connection: Connection
    let config: DWHConfig
    let maxError: Int
    /// For the progress connection; without it the stage reports no progress until it ends.
    let settings: DatabaseSettings?

    static let pollInterval: Duration = .seconds(2)

    func load(_ spec: StagingSpec, onEvent: @escaping @Sendable (ETLEvent) -> Void) async throws -> StageProgress {
        let copies = try RedshiftCopy.staging(config: config, region: config.awsRegion, maxError: maxError)
        guard let copy = copies.first(where: { $0.table.name == spec.table.name }) else {
            throw StagingError.source(object: nil, message: "no Redshift COPY for \(spec.table.name)")
        }
        let started = Date()
        let monitor = Task { await watch(spec.stage, started: started, onEvent: onEvent) }
        defer { monitor.cancel() }
        do {
            let rows = try await connection.transaction { connection in
                try await connection.execute("DELETE FROM \(spec.table.name)")
                return try await connection.execute(copy.sql).affectedRows ?? 0
            }
            return StageProgress(stage: spec.stage, rows: rows, elapsed: Date().timeIntervalSince(started))
        } catch let error as DatabaseError where !error.isCancellation {
            let errors = (try? await RedshiftLoadMonitor.errors(of: connection, since: started, on: connection)) ?? []
            if errors.isEmpty { throw error }
            throw StagingError.tooManyErrors(table: spec.table.name, maxError: maxError, errors: errors)
        }
    }

    /// Polls STV_LOAD_STATE until cancelled.
    private func watch(_ stage: ETLStage, started: Date, onEvent: @escaping @Sendable (ETLEvent) -> Void) async {
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
