@testable import Console
import Runbook
import Testing

/// The one binding table drives the keys, the help and the footer: change a row and all three follow.
@Suite("Console: the key-binding table")
struct KeyBindingsTests {
    typealias F = ConsoleFixtures
    static let size = Size(width: 80, height: 24)

    /// The standard table with `q` described differently.
    static func retold(_ description: String) -> KeyBindings {
        var table = KeyBindings.standard
        let index = table.rows.firstIndex { $0.actions.contains { $0.command == .quit } }!
        table.rows[index].description = description
        table.rows[index].hint = description
        return table
    }

    @Test func aChangedDescriptionShowsInTheHelpAndTheFooter() {
        var model = F.busy(borders: .ascii)
        model.keys = Self.retold("leave now")
        #expect(StatusLines.hints(model) == "1-5 c e r steps  l log  i insights  h history  s sql  Tab focus  ? help  q leave now")
        model.showsHelp = true
        let help = ConsoleRenderer.render(model, size: Self.size).text
        #expect(help.contains("| q                   leave now "))
        #expect(!help.contains("quit (asks first"))
    }

    @Test func aKeyTheTableDoesNotHoldDoesNothingButSaySo() {
        var model = F.fresh()
        model.keys.rows.removeAll { $0.actions.contains { $0.command == .request(.etl) } }
        #expect(model.handle(.character("e"), size: Self.size) == [])
        #expect(model.status == "e: not a key here — ? shows the keys")
        #expect(model.handle(.character("r"), size: Self.size) == [])
    }

    @Test func theFooterSaysWhatTheOpenOverlayTakes() {
        var model = F.busy()
        model.showsHelp = true
        #expect(StatusLines.hints(model) == "any key closes this help")
        model.showsHelp = false
        model.dialog = .confirm(Confirmation(step: .createTables, prompt: "Drop?", answer: .yes), typed: "")
        #expect(StatusLines.hints(model) == "y confirm  n Esc cancel")
        model.dialog = .confirm(Confirmation(step: .cleanUp, prompt: "Delete?", answer: .type("dwhcluster")), typed: "")
        #expect(StatusLines.hints(model) == "type the answer  Tab snapshot  Enter confirm  Esc cancel")
    }

    @Test func digitRunsAreWrittenAsRanges() {
        #expect(KeyLabel.ranges(["1", "2", "3", "4", "5", "c", "e"]) == ["1-5", "c", "e"])
        #expect(KeyLabel.ranges(["1", "2", "c", "4"]) == ["1", "2", "c", "4"])
        #expect(KeyLabel.ranges(["1", "3", "4", "5"]) == ["1", "3-5"])
    }
}
