@testable import Console
import Runbook
import Testing

/// The help is reachable inside every view, also where typed characters go to a prompt (the SQL view:
/// F1, and `?` while nothing is typed), and it lists the open view's own keys.
@Suite("Console: the help key in every view")
struct HelpKeyTests {
    typealias F = ConsoleFixtures
    static let size = Size(width: 80, height: 24)

    static func opened(_ view: ConsoleView) -> ConsoleModel {
        var model = F.sandbox()
        model.view = view
        return model
    }

    static func help(_ model: ConsoleModel) -> [String] {
        model.keys.helpRows(model, glyphs: Glyphs(.ascii)).map { $0.keys + "  " + $0.description }
    }

    @Test(arguments: ConsoleView.allCases)
    func questionMarkOpensTheHelpInEveryView(_ view: ConsoleView) {
        var model = Self.opened(view)
        #expect(model.handle(.character("?"), size: Self.size) == [])
        #expect(model.showsHelp)
        #expect(model.view == view)
        _ = model.handle(.character("x"), size: Self.size)
        #expect(!model.showsHelp)
    }

    @Test func theHelpListsTheOpenViewsOwnKeys() {
        #expect(Self.help(Self.opened(.runbook)).contains("c e r  create tables, run ETL (only new objects?), row counts"))
        #expect(Self.help(Self.opened(.insights)).contains("r  read the insights again"))
        #expect(Self.help(Self.opened(.history)).contains("Up Down  select a run"))
        let sql = Self.help(Self.opened(.sql))
        #expect(sql.contains("F1 ?  these keys (? while the prompt is empty, else it is typed)"))
        #expect(sql.contains("Enter  run the statement once it ends with ; (else a new line)"))
        #expect(sql.contains("Ctrl-E  export the result as CSV (the path is shown)"))
        // Another view's keys are not this one's.
        #expect(!Self.help(Self.opened(.insights)).contains { $0.hasSuffix("select a run") })
    }

    @Test func inTheSQLViewQuestionMarkIsTypedOnceThePromptHoldsText() {
        var model = Self.opened(.sql)
        _ = model.handle(.character("S"), size: Self.size)
        _ = model.handle(.character("?"), size: Self.size)
        #expect(model.sql.text == "S?")
        #expect(!model.showsHelp)
        // F1 opens the help whatever is typed, and the text is kept.
        _ = model.handle(.function(1), size: Self.size)
        #expect(model.showsHelp)
        _ = model.handle(.escape, size: Self.size)
        #expect(!model.showsHelp && model.view == .sql && model.sql.text == "S?")
    }

    @Test func inTheSQLViewQuestionMarkAnswersThePendingWriteQuestion() {
        var model = Self.opened(.sql)
        _ = model.handle(.character("\u{17}"), size: Self.size)
        #expect(model.sql.confirmingWrite)
        _ = model.handle(.character("?"), size: Self.size)
        #expect(!model.showsHelp && !model.sql.confirmingWrite && !model.sql.write)
    }

    @Test func theFooterOffersOnlyKeysThatDoWhatItSays() {
        let sql = StatusLines.hints(Self.opened(.sql))
        #expect(sql.hasPrefix("F1 ? help  Enter run ;  "))
        // In the SQL view `q` and `?` are typed: the general "? help" and "q quit" are not offered.
        #expect(!sql.contains("q quit") && sql.components(separatedBy: "help").count == 2)
        #expect(StatusLines.hints(Self.opened(.history)).hasSuffix("Tab focus  ? help  q quit"))
        #expect(StatusLines.hints(Self.opened(.runbook)).hasSuffix("Tab focus  ? help  q quit"))
        // Esc closes the view there, so the general Esc row keeps only Ctrl-C.
        #expect(Self.help(Self.opened(.insights)).contains("Ctrl-C  cancel the running stage, close a dialog"))
        #expect(Self.help(Self.opened(.runbook)).contains("Esc Ctrl-C  cancel the running stage, close a dialog"))
    }

    @Test func functionKeysAreNamedInTheHelp() {
        #expect(KeyLabel.of(.function(1), glyphs: Glyphs(.unicode)) == "F1")
    }
}
