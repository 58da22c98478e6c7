import Testing
@testable import Console

@Suite("Console: layout")
struct LayoutTests {
    @Test func at80x24TheLogSitsUnderTheClusterAndTheRightColumnKeepsItsFullHeight() throws {
        let layout = try #require(ConsoleLayout(Size(width: 80, height: 24)))
        #expect(layout.header == Rect(x: 0, y: 0, width: 80, height: 1))
        #expect(layout.footer == Rect(x: 0, y: 23, width: 80, height: 1))
        #expect(layout[.runbook] == Rect(x: 0, y: 1, width: 38, height: 10))   // 8 steps
        #expect(layout[.cluster] == Rect(x: 0, y: 11, width: 38, height: 7))
        #expect(layout[.log] == Rect(x: 0, y: 18, width: 38, height: 5))       // 3 log lines
        #expect(layout[.tables] == Rect(x: 38, y: 1, width: 42, height: 11))   // header, 7 tables, time
        #expect(layout[.etl] == Rect(x: 38, y: 12, width: 42, height: 11))     // list S3 + 8 stages
    }

    @Test func largerScreensWidenTheColumnsAndGiveTheLogTheBottom() throws {
        let layout = try #require(ConsoleLayout(Size(width: 160, height: 48)))
        #expect(layout[.runbook] == Rect(x: 0, y: 1, width: 64, height: 10))
        #expect(layout[.cluster] == Rect(x: 0, y: 11, width: 64, height: 12))
        #expect(layout[.tables] == Rect(x: 64, y: 1, width: 96, height: 11))
        #expect(layout[.etl] == Rect(x: 64, y: 12, width: 96, height: 11))
        #expect(layout[.log] == Rect(x: 0, y: 23, width: 160, height: 24))
    }

    @Test func theLogMovesToTheBottomAsSoonAsThreeLinesFitThere() throws {
        #expect(try #require(ConsoleLayout(Size(width: 80, height: 28)))[.log].width == 38)
        #expect(try #require(ConsoleLayout(Size(width: 80, height: 29)))[.log] == Rect(x: 0, y: 23, width: 80, height: 5))
    }

    @Test func belowTheMinimumThereIsNoLayout() {
        #expect(ConsoleLayout(Size(width: 79, height: 24)) == nil)
        #expect(ConsoleLayout(Size(width: 80, height: 23)) == nil)
        #expect(ConsoleLayout(Size(width: 0, height: 0)) == nil)
    }

    @Test("panels stay inside the screen and never overlap",
          arguments: [(80, 24), (80, 28), (80, 29), (81, 25), (100, 30), (120, 40), (160, 48), (200, 60), (400, 120)])
    func panelsTileTheScreen(width: Int, height: Int) throws {
        let size = Size(width: width, height: height)
        let layout = try #require(ConsoleLayout(size))
        var owner = [[String]](repeating: [String](repeating: "", count: width), count: height)
        let areas = [("header", layout.header), ("footer", layout.footer)] + PanelID.allCases.map { ($0.rawValue, layout[$0]) }
        for (name, rect) in areas {
            #expect(rect.width >= 2 && rect.height >= 3 || name == "header" || name == "footer", "\(name) \(rect)")
            #expect(rect.x >= 0 && rect.y >= 0 && rect.maxX <= width && rect.maxY <= height, "\(name) \(rect)")
            for y in rect.y..<rect.maxY {
                for x in rect.x..<rect.maxX {
                    #expect(owner[y][x].isEmpty, "\(name) overlaps \(owner[y][x]) at \(x),\(y)")
                    owner[y][x] = name
                }
            }
        }
        #expect(layout[.runbook].height >= 10 && layout[.tables].height >= 11 && layout[.etl].height >= 11)
        #expect(layout[.log].inner.height >= 3)
    }
}
