import Foundation
@testable import Console
import Runbook
import Testing

/// Keys → what the model shows and what the runbook is asked to do (lazygit's controllers), without a
/// terminal.
@Suite struct KeyTests {
    typealias F = ConsoleFixtures
    static let size = Size(width: 120, height: 40)

    @Test func stepKeysAskTheRunbookAndOtherKeysSaySo() {
        var model = F.fresh()
        #expect(model.handle(.character("1"), size: Self.size) == [.request(.iamRole)])
        #expect(model.handle(.character("E"), size: Self.size) == [.request(.etl)])
        #expect(model.handle(.character("5"), size: Self.size) == [.request(.cleanUp)])
        #expect(model.handle(.character("x"), size: Self.size) == [])
        #expect(model.status == "x: not a key here — ? shows the keys")
    }

    @Test func tabArrowsAndLMoveTheFocus() {
        var model = F.fresh()
        _ = model.handle(.tab, size: Self.size)
        #expect(model.focus == .cluster)
        _ = model.handle(.backTab, size: Self.size)
        _ = model.handle(.left, size: Self.size)
        #expect(model.focus == .log)
        _ = model.handle(.character("l"), size: Self.size)
        #expect(model.focus == .log)
        _ = model.handle(.right, size: Self.size)
        #expect(model.focus == .runbook)
    }

    @Test func logScrollKeysOutsideTheLogLeaveTheFocusAlone() {
        var model = F.fresh()
        model.focus = .tables
        for key in [Key.pageUp, .pageDown, .home, .end] {
            #expect(model.handle(key, size: Self.size) == [])
            #expect(model.focus == .tables)
        }
        #expect(model.status == "End: not a key here — ? shows the keys")
        _ = model.handle(.down, size: Self.size)
        #expect(model.focus == .etl)
        _ = model.handle(.up, size: Self.size)
        #expect(model.focus == .tables)
    }

    @Test func theHelpClosesOnAnyKeyAndDoesNothingElse() {
        var model = F.fresh()
        _ = model.handle(.character("?"), size: Self.size)
        #expect(model.showsHelp)
        #expect(model.handle(.character("1"), size: Self.size) == [])
        #expect(!model.showsHelp)
    }

    @Test func stepFiveWantsTheClusterIdTyped() {
        var model = F.fresh()
        let question = Confirmation(step: .cleanUp, prompt: "Clean up will delete cluster dwhcluster.", answer: .type("dwhcluster"))
        model.apply(.confirmationRequested(question))
        #expect(model.dialog == .confirm(question, typed: ""))
        for character in "dwhclusterx" { #expect(model.handle(.character(character), size: Self.size) == []) }
        _ = model.handle(.backspace, size: Self.size)
        #expect(model.dialog == .confirm(question, typed: "dwhcluster"))
        // Step keys are letters of the answer here, not steps.
        #expect(model.handle(.enter, size: Self.size) == [.answer("dwhcluster")])
        #expect(model.dialog == nil)
    }

    @Test func createTablesOverRowsIsYesOrNo() {
        var model = F.fresh()
        let question = Confirmation(step: .createTables, prompt: "Create tables drops users (5 rows).", answer: .yes)
        model.apply(.confirmationRequested(question))
        #expect(model.handle(.character("n"), size: Self.size) == [.answer(nil)])
        model.apply(.confirmationRequested(question))
        #expect(model.handle(.escape, size: Self.size) == [.answer(nil)])
        model.apply(.confirmationRequested(question))
        #expect(model.handle(.character("y"), size: Self.size) == [.answer("y")])
    }

    @Test func escapeAndCtrlCCancelTheRunningStage() {
        var model = F.busy()
        #expect(model.handle(.escape, size: Self.size) == [.cancel])
        #expect(model.handle(.interrupt, size: Self.size) == [.cancel])
    }

    @Test func quitAsksWhileWorkRunsOrAClusterCostsMoney() {
        var busy = F.busy()
        #expect(busy.handle(.character("q"), size: Self.size) == [])
        guard case .quit(let reason)? = busy.dialog else { Issue.record("no question"); return }
        #expect(reason == "E Run ETL is running: quitting cancels it (what it changed so far is rolled back).")
        #expect(busy.handle(.character("n"), size: Self.size) == [])
        #expect(busy.dialog == nil)
        _ = busy.handle(.character("q"), size: Self.size)
        #expect(busy.handle(.character("y"), size: Self.size) == [.quit])

        // The terminal is gone: quit, whatever was asked (the work is cancelled on the way out).
        var hungUp = F.busy()
        _ = hungUp.handle(.character("q"), size: Self.size)
        #expect(hungUp.handle(.hangup, size: Self.size) == [.quit])

        var idle = F.fresh()
        #expect(idle.handle(.character("q"), size: Self.size) == [.quit])
        #expect(idle.handle(.interrupt, size: Self.size) == [.quit])
    }

    @Test func theLogScrollsByRowsAndNeverPastItsFirstLine() {
        var model = F.busy(focus: .log)
        let limit = LogPanel.scrollLimit(model, size: Self.size)
        _ = model.handle(.up, size: Self.size)
        #expect(model.logScroll == min(1, limit))
        _ = model.handle(.home, size: Self.size)
        #expect(model.logScroll == limit)
        _ = model.handle(.pageUp, size: Self.size)
        #expect(model.logScroll == limit)
        _ = model.handle(.end, size: Self.size)
        #expect(model.logScroll == 0)
        _ = model.handle(.down, size: Self.size)
        #expect(model.logScroll == 0)
    }

    @Test func eventsLeaveALineAtTheBottom() {
        var model = F.fresh()
        model.apply(.refused(.etl, reason: "needs the tables (step C)"))
        #expect(model.status == "E Run ETL: needs the tables (step C)")
        model.apply(.result(.counts, .succeeded("3281 rows in 7 tables")))
        #expect(model.status == "R Row counts succeeded: 3281 rows in 7 tables")
    }
}
