import Testing
@testable import Console
import Runbook

@Suite("Console: help and dialogs")
struct OverlayTests {
    typealias F = ConsoleFixtures

    func overlay(_ model: ConsoleModel, width: Int, height: Int) -> [String] {
        var grid = Grid(Size(width: width, height: height))
        grid.fill(grid.area, with: "x")
        if model.showsHelp { HelpOverlay.render(model, into: &grid) }
        DialogOverlay.render(model, into: &grid)
        return grid.lines
    }

    @Test func theConfirmationShowsWhatWasTypedWithACursor() {
        var model = F.busy(borders: .ascii)
        model.dialog = .confirm(Confirmation(step: .createTables, prompt: "Drop 7 tables holding 15,196 rows?", answer: .yes),
                                typed: "y")
        #expect(overlay(model, width: 50, height: 9) == [
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxxx+ C Create tables: confirm ----------+xxxxxx",
            "xxxxxx| Drop 7 tables holding 15,196 rows? |xxxxxx",
            "xxxxxx|                                    |xxxxxx",
            "xxxxxx| y to confirm, Esc cancels          |xxxxxx",
            "xxxxxx| > y_                               |xxxxxx",
            "xxxxxx+------------------------------------+xxxxxx",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ])
    }

    @Test func theQuitQuestionGivesTheReason() {
        var model = F.busy()
        model.dialog = .quit(reason: "cluster dwhcluster is up")
        #expect(overlay(model, width: 40, height: 7) == [
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxxx┌ Quit sparkify? ──────────┐xxxxxx",
            "xxxxxx│ cluster dwhcluster is up │xxxxxx",
            "xxxxxx│                          │xxxxxx",
            "xxxxxx│ y quit  n stay           │xxxxxx",
            "xxxxxx└──────────────────────────┘xxxxxx",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ])
    }

    @Test func aLongAnswerKeepsItsEndAndTheCursorInView() {
        var model = F.busy()
        let question = Confirmation(step: .cleanUp, prompt: "Delete?", answer: .type("dwhcluster"))
        model.dialog = .confirm(question, typed: String(repeating: "a", count: 80))
        let lines = overlay(model, width: 40, height: 8)
        #expect(lines[5] == "│ …aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa█ │")
    }

    @Test func helpListsEveryKey() {
        var model = F.busy(borders: .ascii)
        model.showsHelp = true
        let text = overlay(model, width: 80, height: 24).joined(separator: "\n")
        for key in ["1 2 3 4", "c e r", "5 ", "Tab ", "Shift-Tab", "Left Right Up Down", "l ", "Up Down PgUp PgDn", "Home", "End",
                    "? ", "Esc", "q "] {
            #expect(text.contains(key), "help lacks \(key)")
        }
    }

    @Test func overlaysOnATinyScreenAreClipped() {
        var model = F.busy()
        model.showsHelp = true
        model.dialog = .quit(reason: "cluster dwhcluster is up")
        #expect(overlay(model, width: 6, height: 3) == ["┌ Q… ┐", "│ c… │", "└────┘"])
    }
}
