@testable import Console
import Runbook
import Testing

/// A look at AWS and the database is one dim log line; Enter on the log shows what it ran below it.
@Suite("Console: the log's detail")
struct LogDetailTests {
    typealias F = ConsoleFixtures

    static func model() -> ConsoleModel {
        F.model([
            F.call(.iam, "CreateRole", id: "r-1", ms: 12),
            .observed(ObservationNote(awsCalls: 1, tablesExisting: 7, tablesKnown: 7, seconds: 0.0034,
                                      detail: ["IAM GetRole 200 r-2 3 ms", "SQL SELECT version() — 1 row, 0.4 ms"])),
        ], focus: .log, borders: .ascii)
    }

    @Test func anObservationIsOneLineUntilItsDetailIsAskedFor() {
        var model = Self.model()
        #expect(rendered(LogPanel.render, model, width: 44, height: 6) == [
            "+ > Log -----------------------------------+",
            "|IAM CreateRole 200 r-1 12 ms              |",
            "|observed: 1 AWS call, 7 tables counted, 3…|",
            "|                                          |",
            "|                                          |",
            "+------------------------------------------+",
        ])
        #expect(model.handle(.enter, size: Size(width: 80, height: 24)) == [])
        #expect(model.logDetail)
        #expect(rendered(LogPanel.render, model, width: 44, height: 6) == [
            "+ > Log -----------------------------------+",
            "|IAM CreateRole 200 r-1 12 ms              |",
            "|observed: 1 AWS call, 7 tables counted, 3…|",
            "|  IAM GetRole 200 r-2 3 ms                |",
            "|  SQL SELECT version() — 1 row, 0.4 ms    |",
            "+------------------------------------------+",
        ])
        var grid = Grid(Size(width: 44, height: 6))
        LogPanel.render(model, in: grid.area, into: &grid)
        #expect(grid[1, 2].style == .dim && grid[3, 3].style == .dim && grid[1, 1].style == .plain)
    }

    @Test func enterOutsideTheLogIsNotAKey() {
        var model = Self.model()
        model.focus = .runbook
        _ = model.handle(.enter, size: Size(width: 80, height: 24))
        #expect(!model.logDetail)
        #expect(model.status == "Enter: not a key here — ? shows the keys")
    }
}
