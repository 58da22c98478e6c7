import Runbook
import Testing
import Warehouse

/// What an incremental run stages, decided from a listing and `etl_objects` alone.
@Suite("Incremental plan")
struct IncrementalPlanTests {
    static func object(_ key: String, etag: String = "e", size: Int = 10) -> SourceObject {
        SourceObject(location: .s3(bucket: "b", key: key), size: size, etag: etag)
    }

    static func loaded(_ stage: ETLStage, _ key: String, etag: String = "e", size: Int = 10) -> LoadedObject {
        LoadedObject(stage: stage, key: "s3://b/" + key, etag: etag, size: size, rows: 1, runID: "R1")
    }

    static let day1 = "log_data/2018/11/2018-11-01-events.json"
    static let day2 = "log_data/2018/11/2018-11-02-events.json"
    static let day3 = "log_data/2018/11/2018-11-03-events.json"
    static let songA = "song_data/A/A/A/TRAAA.json"
    static let songB = "song_data/A/A/B/TRAAB.json"

    @Test func onlyNewObjectsAreStaged() {
        let plan = IncrementalPlan.decide(
            listed: [.stagingEvents: [Self.object(Self.day1), Self.object(Self.day2), Self.object(Self.day3)],
                     .stagingSongs: [Self.object(Self.songA), Self.object(Self.songB)]],
            loaded: [Self.loaded(.stagingEvents, Self.day1), Self.loaded(.stagingEvents, Self.day2),
                     Self.loaded(.stagingSongs, Self.songA)])
        #expect(plan == .incremental(new: [.stagingEvents: [Self.object(Self.day3)], .stagingSongs: [Self.object(Self.songB)]],
                                     listed: [.stagingEvents: 3, .stagingSongs: 2]))
    }

    @Test func nothingRecordedMeansAFullRebuild() {
        #expect(IncrementalPlan.decide(listed: [.stagingEvents: [Self.object(Self.day1)]], loaded: [])
            == .fullRebuild(reason: "no earlier run recorded what it loaded (etl_objects is empty)"))
    }

    @Test func aChangedOrDeletedObjectMeansAFullRebuild() {
        let loaded = [Self.loaded(.stagingEvents, Self.day1), Self.loaded(.stagingEvents, Self.day2)]
        #expect(IncrementalPlan.decide(listed: [.stagingEvents: [Self.object(Self.day1), Self.object(Self.day2, etag: "f", size: 12)]],
                                       loaded: loaded)
            == .fullRebuild(reason: "s3://b/\(Self.day2) changed since run R1 (ETag e → f, size 10 → 12)"))
        #expect(IncrementalPlan.decide(listed: [.stagingEvents: [Self.object(Self.day2)]], loaded: loaded)
            == .fullRebuild(reason: "s3://b/\(Self.day1) was loaded by run R1 and is gone"))
    }

    @Test func aNewLogThatSortsBeforeALoadedOneMeansAFullRebuild() {
        #expect(IncrementalPlan.decide(listed: [.stagingEvents: [Self.object(Self.day1), Self.object(Self.day2)]],
                                       loaded: [Self.loaded(.stagingEvents, Self.day2)])
            == .fullRebuild(reason: "s3://b/\(Self.day1) is new but sorts before s3://b/\(Self.day2), already loaded: "
                            + "the plays would be numbered out of event order"))
    }

    @Test func newEventsMustComeAfterTheLoadedOnes() {
        #expect(IncrementalPlan.eventOrderProblem(["2018-11-20 23:59:00", "2018-11-21 00:01:00", "0", "0", "0"]) == nil)
        #expect(IncrementalPlan.eventOrderProblem([nil, nil, "0", nil, "0"]) == nil)
        #expect(IncrementalPlan.eventOrderProblem(["2018-11-20 23:59:00", "2018-11-20 12:00:00", "1", "0", "0"])
            == "new events start at 2018-11-20 12:00:00, not after the latest loaded event (2018-11-20 23:59:00)")
        #expect(IncrementalPlan.eventOrderProblem(["2018-11-20 23:59:00", "2018-11-21 00:01:00", "0", "2", "0"])
            == "2 new events have no ts: they would sort after every loaded play")
        #expect(IncrementalPlan.eventOrderProblem(["2018-11-20 23:59:00", "2018-11-21 00:01:00", "0", "0", "1"])
            == "1 loaded plays have no ts and sort last: the new plays would have to come before them")
    }
}
