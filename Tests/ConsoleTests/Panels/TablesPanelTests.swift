import Testing
@testable import Console
import Runbook

@Suite("Console: Tables panel")
struct TablesPanelTests {
    typealias F = ConsoleFixtures

    @Test func rowsAlignedWithTheChangeAndTheTimeOfTheCount() {
        let model = F.model([
            .counts(F.counts([0, 0, 0, 0, 0, 0, nil], at: F.now.addingTimeInterval(-600))),
            .counts(F.counts([8056, 71, 6820, 96, 71, 69, nil], at: F.now.addingTimeInterval(-65))),
        ], focus: .tables)
        #expect(rendered(TablesPanel.render, model, width: 42, height: 11) == [
            "┌ ▸ Tables ──────────────────────────────┐",
            "│table              rows  change         │",
            "│staging_events    8,056  +8,056         │",
            "│staging_songs        71     +71         │",
            "│songplays         6,820  +6,820         │",
            "│users                96     +96         │",
            "│songs                71     +71         │",
            "│artists              69     +69         │",
            "│time            missing                 │",
            "│counted 00:21:02 UTC, 1m05s ago         │",
            "└────────────────────────────────────────┘",
        ])
    }

    @Test func unchangedAndMissingTablesInASCII() {
        #expect(rendered(TablesPanel.render, F.busy(borders: .ascii), width: 42, height: 5) == [
            "+ Tables --------------------------------+",
            "|table              rows  change         |",
            "|staging_events        0      ±0         |",
            "|staging_songs         0      ±0         |",
            "+----------------------------------------+",
        ])
    }

    @Test func beforeTheFirstCount() {
        #expect(rendered(TablesPanel.render, F.fresh(), width: 30, height: 4) == [
            "┌ Tables ────────────────────┐",
            "│not counted yet             │",
            "│r counts the rows           │",
            "└────────────────────────────┘",
        ])
    }

    @Test func numbersGetThousandsSeparatorsAndSignedChanges() {
        #expect(PanelText.grouped(1_234_567) == "1,234,567")
        #expect(PanelText.grouped(999) == "999")
        #expect(PanelText.change(-1_200) == "-1,200")
        #expect(PanelText.change(0) == "±0")
        #expect(PanelText.clock(F.now) == "00:22:07")
    }
}
