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

    /// What an incremental run starts from: `etl_objects`' rows and, when it holds any, both sources
    /// listed with their COPY options. Shared by the run and its preview, so both decide alike.
    struct IncrementalListing {
        var loaded: [LoadedObject] = []
        var listed: [ETLStage: [SourceObject]] = [:]
        var options: [ETLStage: CopyOptions] = [:]
        /// Why no source can be compared at all (a manifest is loaded in full).
        var obstacle: String?

        var plan: IncrementalPlan {
            obstacle.map { .fullRebuild(reason: $0) } ?? IncrementalPlan.decide(listed: listed, loaded: loaded)
        }
    }

    /// Reads `etl_objects` (`prepare`: creating it when missing, as a run does) and, unless it is
    /// empty, lists the staging sources. Without loaded objects there is nothing to compare with, and a
    /// full run lists for itself.
    func incrementalListing(specs: [ETLStage: StagingSpec], prepare: Bool) async throws -> IncrementalListing {
        let book = LoadedObjectLog(connection: connection)
        var listing = IncrementalListing()
        if prepare {
            try await book.prepare()
        } else if try await TableCatalog.existing([WarehouseSchema.etlObjects.name], on: connection).isEmpty {
            return listing
        }
        listing.loaded = try await book.all()
        guard !listing.loaded.isEmpty else { return listing }
        for stage in ETLStage.allCases.filter(\.isStaging) {
            guard let spec = specs[stage] else { continue }
            let stageOptions = try await copyOptions(spec)
            guard !stageOptions.manifest else {
                listing.obstacle = "\(spec.source) is a manifest: it is loaded in full"
                listing.listed = [:]
                return listing
            }
            listing.options[stage] = stageOptions
            if let given = self.listing?.objects[stage] {
                // The panel's "list S3" line then counts the listing in use: the question's.
                onEvent(.listing(stage: stage, location: spec.source.description))
                listing.listed[stage] = given
                continue
            }
            listing.listed[stage] = try await listObjects(spec, options: stageOptions)
        }
        return listing
    }

    /// What `etl --incremental` would stage now (the console asks before a run): no table changes, no
    /// run recorded, no lock taken. With the preview comes the listing it was decided from, for the run
    /// that follows (nil when nothing was listed).
    public func previewIncremental() async -> (preview: IncrementalPreview, listing: SourceListing?) {
        do {
            let specs = try StagingSpec.specs(config: config, maxError: maxError)
            let listing = try await incrementalListing(specs: specs, prepare: false)
            if listing.loaded.isEmpty, listing.obstacle == nil { return (.noPreviousRun, nil) }
            return (IncrementalPreview(listing.plan), listing.listed.isEmpty ? nil : SourceListing(objects: listing.listed))
        } catch {
            return (.unavailable("\(error)"), nil)
        }
    }

    /// Lists both sources and compares them with `etl_objects` (`IncrementalPlan`). When only new
    /// objects have appeared, loads them into temporary tables (`IncrementalSQL.newRows`), checks their
    /// events come after the loaded ones, and then runs the five transforms' incremental SQL, the
    /// append of the new rows to staging and their record in `etl_objects` in ONE transaction: a failed
    /// or cancelled run changes no table. The checks run last, as in a full run.
    func runIncrementally(specs: [ETLStage: StagingSpec], run: ETLRun, log: ETLRunLog,
                          lock: RunLock) async throws(ETLError) -> IncrementalOutcome {
        let listing: IncrementalListing
        do {
            listing = try await incrementalListing(specs: specs, prepare: true)
        } catch {
            throw Self.etlError(error, stage: .stagingEvents)
        }
        let (listed, options) = (listing.listed, listing.options)
        let staging = ETLStage.allCases.filter(\.isStaging)
        let plan = listing.plan
        guard case .incremental(let new, let counts) = plan else {
            if case .fullRebuild(let reason) = plan { return .rebuild(reason: reason, listed: listed) }
            return .rebuild(reason: "no plan", listed: listed)
        }
        var redshiftCopies: [ETLStage: RedshiftNewObjectsCopy] = [:]
        if connection.dialect == .redshift {
            switch redshiftNewObjectsCopies(specs: specs, new: new, listed: listed, runID: run.id) {
            case .success(let copies): redshiftCopies = copies
            case .failure(.rebuild(let reason)): return .rebuild(reason: reason, listed: listed)
            case .failure(.error(let error)):
                throw await failed(error, stage: .stagingEvents, run: run, lock: lock, started: Date())
            }
        }
        var finished: [StageProgress] = []
        var newObjects: [LoadedObject] = []
        for stage in staging {
            guard let spec = specs[stage], let stageOptions = options[stage] else { continue }
            let objects = new[stage] ?? []
            let listedCount = counts[stage] ?? 0
            onEvent(.notice("\(stage.rawValue): \(objects.count) new of \(listedCount) objects"))
            let started = Date()
            onEvent(.stageStarted(StageProgress(stage: stage, objectsTotal: objects.count, objectsListed: listedCount)))
            do {
                for statement in IncrementalSQL.prepareNewRows(spec.table) { try await connection.execute(statement) }
                let staged: StagedObjects
                if let copy = redshiftCopies[stage] {
                    staged = try await redshiftStaging(runID: run.id).loadNew(copy, objects: objects, s3: source.s3, onEvent: onEvent)
                } else {
                    staged = try await load(objects, spec: spec, options: stageOptions, into: IncrementalSQL.newRows(spec.table),
                                            runID: run.id, started: started, listed: listedCount)
                }
                newObjects += objects.map { object in
                    LoadedObject(stage: stage, key: object.name, etag: object.etag, size: object.size,
                                 rows: staged.rowsByObject.isEmpty ? nil : staged.rowsByObject[object.name] ?? 0, runID: run.id)
                }
                var progress = staged.progress
                progress.objectsListed = listedCount
                progress.elapsed = Date().timeIntervalSince(started)
                try? await log.record(run, stage: stage, startedAt: started, rows: progress.rows, bytes: progress.bytes,
                                      outcome: .succeeded, message: "\(objects.count) new of \(listedCount) objects")
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
                    records.append((StageProgress(stage: stage, rows: rows, elapsed: Date().timeIntervalSince(started)), started))
                }
                for statement in IncrementalSQL.appendToStaging { try await connection.execute(statement) }
                try await LoadedObjectLog(connection: connection).append(newObjects)
            }
        } catch {
            // The stages before the failing one (a failure after the last one is the last one's) were in
            // its transaction: rolled back with it, and recorded so.
            let cause = Task.isCancelled || Self.etlError(error, stage: current).isCancellation
                ? "the run was cancelled" : "\(current.rawValue) failed"
            var undone: [ETLEvent] = []
            for (progress, started) in records where progress.stage != current {
                let message = "\(progress.stage.rawValue): rolled back with the run's one transaction (\(cause)); "
                    + "the table keeps its previous rows"
                await log.recordUncancelled(run, stage: progress.stage, startedAt: started, rows: nil, outcome: .cancelled,
                                            message: message)
                undone.append(.stageFinished(StageProgress(stage: progress.stage, elapsed: progress.elapsed),
                                             outcome: .cancelled, message: message))
            }
            throw await failed(error, stage: current, run: run, lock: lock, started: started, alongside: undone)
        }
        // A stage is finished once its rows are committed: reported (and counted on the tables panel) only
        // now, and recorded even when the operator cancelled just after the COMMIT.
        for (progress, started) in records {
            await log.recordUncancelled(run, stage: progress.stage, startedAt: started, rows: progress.rows, outcome: .succeeded)
            onEvent(.stageFinished(progress, outcome: .succeeded, message: nil))
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
