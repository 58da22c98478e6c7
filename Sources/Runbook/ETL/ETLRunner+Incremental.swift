import Foundation
import Warehouse

/// `etl --incremental` (issue 14): stage only the objects `etl_objects` does not list yet, then update
/// the final tables in place so they equal a full rebuild over everything staged.
extension ETLRunner {
    enum IncrementalOutcome {
        case finished(Summary)
        /// Rebuild in full instead, with the listings already made.
        case rebuild(reason: String, listed: [ETLStage: [SourceObject]])
    }

    /// Lists both sources and compares them with `etl_objects` (`IncrementalPlan`). When only new
    /// objects have appeared, loads them into temporary tables (`IncrementalSQL.newRows`), checks their
    /// events come after the loaded ones, and then runs the five transforms' incremental SQL, the
    /// append of the new rows to staging and their record in `etl_objects` in ONE transaction: a failed
    /// or cancelled run changes no table. The checks run last, as in a full run.
    func runIncrementally(specs: [ETLStage: StagingSpec], run: ETLRun, log: ETLRunLog,
                          lock: RunLock) async throws(ETLError) -> IncrementalOutcome {
        let book = LoadedObjectLog(connection: connection)
        var listed: [ETLStage: [SourceObject]] = [:]
        var options: [ETLStage: CopyOptions] = [:]
        let staging = ETLStage.allCases.filter(\.isStaging)
        let loaded: [LoadedObject]
        do {
            try await book.prepare()
            loaded = try await book.all()
            for stage in staging {
                guard let spec = specs[stage] else { continue }
                let stageOptions = try await copyOptions(spec)
                guard !stageOptions.manifest else {
                    return .rebuild(reason: "\(spec.source) is a manifest: it is loaded in full", listed: [:])
                }
                options[stage] = stageOptions
                listed[stage] = try await listObjects(spec, options: stageOptions)
            }
        } catch {
            throw Self.etlError(error, stage: .stagingEvents)
        }
        let plan = IncrementalPlan.decide(listed: listed, loaded: loaded)
        guard case .incremental(let new, let counts) = plan else {
            if case .fullRebuild(let reason) = plan { return .rebuild(reason: reason, listed: listed) }
            return .rebuild(reason: "no plan", listed: listed)
        }
        var finished: [StageProgress] = []
        var newObjects: [LoadedObject] = []
        for stage in staging {
            guard let spec = specs[stage], let stageOptions = options[stage] else { continue }
            let objects = new[stage] ?? []
            onEvent(.notice("\(stage.rawValue): \(objects.count) new of \(counts[stage] ?? 0) objects"))
            let started = Date()
            onEvent(.stageStarted(StageProgress(stage: stage, objectsTotal: objects.count)))
            do {
                for statement in IncrementalSQL.prepareNewRows(spec.table) { try await connection.execute(statement) }
                let staged: StagedObjects
                if connection.dialect == .redshift {
                    if !objects.isEmpty { onEvent(.notice(RedshiftStaging.speedWarning(stage, count: objects.count))) }
                    staged = try await RedshiftStaging(connection: connection, config: config, maxError: maxError, settings: settings,
                                                       facts: copyFacts, runID: run.id)
                        .loadNew(objects, spec: spec, into: IncrementalSQL.newRows(spec.table))
                } else {
                    staged = try await load(objects, spec: spec, options: stageOptions, into: IncrementalSQL.newRows(spec.table),
                                            runID: run.id, started: started)
                }
                newObjects += objects.map { object in
                    LoadedObject(stage: stage, key: object.name, etag: object.etag, size: object.size,
                                 rows: staged.rowsByObject[object.name] ?? 0, runID: run.id)
                }
                var progress = staged.progress
                progress.elapsed = Date().timeIntervalSince(started)
                try? await log.record(run, stage: stage, startedAt: started, rows: progress.rows, bytes: progress.bytes,
                                      outcome: .succeeded, message: "\(objects.count) new of \(counts[stage] ?? 0) objects")
                onEvent(.stageFinished(progress, outcome: .succeeded, message: nil))
                finished.append(progress)
            } catch {
                throw await failed(error, stage: stage, run: run, lock: lock, started: started)
            }
        }

        do {
            let order = try await connection.execute(IncrementalSQL.eventOrder).rows.first ?? []
            if let problem = IncrementalPlan.eventOrderProblem(order) {
                return .rebuild(reason: problem, listed: listed)
            }
        } catch {
            throw await failed(error, stage: .songplays, run: run, lock: lock, started: Date())
        }

        let transforms = ETLStage.allCases.filter { !$0.isStaging && $0 != .checks }
        var current = transforms[0]
        var started = Date()
        var records: [(StageProgress, Date)] = []
        do {
            try await connection.transaction { connection in
                for statement in TransformSQL.tuning(connection.dialect) { try await connection.execute(statement) }
                for stage in transforms {
                    current = stage
                    started = Date()
                    onEvent(.stageStarted(StageProgress(stage: stage)))
                    for statement in IncrementalSQL.statements(for: stage) { try await connection.execute(statement) }
                    let rows = Int(try await connection.execute(stage.table!.countQuery).scalar ?? "") ?? 0
                    let progress = StageProgress(stage: stage, rows: rows, elapsed: Date().timeIntervalSince(started))
                    onEvent(.stageFinished(progress, outcome: .succeeded, message: nil))
                    records.append((progress, started))
                }
                for statement in IncrementalSQL.appendToStaging { try await connection.execute(statement) }
                try await LoadedObjectLog(connection: connection).append(newObjects)
            }
        } catch {
            throw await failed(error, stage: current, run: run, lock: lock, started: started)
        }
        for (progress, started) in records {
            try? await log.record(run, stage: progress.stage, startedAt: started, rows: progress.rows, outcome: .succeeded)
            finished.append(progress)
        }

        let checksStarted = Date()
        onEvent(.stageStarted(StageProgress(stage: .checks)))
        let report: QualityReport
        do {
            report = try await QualityChecks.run(on: connection)
            onEvent(.checksReported(report))
            if !report.passed { throw ETLError.checksFailed(report) }
        } catch {
            throw await failed(error, stage: .checks, run: run, lock: lock, started: checksStarted)
        }
        let checks = StageProgress(stage: .checks, rows: report.results.count, elapsed: Date().timeIntervalSince(checksStarted))
        try? await log.record(run, stage: .checks, startedAt: checksStarted, rows: checks.rows, outcome: .succeeded)
        onEvent(.stageFinished(checks, outcome: .succeeded, message: nil))
        finished.append(checks)

        return .finished(await finishRun(run, log: log, lock: lock, stages: finished, checks: report))
    }
}
