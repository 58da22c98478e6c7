import Warehouse

/// `etl_objects` around a full run. It is forgotten when the run starts, because staging and the final
/// tables are about to change, and written again at the end only when the run staged and rebuilt
/// everything: an interrupted or partial run (`--stage`) leaves no record, so the next incremental
/// run rebuilds in full instead of trusting tables that may not match staging.
final class LoadedObjectRecords {
    private let log: LoadedObjectLog
    /// The run rebuilds every table (checks or not).
    private let complete: Bool
    /// The run changes staging or a final table.
    private let changesTables: Bool
    private var objects: [LoadedObject] = []

    init(runner: ETLRunner, stages: [ETLStage]) {
        log = LoadedObjectLog(connection: runner.connection)
        complete = ETLStage.allCases.allSatisfy { $0 == .checks || stages.contains($0) }
        changesTables = stages.contains { $0 != .checks }
    }

    func forget() async {
        guard changesTables else { return }
        try? await log.prepare()
        try? await log.clear()
    }

    func add(_ staged: ETLRunner.StagedObjects, stage: ETLStage, runID: String) {
        objects += staged.objects.map { object in
            LoadedObject(stage: stage, key: object.name, etag: object.etag, size: object.size,
                         rows: staged.rowsByObject.isEmpty ? nil : staged.rowsByObject[object.name] ?? 0, runID: runID)
        }
    }

    /// After every stage succeeded. A failure here only costs the next incremental run its shortcut.
    func save() async {
        guard complete else { return }
        try? await log.append(objects)
    }
}
