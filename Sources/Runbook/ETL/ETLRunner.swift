import Config
import Foundation
import Warehouse

/// An ETL run (PRODUCT §3): the selected stages in their fixed order — staging_events, staging_songs,
/// the transforms, checks — each in its own transaction, recorded in `etl_runs`. A failed or cancelled
/// stage rolls back and stops the run; the stages before it stay committed.
///
/// Staging on PostgreSQL (the sandbox) goes through the client-side loader, fed from S3 or local files;
/// on Redshift it is Redshift's own COPY.
public struct ETLRunner: Sendable {
    public var connection: Connection
    public var config: DWHConfig
    public var source: ObjectSource
    /// MAXERROR for both staging loads.
    public var maxError: Int
    /// Where `connection` goes: on Redshift, a second connection reads COPY progress from STV_LOAD_STATE.
    public var settings: DatabaseSettings?
    /// On Redshift: each bucket's COPY REGION, and the role when the config names none (``CopyFacts``).
    public var copyFacts = CopyFacts()
    public var onEvent: @Sendable (ETLEvent) -> Void

    public init(connection: Connection, config: DWHConfig, source: ObjectSource, maxError: Int = 0,
                settings: DatabaseSettings? = nil, onEvent: @escaping @Sendable (ETLEvent) -> Void = { _ in }) {
        self.connection = connection
        self.config = config
        self.source = source
        self.maxError = maxError
        self.settings = settings
        self.onEvent = onEvent
    }

    /// What a finished run did.
    public struct Summary: Sendable, Equatable {
        public var runID: String
        public var stages: [StageProgress]
        public var checks: QualityReport?
        public var seconds: TimeInterval
    }

    /// Runs `stages` (all when empty) in the canonical order.
    public func run(stages requested: Set<ETLStage> = []) async throws(ETLError) -> Summary {
        let stages = ETLPlan.order(requested)
        let specs: [ETLStage: StagingSpec]
        do {
            specs = stages.contains(where: \.isStaging) ? try StagingSpec.specs(config: config, maxError: maxError) : [:]
        } catch {
            throw .config(error)
        }
        let log = ETLRunLog(connection: connection)
        // Runs whose session died are closed first, so they neither look running nor hold the lock.
        await log.closeOrphans()
        let run = ETLRunLog.newRun()
        let lock = try await RunLockStep.take(for: run, on: connection, onEvent: onEvent)
        do { _ = try await log.start(run) } catch {
            await lock.release()
            throw .database(nil, error)
        }
        onEvent(.runStarted(runID: run.id, stages: stages))
        let lastProgress = LastProgress()
        let onEvent: @Sendable (ETLEvent) -> Void = { [onEvent] event in
            lastProgress.note(event)
            onEvent(event)
        }

        var finished: [StageProgress] = []
        var checks: QualityReport?
        for stage in stages {
            let started = Date()
            onEvent(.stageStarted(StageProgress(stage: stage)))
            do {
                var progress: StageProgress
                if let spec = specs[stage] {
                    progress = try await stageData(spec, runID: run.id, started: started, onEvent: onEvent)
                } else if stage == .checks {
                    let report = try await QualityChecks.run(on: connection)
                    checks = report
                    onEvent(.checksReported(report))
                    progress = StageProgress(stage: stage, rows: report.results.count)
                    if !report.passed { throw ETLError.checksFailed(report) }
                } else {
                    let outcome = try await Transform.run(stage, on: connection)
                    progress = StageProgress(stage: stage, rows: outcome.rows)
                }
                progress.elapsed = Date().timeIntervalSince(started)
                try? await log.record(run, stage: stage, startedAt: started, rows: progress.rows,
                                      bytes: stage.isStaging ? progress.bytes : nil, outcome: .succeeded)
                onEvent(.stageFinished(progress, outcome: .succeeded, message: nil))
                finished.append(progress)
            } catch {
                let failure = Self.etlError(error, stage: stage)
                let outcome: ETLOutcome = failure.isCancellation ? .cancelled : .failed
                // What the stage had done when it stopped (not zeros: rates derived from it stay sane).
                var progress = lastProgress.latest(of: stage) ?? StageProgress(stage: stage)
                progress.elapsed = Date().timeIntervalSince(started)
                // The log is written outside the stage's (rolled back) transaction, and outside the task's
                // cancellation: a cancelled run must not stay "running" in etl_runs. A lost connection is
                // replaced by a fresh one for it, when the server still answers.
                let message = failure.description
                let settings = settings
                let dialect = connection.dialect
                await Task.detached {
                    await RunLockStep.recordFailure(run, stage: stage, startedAt: started, outcome: outcome, message: message,
                                                    lock: lock, lost: failure.isConnectionLost, settings: settings, dialect: dialect)
                }.value
                onEvent(.stageFinished(progress, outcome: outcome, message: failure.description))
                onEvent(.runFinished(runID: run.id, outcome: outcome, seconds: Date().timeIntervalSince(run.startedAt)))
                throw failure
            }
        }
        try? await log.finish(run, outcome: .succeeded)
        await lock.release()
        let seconds = Date().timeIntervalSince(run.startedAt)
        onEvent(.runFinished(runID: run.id, outcome: .succeeded, seconds: seconds))
        return Summary(runID: run.id, stages: finished, checks: checks, seconds: seconds)
    }

    // MARK: - Staging

    private func stageData(_ spec: StagingSpec, runID: String, started: Date,
                           onEvent: @escaping @Sendable (ETLEvent) -> Void) async throws -> StageProgress {
        if connection.dialect == .redshift {
            return try await RedshiftStaging(connection: connection, config: config, maxError: maxError, settings: settings,
                                             facts: copyFacts, runID: runID)
                .load(spec, onEvent: onEvent)
        }
        var options = spec.options
        if let paths = spec.jsonPaths {
            options.format = try JSONPathsFile.parse(try await source.read(paths), source: paths.description)
        }
        onEvent(.listing(stage: spec.stage, location: spec.source.description))
        let objects = try await source.list(spec.source, manifest: options.manifest)
        let tracker = ProgressTracker(StageProgress(stage: spec.stage, objectsTotal: objects.count,
                                                    bytesTotal: objects.allSatisfy { $0.size != nil }
                                                        ? objects.reduce(0) { $0 + ($1.size ?? 0) } : nil),
                                      started: started, onEvent: onEvent)
        let load = StagingLoad(connection: connection, plan: LoadPlan(table: spec.table, options: options), runID: runID,
                               onObject: tracker.objectLoaded)
        let inbox = BoundedChannel<ObjectChunk>(capacity: 16)
        async let sent: Void = source.send(objects, into: inbox)
        let result: Result<StagingLoad.Result, StagingError>
        do throws(StagingError) {
            result = .success(try await load.run(inbox))
        } catch {
            result = .failure(error)
        }
        await sent
        let loaded = try result.get()
        if let warning = SkippedRecords.warning(loaded.skipped, stage: spec.stage) { onEvent(.warning(warning)) }
        var progress = tracker.current
        progress.rows = loaded.rows
        progress.bytes = loaded.bytes
        progress.objectsDone = loaded.objects
        return progress
    }

    static func etlError(_ error: any Error, stage: ETLStage) -> ETLError {
        // Whatever broke once the operator cancelled (a listing, a GET, a query) broke because of it.
        if Task.isCancelled { return .cancelled(stage) }
        switch error {
        case let error as ETLError: return error
        case let error as StagingError:
            if case .cancelled = error { return .cancelled(stage) }
            return .staging(stage, error)
        case let error as DatabaseError: return error.isCancellation ? .cancelled(stage) : .database(stage, error)
        case is CancellationError: return .cancelled(stage)
        default: return .staging(stage, .source(object: nil, message: "\(error)"))
        }
    }
}

/// Sums the loader's per-object reports into the stage's progress and reports it.
final class ProgressTracker: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var progress: StageProgress
    private let started: Date
    private let onEvent: @Sendable (ETLEvent) -> Void

    init(_ progress: StageProgress, started: Date, onEvent: @escaping @Sendable (ETLEvent) -> Void) {
        self.progress = progress
        self.started = started
        self.onEvent = onEvent
    }

    var current: StageProgress { lock.withLock { progress } }

    /// Called on the parse thread after each object.
    @Sendable func objectLoaded(_ object: StagingParser.ObjectSummary) {
        let snapshot = lock.withLock {
            progress.objectsDone += 1
            progress.rows += object.rows
            progress.bytes += object.bytes
            progress.elapsed = Date().timeIntervalSince(started)
            return progress
        }
        onEvent(.stageProgress(snapshot))
    }
}
