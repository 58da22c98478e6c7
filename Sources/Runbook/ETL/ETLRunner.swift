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
    /// `etl --incremental`: stage only the objects `etl_objects` does not list and update the final
    /// tables in place (see `runIncrementally`); only for a run of every stage.
    public var incremental = false
    /// With `incremental`: the sources as listed moments ago (``SourceListing``); nil lists them now.
    public var listing: SourceListing?

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
        // Who and where come from the lock's holder: etl_runs and etl_lock never disagree.
        do { _ = try await log.start(run, by: lock.holder, version: SparkifyRelease.version) } catch {
            await lock.release()
            throw .database(nil, error)
        }
        onEvent(.runStarted(runID: run.id, stages: stages))
        // What each stage last reported, so a failed stage's last line tells what it had done.
        let lastProgress = LastProgress()
        var tracked = self
        tracked.onEvent = { [onEvent] event in
            lastProgress.note(event)
            onEvent(event)
        }
        let onEvent = tracked.onEvent

        var listed: [ETLStage: [SourceObject]] = [:]
        if incremental && requested.isEmpty {
            switch try await tracked.runIncrementally(specs: specs, run: run, log: log, lock: lock) {
            case .finished(let summary):
                return summary
            case .rebuild(let reason, let listings):
                onEvent(.notice("full rebuild instead of an incremental run: \(reason)"))
                listed = listings
            }
        }
        // What staging holds is recorded again only if every stage succeeds (see `recordLoadedObjects`).
        let records = LoadedObjectRecords(runner: self, stages: stages)
        await records.forget()

        var finished: [StageProgress] = []
        var checks: QualityReport?
        // The fixed order: staging, then the transforms (lane by lane, see `transforms(in:run:)`), then checks.
        do throws(StageFailure) {
            for stage in stages where stage.isStaging {
                finished.append(try await tracked.stage(stage, on: connection, run: run) { started in
                    let staged = try await tracked.stageData(specs[stage]!, runID: run.id, started: started, listed: listed[stage])
                    records.add(staged, stage: stage, runID: run.id)
                    return staged.progress
                })
            }
            finished += try await tracked.transforms(in: ETLPlan.transformLanes(stages, dialect: connection.dialect), run: run)
            if stages.contains(.checks) {
                finished.append(try await tracked.stage(.checks, on: connection, run: run) { _ in
                    let report = try await QualityChecks.run(on: connection)
                    checks = report
                    onEvent(.checksReported(report))
                    if !report.passed { throw ETLError.checksFailed(report) }
                    return StageProgress(stage: .checks, rows: report.results.count)
                })
            }
        } catch {
            throw await tracked.failed(error.error, stage: error.stage, run: run, lock: lock, started: error.started,
                                       lastProgress: lastProgress, onRunConnection: error.connection === connection,
                                       alongside: error.alongside)
        }
        await records.save()
        return await tracked.finishRun(run, log: log, lock: lock, stages: finished, checks: checks)
    }

    /// A stage that failed or was cancelled, when it had started and on which connection; `alongside`:
    /// what the other transform lane's stage stopped by it reports, after this stage's own end.
    struct StageFailure: Error {
        var stage: ETLStage
        var started: Date
        var error: any Error
        var connection: Connection
        var alongside: [ETLEvent] = []
    }

    /// Runs one stage's `work` between its started and finished events and, once it has committed,
    /// records it in etl_runs on `connection`: the run's own, or a transform lane's.
    private func stage(_ stage: ETLStage, on connection: Connection, run: ETLRun,
                       _ work: (Date) async throws -> StageProgress) async throws(StageFailure) -> StageProgress {
        let started = Date()
        onEvent(.stageStarted(StageProgress(stage: stage)))
        do {
            var progress = try await work(started)
            progress.elapsed = Date().timeIntervalSince(started)
            // A stage that committed as the other lane failed is recorded too.
            await ETLRunLog(connection: connection).recordUncancelled(run, stage: stage, startedAt: started, rows: progress.rows,
                                                                      bytes: stage.isStaging ? progress.bytes : nil, outcome: .succeeded)
            onEvent(.stageFinished(progress, outcome: .succeeded, message: nil))
            return progress
        } catch {
            throw StageFailure(stage: stage, started: started, error: error, connection: connection)
        }
    }

    // MARK: - Transforms

    private func transform(_ stage: ETLStage, on connection: Connection, run: ETLRun) async throws(StageFailure) -> StageProgress {
        try await self.stage(stage, on: connection, run: run) { _ in
            StageProgress(stage: stage, rows: try await Transform.run(stage, on: connection).rows)
        }
    }

    /// The transform stages, lane by lane (`ETLPlan.transformLanes`): each lane's stages one after
    /// another, the lanes side by side, the second on a connection of its own. The first stage to fail
    /// stops the run: the other lane's running stage is cancelled — rolled back, so its table keeps its
    /// rows — and reported so, and its later stages never start; stages that finished stay committed,
    /// as in a run one stage at a time.
    private func transforms(in lanes: [[ETLStage]], run: ETLRun) async throws(StageFailure) -> [StageProgress] {
        guard lanes.count > 1 else {
            var done: [StageProgress] = []
            for stage in lanes.first ?? [] { done.append(try await transform(stage, on: connection, run: run)) }
            return done
        }
        let beside: Connection
        do {
            beside = try await connection.another()
        } catch {
            // E.g. the server's max_connections reached: the same stages one after the other.
            if !Task.isCancelled {
                onEvent(.notice("the transforms run one after another: no second connection (\(error.description))"))
            }
            let stages = Set(lanes.joined())
            return try await transforms(in: [ETLStage.allCases.filter(stages.contains)], run: run)
        }
        let outcomes = await withTaskGroup(of: LaneOutcome.self) { group in
            for (index, lane) in lanes.enumerated() {
                let connection = index == 0 ? connection : beside
                group.addTask {
                    var done: [StageProgress] = []
                    for stage in lane {
                        // Cancelled between two stages (the other lane failed, or the operator): no more.
                        if Task.isCancelled { return LaneOutcome(done: done, notStarted: stage, connection: connection) }
                        do throws(StageFailure) { done.append(try await transform(stage, on: connection, run: run)) }
                        catch { return LaneOutcome(done: done, failure: error, connection: connection) }
                    }
                    return LaneOutcome(done: done, connection: connection)
                }
            }
            var outcomes: [LaneOutcome] = []
            for await outcome in group {
                if outcome.failure != nil || outcome.notStarted != nil { group.cancelAll() }
                outcomes.append(outcome)
            }
            return outcomes
        }
        // In the order the lanes ended: the first failure is the run's; a later one was cancelled by it
        // (and is recorded on its lane's connection, so that one closes only after).
        let failed = outcomes.compactMap(\.failure)
        var alongside: [ETLEvent] = []
        for other in failed.dropFirst() { alongside.append(await stopped(other, by: failed[0], run: run)) }
        await beside.close()
        if var first = failed.first {
            first.alongside = alongside
            throw first
        }
        // Nothing failed, yet a stage never started: the operator cancelled between two stages.
        if let skipped = outcomes.first(where: { $0.notStarted != nil }) {
            throw StageFailure(stage: skipped.notStarted!, started: Date(), error: CancellationError(), connection: skipped.connection)
        }
        let done = outcomes.flatMap(\.done)
        return ETLStage.allCases.compactMap { stage in done.first { $0.stage == stage } }
    }

    /// What one lane did: the stages it finished and, when one failed or was cancelled, that one; or the
    /// stage it did not start because it was cancelled.
    private struct LaneOutcome: Sendable {
        var done: [StageProgress]
        var failure: StageFailure? = nil
        var notStarted: ETLStage? = nil
        var connection: Connection
    }

    /// Records a stage that stopped because the other lane's stage `cause` failed (or the operator
    /// cancelled both), and returns its report; the run's failure itself goes through `failed`.
    private func stopped(_ failure: StageFailure, by cause: StageFailure, run: ETLRun) async -> ETLEvent {
        let error = Self.etlError(failure.error, stage: failure.stage)
        let causedByFailure = !Self.etlError(cause.error, stage: cause.stage).isCancellation
        let message = error.isCancellation && causedByFailure
            ? "\(failure.stage.rawValue): cancelled because \(cause.stage.rawValue) failed; rolled back, the table keeps its previous rows"
            : error.description
        let outcome: ETLOutcome = error.isCancellation ? .cancelled : .failed
        await ETLRunLog(connection: failure.connection).recordUncancelled(run, stage: failure.stage, startedAt: failure.started,
                                                                          rows: nil, outcome: outcome, message: message)
        return .stageFinished(StageProgress(stage: failure.stage, elapsed: Date().timeIntervalSince(failure.started)),
                              outcome: outcome, message: message)
    }

    // MARK: - Staging

    /// Loads the stage's whole source. `listed`: the objects when an incremental run has listed them
    /// already (it fell back to this full rebuild).
    private func stageData(_ spec: StagingSpec, runID: String, started: Date,
                           listed: [SourceObject]?) async throws -> StagedObjects {
        if connection.dialect == .redshift {
            let progress = try await RedshiftStaging(connection: connection, config: config, maxError: maxError, settings: settings,
                                                     facts: copyFacts, runID: runID)
                .load(spec, onEvent: onEvent)
            // Redshift listed the prefix itself; what it loaded is recorded from our own listing.
            var objects = listed ?? []
            if listed == nil { objects = (try? await source.list(spec.source)) ?? [] }
            return StagedObjects(progress: progress, objects: objects, rowsByObject: [:])
        }
        let options = try await copyOptions(spec)
        var objects = listed ?? []
        if listed == nil { objects = try await listObjects(spec, options: options) }
        return try await load(objects, spec: spec, options: options, into: spec.table, runID: runID, started: started)
    }

    /// The stage's COPY options with its JSONPaths file read.
    func copyOptions(_ spec: StagingSpec) async throws -> CopyOptions {
        var options = spec.options
        if let paths = spec.jsonPaths {
            options.format = try JSONPathsFile.parse(try await source.read(paths), source: paths.description)
        }
        return options
    }

    func listObjects(_ spec: StagingSpec, options: CopyOptions) async throws -> [SourceObject] {
        onEvent(.listing(stage: spec.stage, location: spec.source.description))
        return try await source.list(spec.source, manifest: options.manifest)
    }

    /// What a client-side load of some objects did.
    struct StagedObjects {
        var progress: StageProgress
        var objects: [SourceObject]
        var rowsByObject: [String: Int]
    }

    /// Loads `objects` into `table` (the stage's own, or the temporary table of an incremental run).
    /// `listed`: an incremental run's count of the objects listed, of which `objects` are the new.
    func load(_ objects: [SourceObject], spec: StagingSpec, options: CopyOptions, into table: TableDefinition,
              runID: String, started: Date, listed: Int? = nil) async throws -> StagedObjects {
        let tracker = ProgressTracker(StageProgress(stage: spec.stage, objectsTotal: objects.count, objectsListed: listed,
                                                    bytesTotal: objects.allSatisfy { $0.size != nil }
                                                        ? objects.reduce(0) { $0 + ($1.size ?? 0) } : nil),
                                      started: started, onEvent: onEvent)
        let load = StagingLoad(connection: connection, plan: LoadPlan(table: table, options: options), runID: runID,
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
        return StagedObjects(progress: progress, objects: objects, rowsByObject: tracker.rowsByObject)
    }

    /// Ends a run whose every stage succeeded (full or incremental): its record closed, the run lock
    /// given up, the faces told; returns what it did.
    func finishRun(_ run: ETLRun, log: ETLRunLog, lock: RunLock, stages: [StageProgress],
                   checks: QualityReport?) async -> Summary {
        // Statistics are a speed-up for what follows, never a reason to fail a committed run.
        for statement in TransformSQL.afterRun(connection.dialect) { _ = try? await connection.execute(statement) }
        try? await log.finish(run, outcome: .succeeded)
        await lock.release()
        let seconds = Date().timeIntervalSince(run.startedAt)
        onEvent(.runFinished(runID: run.id, outcome: .succeeded, seconds: seconds))
        return Summary(runID: run.id, stages: stages, checks: checks, seconds: seconds)
    }

    /// Records and reports the stage's failure, which ends the run; returns the error to throw.
    /// Ends a run whose `stage` failed or was cancelled: its record written outside the stage's (rolled
    /// back) transaction and outside the task's cancellation — a cancelled run must not stay "running" in
    /// etl_runs; a lost connection is replaced by a fresh one for it, when the server still answers — and
    /// the run lock given up.
    /// `onRunConnection`: the stage ran on the run's own connection (a transform lane's second one
    /// lost is not the run's connection lost); `alongside`: reports to give after the stage's own end.
    func failed(_ error: any Error, stage: ETLStage, run: ETLRun, lock: RunLock, started: Date,
                lastProgress: LastProgress? = nil, onRunConnection: Bool = true, alongside: [ETLEvent] = []) async -> ETLError {
        let failure = Self.etlError(error, stage: stage)
        let outcome: ETLOutcome = failure.isCancellation ? .cancelled : .failed
        // What the stage had done when it stopped (not zeros: rates derived from it stay sane).
        var progress = lastProgress?.latest(of: stage) ?? StageProgress(stage: stage)
        progress.elapsed = Date().timeIntervalSince(started)
        let message = failure.description
        let settings = settings
        let dialect = connection.dialect
        // A lane's own connection lost: the run's may still be alive (then the record goes there, and
        // the lock is released on it), or the server went and took both.
        var lost = failure.isConnectionLost
        if lost && !onRunConnection {
            let connection = lock.connection
            lost = await Task.detached { (try? await connection.execute("SELECT 1")) == nil }.value
        }
        await Task.detached {
            await RunLockStep.recordFailure(run, stage: stage, startedAt: started, outcome: outcome, message: message,
                                            lock: lock, lost: lost, settings: settings, dialect: dialect)
        }.value
        onEvent(.stageFinished(progress, outcome: outcome, message: failure.description))
        alongside.forEach(onEvent)
        onEvent(.runFinished(runID: run.id, outcome: outcome, seconds: Date().timeIntervalSince(run.startedAt)))
        return failure
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
    /// Rows each loaded object gave, by its name.
    var rowsByObject: [String: Int] { lock.withLock { rows } }
    // Guarded by `lock`.
    private var rows: [String: Int] = [:]

    /// Called on the parse thread after each object.
    @Sendable func objectLoaded(_ object: StagingParser.ObjectSummary) {
        let snapshot = lock.withLock {
            progress.objectsDone += 1
            progress.rows += object.rows
            rows[object.object, default: 0] += object.rows
            progress.bytes += object.bytes
            progress.elapsed = Date().timeIntervalSince(started)
            return progress
        }
        onEvent(.stageProgress(snapshot))
    }
}
