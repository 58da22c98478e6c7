import Testing
@testable import Console
import Runbook

@Suite("Console: header, footer and focus")
struct StatusLinesTests {
    typealias F = ConsoleFixtures
    static let size = Size(width: 80, height: 24)

    func footer(_ model: ConsoleModel) -> String {
        ConsoleRenderer.render(model, size: Self.size).text.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
    }

    @Test func theHeaderSaysWhatTheConsoleWorksOnAndWhen() {
        #expect(ConsoleRenderer.render(F.busy(), size: Self.size).lines[0]
            == " sparkify — dwh.cfg                                                00:22:07 UTC ")
    }

    @Test func theHeaderNamesTheIdentityOnceAWSHasSaidWhoItIs() {
        var model = F.busy()
        var cluster = ClusterSummary(target: .aws, identifier: "dwhcluster")
        cluster.identity = "arn:aws:sts::1:assumed-role/Ops/sparkify via profile ops (assume-role)"
        model.snapshot.apply(.cluster(cluster))
        #expect(ConsoleRenderer.render(model, size: Size(width: 110, height: 24)).lines[0]
            == " sparkify — dwh.cfg — arn:aws:sts::1:assumed-role/Ops/sparkify via profile ops (assume-role)     00:22:07 UTC ")
    }

    @Test func theFooterShowsTheStatusElseTheKeysThatMatterNow() {
        var model = F.busy()
        #expect(footer(model) == " 1-5 c e r steps  l log  i insights  h history  s sql  Tab focus  ? help  q quit")
        model.focus = .log
        #expect(footer(model) == " ↑ ↓ PgUp PgDn scroll  End follow  Enter detail  Tab focus  ? help  q quit")
        model.dialog = .quit(reason: "cluster dwhcluster is up")
        #expect(footer(model) == " y quit  n stay")
        model.status = "R Row counts: done"
        #expect(footer(model) == " R Row counts: done")
    }

    @Test func theFocusedPanelIsMarkedAndHighlighted() {
        let grid = ConsoleRenderer.render(F.busy(borders: .ascii, focus: .etl), size: Self.size)
        #expect(grid.lines[12].hasSuffix("|+ > ETL progress ------------------------+"))
        #expect(grid[38, 12].style == Style(color: .cyan, bold: true))
        #expect(grid[0, 1].style == Style.plain)   // the Runbook's frame, not focused
    }
}
