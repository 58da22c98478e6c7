import Testing
@testable import Console
import Runbook

@Suite("Console: Runbook panel")
struct RunbookPanelTests {
    typealias F = ConsoleFixtures

    @Test func oneLinePerStepWithHotkeyStateAndDetail() {
        #expect(rendered(RunbookPanel.render, F.busy(), width: 50, height: 10) == [
            "┌ ▸ Runbook ─────────────────────────────────────┐",
            "│1 IAM role      done    arn:aws:iam::1234567890…│",
            "│2 Cluster       done    dc2.large × 4 available │",
            "│3 Open port     done    tcp 5439 from 203.0.113…│",
            "│4 Connect       done    dwhuser@dwhcluster…:543…│",
            "│C Create tables done    7 tables                │",
            "│E Run ETL       running staging_songs           │",
            "│R Row counts    done    counted 00:21:02        │",
            "│5 Clean up      blocked runs only when asked (5)│",
            "└────────────────────────────────────────────────┘",
        ])
    }

    @Test func statesAreColouredByMeaning() {
        var grid = Grid(Size(width: 50, height: 10))
        RunbookPanel.render(F.failed(), in: grid.area, into: &grid)
        // The state column starts at 17: border, "E ", the widest title and a space.
        #expect(grid[17, 1].style.color == .green)        // 1 done
        #expect(grid[17, 6] == Cell(character: "f", style: Style(color: .red, bold: true), isContinuation: false)) // E failed
        #expect(grid[17, 8].style.dim)                     // 5 blocked
    }

    @Test func anUnfocusedASCIIPanelIsClippedNotOverdrawn() {
        var model = F.busy(borders: .ascii)
        model.focus = .log
        #expect(rendered(RunbookPanel.render, model, width: 20, height: 4) == [
            "+ Runbook ---------+",
            "|1 IAM role      do|",
            "|2 Cluster       do|",
            "+------------------+",
        ])
    }
}
