import Runbook
import Testing
import Warehouse

/// `e` in the console after a previous run (issue 14): the engine compares first, then asks "only new
/// objects (N) / everything" — or, when an incremental run would rebuild anyway, offers only everything.
@Suite("Engine: the ETL choice")
struct EngineETLChoiceTests {
    typealias F = EngineFixtures

    static let oneNewDay = IncrementalPreview.newObjects(new: [.stagingEvents: 1, .stagingSongs: 0],
                                                         listed: [.stagingEvents: 31, .stagingSongs: 14_896])

    func askedFor(_ preview: IncrementalPreview) -> (RunbookEngine, [EngineAction]) {
        var engine = RunbookEngine(observation: F.everythingUp)
        _ = engine.start()
        #expect(F.effects(engine.requested(.etl, offeringChoice: true)) == [.previewIncremental])
        let actions = engine.incrementalPreviewed(preview)
        return (engine, actions)
    }

    @Test func theConsoleComparesBeforeAnETLAndRunsNothingYet() {
        var engine = RunbookEngine(observation: F.everythingUp)
        _ = engine.start()
        let actions = engine.requested(.etl, offeringChoice: true)
        #expect(actions == [.emit(.comparing), .previewIncremental])
        #expect(RunbookEvent.comparing.jsonLine
                == #"{"event":"comparing","message":"comparing the sources with what the last run loaded…","step":"etl"}"#)
        #expect(engine.comparing)
        #expect(engine.state(of: .etl) != .running("starting"))
        #expect(F.events(engine.requested(.etl, offeringChoice: true))
                == [.refused(.etl, reason: "E Run ETL is looking for new objects: a moment")])
    }

    @Test func withoutAPreviousRunTheETLRunsInFullAtOnce() {
        let (engine, actions) = askedFor(.noPreviousRun)
        #expect(F.effects(actions) == [.run(.etl)])
        #expect(engine.pendingChoice == nil)
        #expect(!engine.runsIncrementally)
    }

    @Test func newObjectsAreOfferedWithTheirCount() {
        let (engine, actions) = askedFor(Self.oneNewDay)
        let choice = ETLChoice(stages: [.init(stage: .stage(.stagingEvents), new: 1, listed: 31),
                                        .init(stage: .stage(.stagingSongs), new: 0, listed: 14_896)])
        #expect(actions == [.emit(.choiceRequested(choice))])
        #expect(engine.pendingChoice?.modes == [.newObjects, .everything])
        #expect(engine.pendingChoice?.label(.newObjects) == "only new objects (1)")
        #expect(engine.pendingChoice?.prompt
                == "A previous run recorded what it loaded. staging_events 1 new of 31 objects and staging_songs 0 new of 14896 objects.")
    }

    @Test func onlyNewObjectsRunsIncrementally() {
        var (engine, _) = askedFor(Self.oneNewDay)
        let actions = engine.etlChosen(.newObjects)
        #expect(F.effects(actions) == [.run(.etl)])
        #expect(engine.runsIncrementally)
        #expect(engine.state(of: .etl) == .running("starting"))
    }

    @Test func everythingRunsInFull() {
        var (engine, _) = askedFor(Self.oneNewDay)
        #expect(F.effects(engine.etlChosen(.everything)) == [.run(.etl)])
        #expect(!engine.runsIncrementally)
    }

    @Test func aChangedObjectOffersOnlyEverythingAndSaysWhy() {
        var (engine, actions) = askedFor(.fullRebuild(reason: "song_data/A/A/A/TRAAAAW128F429D538.json changed since run r1"))
        let choice = ETLChoice(stages: [], fullRebuildReason: "song_data/A/A/A/TRAAAAW128F429D538.json changed since run r1")
        #expect(actions == [.emit(.choiceRequested(choice))])
        #expect(choice.modes == [.everything])
        #expect(F.events(engine.etlChosen(.newObjects))
                == [.refused(.etl, reason: "only a full run can give the right tables: "
                             + "song_data/A/A/A/TRAAAAW128F429D538.json changed since run r1")])
        #expect(F.effects(engine.requested(.etl, offeringChoice: true)) == [.previewIncremental])
    }

    @Test func aFailedComparisonOffersOnlyEverything() {
        let (engine, _) = askedFor(.unavailable("S3 GET timed out"))
        #expect(engine.pendingChoice == ETLChoice(stages: [], fullRebuildReason: "what is new cannot be told: S3 GET timed out"))
    }

    @Test func dismissingTheChoiceRunsNothing() {
        var (engine, _) = askedFor(Self.oneNewDay)
        #expect(F.events(engine.cancelRequested()) == [.refused(.etl, reason: "not started: nothing was changed")])
        #expect(engine.pendingChoice == nil)
        #expect(engine.state(of: .etl) != .running("starting"))
    }

    @Test func otherStepsWaitForTheAnswer() {
        var (engine, _) = askedFor(Self.oneNewDay)
        #expect(F.events(engine.requested(.counts)) == [.refused(.counts, reason: "answer the question for E Run ETL first")])
    }

    @Test func headlessNeverAsks() {
        var engine = RunbookEngine(observation: F.everythingUp)
        _ = engine.start()
        #expect(F.effects(engine.requested(.etl)) == [.run(.etl)])
    }

    @Test func theChoiceIsALogLineAndAJSONLine() {
        let choice = ETLChoice(.newObjects(new: [.stagingEvents: 2], listed: [.stagingEvents: 32, .stagingSongs: 71]))!
        #expect(RunbookEvent.choiceRequested(choice).logEntry?.text
                == "E Run ETL asks: A previous run recorded what it loaded. staging_events 2 new of 32 objects and "
                + "staging_songs 0 new of 71 objects. (only new objects (2) / everything)")
        #expect(RunbookEvent.choiceRequested(choice).jsonLine
                == #"{"choices":["new_objects","everything"],"event":"choice","new_objects":2,"prompt":"A previous run recorded what it loaded. staging_events 2 new of 32 objects and staging_songs 0 new of 71 objects.","step":"etl"}"#)
    }
}

extension EngineETLChoiceTests {
    @Test func aChoiceRefusedOnTheWayAsksAgainNextTime() {
        var (engine, _) = askedFor(Self.oneNewDay)
        var observation = F.everythingUp
        if case .known(var facts) = observation.database {
            facts.runLock = "run r9 started 00:20:00 UTC by other@host"
            observation.database = .known(facts)
        }
        _ = engine.observed(observation)
        #expect(F.events(engine.etlChosen(.newObjects))
                == [.refused(.etl, reason: "run r9 started 00:20:00 UTC by other@host is in progress — wait, or cancel it there")])
        _ = engine.observed(F.everythingUp)
        #expect(F.effects(engine.requested(.etl, offeringChoice: true)) == [.previewIncremental])
    }
}
