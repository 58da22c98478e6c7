import Warehouse

/// What `etl --incremental` does with a fresh listing, given what `etl_objects` says the staging tables
/// hold. Pure: the runner lists and reads, this decides.
///
/// Loading only what is new gives the full rebuild's rows only when the old rows stay as they were and
/// the new events come after them: a changed or deleted object already loaded, or a new log object
/// that sorts before one already loaded (the daily files' keys sort by date), sends the run back to a
/// full rebuild, with the reason.
public enum IncrementalPlan: Sendable, Equatable {
    /// Stage these objects (per staging stage; none at all means nothing is new).
    case incremental(new: [ETLStage: [SourceObject]], listed: [ETLStage: Int])
    case fullRebuild(reason: String)

    /// `listed`: both staging stages' listings; `loaded`: every `etl_objects` row.
    public static func decide(listed: [ETLStage: [SourceObject]], loaded: [LoadedObject]) -> IncrementalPlan {
        guard !loaded.isEmpty else {
            return .fullRebuild(reason: "no earlier run recorded what it loaded (etl_objects is empty)")
        }
        var new: [ETLStage: [SourceObject]] = [:]
        for stage in [ETLStage.stagingEvents, .stagingSongs] {
            let objects = listed[stage] ?? []
            let before = Dictionary(loaded.filter { $0.stage == stage }.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            let now = Set(objects.map(\.name))
            if let gone = before.keys.sorted().first(where: { !now.contains($0) }) {
                return .fullRebuild(reason: "\(gone) was loaded by run \(before[gone]!.runID) and is gone")
            }
            for object in objects {
                guard let old = before[object.name] else { continue }
                if old.etag != object.etag || old.size != object.size {
                    return .fullRebuild(reason: "\(object.name) changed since run \(old.runID) "
                                        + "(ETag \(old.etag ?? "none") → \(object.etag ?? "none"), "
                                        + "size \(old.size.map(String.init) ?? "?") → \(object.size.map(String.init) ?? "?"))")
                }
            }
            let fresh = objects.filter { before[$0.name] == nil }
            if stage == .stagingEvents, let last = before.keys.max(), let early = fresh.first(where: { $0.name < last }) {
                return .fullRebuild(reason: "\(early.name) is new but sorts before \(last), already loaded: "
                                    + "the plays would be numbered out of event order")
            }
            new[stage] = fresh
        }
        return .incremental(new: new, listed: listed.mapValues(\.count))
    }

    /// After staging the new objects: the new events must all come after every loaded one, or the
    /// appended plays (and users' latest events) would differ from a rebuild's. `row` is the result of
    /// `IncrementalSQL.eventOrder`: loaded latest ts, new earliest ts, 1 when the new start too early,
    /// new events without ts, loaded plays without ts. Returns the reason to rebuild, or nil.
    public static func eventOrderProblem(_ row: [String?]) -> String? {
        func count(_ index: Int) -> Int { row.count > index ? row[index].flatMap { Int($0) } ?? 0 : 0 }
        if count(3) > 0 {
            return "\(count(3)) new events have no ts: they would sort after every loaded play"
        }
        if count(4) > 0 {
            return "\(count(4)) loaded plays have no ts and sort last: the new plays would have to come before them"
        }
        if count(2) > 0 {
            return "new events start at \(row[1] ?? "?"), not after the latest loaded event (\(row[0] ?? "?"))"
        }
        return nil
    }
}
