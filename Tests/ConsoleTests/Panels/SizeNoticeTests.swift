import Testing
@testable import Console

@Suite("Console: below the minimum size")
struct SizeNoticeTests {
    typealias F = ConsoleFixtures

    @Test func oneColumnShortSaysSoInTheMiddle() {
        let lines = ConsoleRenderer.render(F.busy(), size: Size(width: 79, height: 24)).lines
        #expect(lines[11] == "               terminal is 79×24; sparkify needs at least 80×24                ")
        #expect(lines.enumerated().allSatisfy { $0.offset == 11 || $0.element.allSatisfy { $0 == " " } })
        #expect(ConsoleRenderer.render(F.busy(), size: Size(width: 80, height: 23)).lines[11]
            == "                terminal is 80×23; sparkify needs at least 80×24                ")
    }

    @Test func narrowScreensWrapAtSpacesAndTinyOnesGetAShorterWording() {
        #expect(ConsoleRenderer.render(F.busy(), size: Size(width: 30, height: 5)).lines == [
            "                              ",
            "  terminal is 30×5; sparkify  ",
            "     needs at least 80×24     ",
            "                              ",
            "                              ",
        ])
        #expect(ConsoleRenderer.render(F.busy(), size: Size(width: 10, height: 3)).lines == [
            "  needs   ",
            "  80×24   ",
            "          ",
        ])
        #expect(ConsoleRenderer.render(F.busy(), size: Size(width: 1, height: 1)).lines == ["…"])
        #expect(ConsoleRenderer.render(F.busy(), size: Size(width: 0, height: 0)).lines == [])
    }

    @Test("every size renders without drawing outside the grid, overlays included",
          arguments: [(1, 1), (2, 1), (1, 2), (3, 3), (10, 3), (20, 8), (40, 12), (79, 24), (80, 23), (80, 24), (81, 24)])
    func everySizeRenders(width: Int, height: Int) {
        var model = F.failed()
        model.showsHelp = true
        model.dialog = .quit(reason: "the cluster is up")
        let grid = ConsoleRenderer.render(model, size: Size(width: width, height: height))
        #expect(grid.lines.count == height)
        #expect(grid.lines.allSatisfy { CellWidth.of($0) == width })
    }
}
