import Config
import Foundation
import Warehouse

/// The run lock's part in an ETL run (#9): taken before the run is recorded, released at its end; and
/// the record of a failed run, written on a fresh connection when the run's own connection is lost.
enum RunLockStep {
    /// Takes the warehouse's run lock for `run`, or fails naming who holds it. A stale lock taken over
    /// is reported as a warning.
    static func take(for run: ETLRun, on connection: Connection,
                     onEvent: @Sendable (ETLEvent) -> Void) async throws(ETLError) -> RunLock {
        do {
            let lock = try await RunLock.acquire(on: connection, for: .current(run.id, at: run.startedAt))
            if let note = lock.takeOverNote { onEvent(.warning(note)) }
            return lock
        } catch {
            throw .locked(error)
        }
    }

    /// Closes a failed or cancelled run in etl_runs and gives up its lock. When the run's connection is
    /// lost, a new one (to `settings`) writes it; when none can be had, the row stays `running` until
    /// the next session closes it as interrupted (``ETLRunLog/closeOrphans()``).
    static func recordFailure(_ run: ETLRun, stage: ETLStage, startedAt: Date, outcome: ETLOutcome, message: String,
                              lock: RunLock, lost: Bool, settings: DatabaseSettings?, dialect: Dialect) async {
        var connection = lock.connection
        var replacement: Connection?
        if lost {
            guard let settings,
                  let fresh = try? await Connection.open(settings, dialect: dialect, connectTimeoutSeconds: 3) else { return }
            replacement = fresh
            connection = fresh
        }
        let log = ETLRunLog(connection: connection)
        try? await log.record(run, stage: stage, startedAt: startedAt, rows: nil, outcome: outcome, message: message)
        try? await log.finish(run, outcome: outcome, message: message)
        if let replacement {
            // The lost session's advisory lock went with it; its row is stale now and goes too, so the
            // next run starts without a take-over warning.
            await RunLock.releaseStale(lock.holder, on: replacement)
            await replacement.close()
        } else {
            await lock.release()
        }
    }
}

extension ETLRunLog {
    /// `record`, outside the calling task's cancellation: a stage that committed (or was rolled back)
    /// while the run was being cancelled is still written down. A record that cannot be written costs
    /// the history a row, never the run.
    func recordUncancelled(_ run: ETLRun, stage: ETLStage, startedAt: Date, rows: Int?, bytes: Int? = nil,
                           outcome: ETLOutcome, message: String? = nil) async {
        let log = self
        await Task.detached {
            try? await log.record(run, stage: stage, startedAt: startedAt, rows: rows, bytes: bytes, outcome: outcome,
                                  message: message)
        }.value
    }
}

/// The latest progress each stage reported, so a failed stage's last line reports what it had done.
final class LastProgress: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var latest: [ETLStage: StageProgress] = [:]

    func note(_ event: ETLEvent) {
        switch event {
        case .stageStarted(let progress), .stageProgress(let progress):
            lock.withLock { latest[progress.stage] = progress }
        default:
            break
        }
    }

    func latest(of stage: ETLStage) -> StageProgress? { lock.withLock { latest[stage] } }
}
