import Testing
@testable import Console
import Runbook

@Suite("Console: Log panel")
struct LogPanelTests {
    typealias F = ConsoleFixtures

    @Test func theNewestLinesWithErrorsWrappedInFull() {
        #expect(rendered(LogPanel.render, F.busy(), width: 60, height: 6) == [
            "┌ Log ───────────────────────────────────────── ↑ 5 above ─┐",
            "│staging_events succeeded: 8056 rows, 30 objects, 3.6 MB, …│",
            "│warning: song_data/A/B/C/TRABCEI128F424C983.json: 1 recor…│",
            "│SQL SELECT count(*) FROM time — failed 42P01: relation    │",
            "│  \"time\" does not exist (2.1 ms)                          │",
            "└──────────────────────────────────────────────────────────┘",
        ])
    }

    @Test func errorsAreRedAndWarningsYellow() {
        var grid = Grid(Size(width: 60, height: 6))
        LogPanel.render(F.busy(), in: grid.area, into: &grid)
        #expect(grid[1, 2].style.color == .yellow)
        #expect(grid[1, 3].style.color == .red && grid[3, 4].style.color == .red)
    }

    @Test func scrollingCountsRowsSoALongErrorCanBeReadToTheStart() {
        var model = F.failed()
        model.focus = .log
        model.logScroll = 4
        #expect(rendered(LogPanel.render, model, width: 60, height: 6) == [
            "┌ ▸ Log ─────────────────────────────────────── ↑ 8 above ─┐",
            "│  \"time\" does not exist (2.1 ms)                          │",
            "│staging_songs failed: 40 rows, 40 objects, 9.6 KB, 6.1 s —│",
            "│  song_data/A/A/B/TRAABJL12903CDCF1A.json line 1: invalid │",
            "│  JSON                                                    │",
            "└──────────────────────────────── ↓ 4 below · End follows ─┘",
        ])
    }

    @Test func scrollingStopsAtTheOldestLine() {
        var model = F.busy(borders: .ascii)
        model.logScroll = 1_000
        #expect(rendered(LogPanel.render, model, width: 60, height: 4) == [
            "+ Log -----------------------------------------------------+",
            "|IAM GetRole 200 3f1c2a9e-iam 88 ms                        |",
            "|Redshift DescribeClusters 200 7d2e0c41-rs 120 ms          |",
            "+----------------------------- Down 7 below - End follows -+",
        ])
        // The console loop clamps with the same number the panel uses (80×24: a 36×3 log).
        #expect(LogPanel.scrollLimit(F.busy(), size: Size(width: 80, height: 24)) == 10 - 3)
        #expect(LogPanel.scrollLimit(F.busy(), size: Size(width: 10, height: 3)) == 0)
    }

    @Test func anEmptyLogSaysWhatWillAppear() {
        #expect(rendered(LogPanel.render, F.fresh(), width: 30, height: 4) == [
            "┌ Log ───────────────────────┐",
            "│nothing yet: each AWS call  │",
            "│and SQL statement shows here│",
            "└────────────────────────────┘",
        ])
    }
}
