import Testing
@testable import Console
import Runbook

/// `e` after a previous run (issue 14): the dialog "only new objects (N) / everything", or only
/// everything and why, and the ETL panel's "N new of M objects" — as the operator sees them.
@Suite("Console: the ETL choice and N new of M")
struct IncrementalChoiceTests {
    typealias F = ConsoleFixtures

    static let oneNewDay = ETLChoice(stages: [.init(stage: .stage(.stagingEvents), new: 1, listed: 31),
                                              .init(stage: .stage(.stagingSongs), new: 0, listed: 14_896)])
    static let changed = ETLChoice(stages: [], fullRebuildReason: "s3://udacity-dend/song_data/A/A/A/TRAAAAW128F429D538.json "
                                   + "changed since run 20181130T002207Z-4f2a (ETag \"9b2c\" → \"e41d\", size 252 → 260)")

    static func asked(_ choice: ETLChoice, borders: BorderSet = .unicode) -> ConsoleModel {
        var model = F.sandbox(borders: borders)
        model.apply(.choiceRequested(choice))
        return model
    }

    static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 48)]

    // MARK: Decisions

    @Test func theEngineQuestionOpensTheDialog() {
        #expect(Self.asked(Self.oneNewDay).dialog == .etlChoice(Self.oneNewDay))
    }

    @Test func theStatusLineSaysTheSourcesAreComparedUntilTheQuestionComes() {
        var model = F.sandbox()
        model.apply(.comparing)
        #expect(model.status == "E Run ETL: comparing the sources with what the last run loaded…")
        model.apply(.choiceRequested(Self.oneNewDay))
        #expect(model.status == nil)
        model.apply(.comparing)
        model.apply(.stepState(.etl, .running("starting")))
        #expect(model.status == nil)
    }

    @Test func nChoosesOnlyNewObjectsAndClosesTheDialog() {
        var model = Self.asked(Self.oneNewDay)
        #expect(model.handle(.character("n"), size: Size(width: 80, height: 24)) == [.choose(.newObjects)])
        #expect(model.dialog == nil)
    }

    @Test func eChoosesEverything() {
        var model = Self.asked(Self.oneNewDay)
        #expect(model.handle(.character("e"), size: Size(width: 80, height: 24)) == [.choose(.everything)])
    }

    @Test func escapeDismissesTheChoice() {
        var model = Self.asked(Self.oneNewDay)
        #expect(model.handle(.escape, size: Size(width: 80, height: 24)) == [.choose(nil)])
        #expect(model.dialog == nil)
    }

    @Test func whenOnlyEverythingIsOfferedNDoesNothing() {
        var model = Self.asked(Self.changed)
        #expect(model.handle(.character("n"), size: Size(width: 80, height: 24)) == [])
        #expect(model.dialog == .etlChoice(Self.changed))
        #expect(model.handle(.character("e"), size: Size(width: 80, height: 24)) == [.choose(.everything)])
    }

    @Test func theFooterShowsTheChoicesKeys() {
        #expect(StatusLines.hints(Self.asked(Self.oneNewDay)) == "n only new  e everything  Esc Ctrl-C cancel")
        #expect(StatusLines.hints(Self.asked(Self.changed)) == "e everything  Esc Ctrl-C cancel")
    }

    // MARK: Snapshots

    @Test("the choice", arguments: sizes)
    func theChoice(size: Size) {
        ScreenSnapshot.check(ConsoleRenderer.render(Self.asked(Self.oneNewDay), size: size),
                             named: "etl-choice-\(size.width)x\(size.height).txt")
        ScreenSnapshot.check(ConsoleRenderer.render(Self.asked(Self.oneNewDay, borders: .ascii), size: size),
                             named: "etl-choice-ascii-\(size.width)x\(size.height).txt")
    }

    @Test("only everything, and why", arguments: sizes)
    func onlyEverything(size: Size) {
        ScreenSnapshot.check(ConsoleRenderer.render(Self.asked(Self.changed), size: size),
                             named: "etl-full-only-\(size.width)x\(size.height).txt")
        ScreenSnapshot.check(ConsoleRenderer.render(Self.asked(Self.changed, borders: .ascii), size: size),
                             named: "etl-full-only-ascii-\(size.width)x\(size.height).txt")
    }

    /// An incremental run in its transforms: both staging stages loaded only their new objects.
    static func incrementalRun(borders: BorderSet = .unicode) -> ConsoleModel {
        let listing = StageReport(sample: StageSample(stage: .listing, objectsDone: 14_927, objectsTotal: 14_927, elapsed: 0))
        let events = StageReport(sample: StageSample(stage: .stage(.stagingEvents), objectsDone: 1, objectsTotal: 1, objectsListed: 31,
                                                     rows: 268, bytes: 126_314, bytesTotal: 126_314, elapsed: 0.2))
        let songs = StageReport(sample: StageSample(stage: .stage(.stagingSongs), objectsDone: 0, objectsTotal: 0,
                                                    objectsListed: 14_896, elapsed: 0.01))
        let songplays = StageReport(sample: StageSample(stage: .stage(.songplays), rows: 0, elapsed: 0.3))
        var model = F.sandbox(borders: borders)
        for event: RunbookEvent in [.stepState(.etl, .running("songplays")),
                                    .stageFinished(listing, outcome: .succeeded, message: nil),
                                    .stageFinished(events, outcome: .succeeded, message: nil),
                                    .stageFinished(songs, outcome: .succeeded, message: nil),
                                    .stageProgress(songplays)] {
            model.apply(event)
        }
        return model
    }

    @Test("the panel of an incremental run", arguments: sizes)
    func thePanel(size: Size) {
        ScreenSnapshot.check(ConsoleRenderer.render(Self.incrementalRun(), size: size),
                             named: "etl-incremental-\(size.width)x\(size.height).txt")
        ScreenSnapshot.check(ConsoleRenderer.render(Self.incrementalRun(borders: .ascii), size: size),
                             named: "etl-incremental-ascii-\(size.width)x\(size.height).txt")
    }

    @Test func atEightyColumnsTheCountsStayAndTheRowsGo() {
        #expect(rendered(ETLPanel.render, Self.incrementalRun(), width: 42, height: 5) == [
            "┌ ETL progress ──────────────────────────┐",
            "│list S3        ██████████ ✓             │",
            "│staging_events ██████████ ✓ 1/31 new    │",
            "│staging_songs  ██████████ ✓ 0/14,896 new│",
            "└────────────────────────────────────────┘",
        ])
    }
}
