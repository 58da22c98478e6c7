import Foundation
import Testing
@testable import Console
import Runbook

/// The Insights (`i`) and History (`h`) views: keys in the one binding table, answers asked of the
/// session through the model, and the screens at 80×24 and 160×48 in Unicode and ASCII.
@Suite("Console: Insights and History views")
struct AnalysisViewTests {
    typealias F = ConsoleFixtures
    static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 48)]
    static let small = Size(width: 80, height: 24)

    /// The sample's answers (what the insights oracle computes from the files).
    static let insights = InsightsPicture(
        plays: 6820, matchedPlays: 39, users: 97,
        byHour: [155, 154, 117, 109, 136, 162, 183, 179, 207, 270, 312, 336, 308, 324, 432, 477, 542, 494, 498, 367, 360, 280, 217, 201],
        byWeekday: [396, 1014, 1071, 1364, 1052, 1295, 628], playsFreePaid: (1229, 5591), usersFreePaid: (75, 22),
        byDay: [11, 155, 100, 144, 356, 154, 174, 161, 252, 87, 73, 166, 339, 390, 479, 319, 127, 138, 276, 322, 437, 82, 239,
                314, 41, 216, 256, 363, 319, 330],
        topUsers: [("49", "Chloe", "Cuevas", "paid", 689), ("80", "Tegan", "Levine", "paid", 665), ("97", "Kate", "Harrell", "paid", 557)],
        topLocations: [("San Francisco-Oakland-Hayward, CA", 691), ("Portland-South Portland, ME", 665)],
        topSongs: [("SOARUPP12AB01842E0", "Up Up & Away", "Kid Cudi", 5)], topArtists: [("ARD46C811C8A414F3F", "Kid Cudi", 5)],
        at: F.now.addingTimeInterval(-30))

    static let history = RunHistory(examples: [
        .init(id: "20181201T000200Z-2b", started: F.now.addingTimeInterval(-600), seconds: 12.4, outcome: "succeeded", rows: 30_925,
              user: "ann", host: "laptop", version: "0.1.0",
              stages: [("staging_events", 2.1, 8055, "succeeded"), ("staging_songs", 8.0, 71, "succeeded"),
                       ("songplays", 0.9, 6820, "succeeded"), ("users", 0.2, 97, "succeeded")],
              rejected: [("staging_events", "s3://udacity-dend/log_data/2018/11/2018-11-05-events.json", 12, "ts",
                          "Invalid timestamp", "{\"ts\": \"soon\", \"page\": \"NextSong\"}")]),
        .init(id: "20181130T235900Z-1a", started: F.now.addingTimeInterval(-3600), seconds: 3.0, outcome: "failed", rows: 8056,
              message: "staging_songs failed: s3://udacity-dend/song_data/A/A/A/TRAAAAK128F9318786.json is not JSON",
              stages: [("staging_events", 2.5, 8056, "succeeded"), ("staging_songs", 0.5, 0, "failed")]),
    ])

    static func opened(_ view: ConsoleView, borders: BorderSet = .unicode) -> ConsoleModel {
        var model = F.sandbox(borders: borders)
        model.view = view
        model.analysis.receive(.insights(insights))
        model.analysis.receive(.history(history))
        return model
    }

    @Test("Insights", arguments: sizes)
    func insightsScreen(size: Size) {
        ScreenSnapshot.check(ConsoleRenderer.render(Self.opened(.insights), size: size), named: "insights-\(size.width)x\(size.height).txt")
        ScreenSnapshot.check(ConsoleRenderer.render(Self.opened(.insights, borders: .ascii), size: size),
                             named: "insights-ascii-\(size.width)x\(size.height).txt")
    }

    @Test("History", arguments: sizes)
    func historyScreen(size: Size) {
        ScreenSnapshot.check(ConsoleRenderer.render(Self.opened(.history), size: size), named: "history-\(size.width)x\(size.height).txt")
        ScreenSnapshot.check(ConsoleRenderer.render(Self.opened(.history, borders: .ascii), size: size),
                             named: "history-ascii-\(size.width)x\(size.height).txt")
    }

    @Test func iOpensInsightsAndAsksOnceAndTheSameKeyOrEscReturns() {
        var model = F.sandbox()
        #expect(model.handle(.character("i"), size: Self.small) == [])
        #expect(model.view == .insights)
        #expect(model.analysis.insights == .loading)
        #expect(model.analysis.takePendingLoads() == [.insights])
        // While the answer is on its way, `r` does not ask twice.
        _ = model.handle(.character("r"), size: Self.small)
        #expect(model.analysis.takePendingLoads() == [])
        model.analysis.receive(.insights(Self.insights))
        #expect(model.analysis.insights == .loaded(Self.insights))
        _ = model.handle(.character("r"), size: Self.small)
        #expect(model.analysis.takePendingLoads() == [.insights])
        // Esc closes the view (it does not cancel the running stage) …
        #expect(model.handle(.escape, size: Self.small) == [])
        #expect(model.view == .runbook)
        // … and on the runbook it still cancels.
        #expect(model.handle(.escape, size: Self.small) == [.cancel])
        _ = model.handle(.character("i"), size: Self.small)
        _ = model.handle(.character("i"), size: Self.small)
        #expect(model.view == .runbook)
    }

    @Test func historySelectsRunsWithinTheList() {
        var model = Self.opened(.runbook)
        _ = model.handle(.character("h"), size: Self.small)
        #expect(model.view == .history)
        // Already answered: opening again does not ask.
        #expect(model.analysis.takePendingLoads() == [])
        _ = model.handle(.down, size: Self.small)
        _ = model.handle(.down, size: Self.small)
        #expect(model.analysis.selectedRun == 1)
        _ = model.handle(.up, size: Self.small)
        _ = model.handle(.up, size: Self.small)
        #expect(model.analysis.selectedRun == 0)
        #expect(model.handle(.character("h"), size: Self.small) == [] && model.view == .runbook)
    }

    @Test func aFinishedETLAsksTheViewsAgain() {
        var model = Self.opened(.insights)
        model.apply(.result(.etl, .succeeded("run 20181201T000200Z-2b in 12.4 s")))
        #expect(model.analysis.takePendingLoads() == [.insights, .history])
        // What was shown stays until the new answer comes.
        #expect(model.analysis.insights == .loaded(Self.insights))
        #expect(InsightsView.title(model).hasSuffix("(refreshing…)"))
    }

    @Test func aFailedAnswerSaysWhatToDo() {
        var model = F.sandbox()
        _ = model.handle(.character("i"), size: Self.small)
        model.analysis.receive(.failed(.insights, "the tables do not exist yet: press c to create them, then e to run the ETL"))
        let screen = ConsoleRenderer.render(model, size: Self.small).lines
        #expect(screen[3].contains("cannot answer yet: the tables do not exist yet: press c to create them"))
    }

    @Test func theKeysAreInTheHelpAndTheFooter() {
        let model = Self.opened(.insights)
        #expect(StatusLines.hints(model).hasPrefix("i Esc back  r refresh  "))
        let runbook = F.sandbox()
        #expect(StatusLines.hints(runbook).contains("i insights  h history"))
        let help = runbook.keys.helpRows(runbook, glyphs: Glyphs(runbook.borders)).map(\.description)
        #expect(help.contains("Insights: the analysts' questions as charts"))
        #expect(help.contains("History: runs, stage times, rejected records"))
    }
}
