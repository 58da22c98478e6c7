import Testing
@testable import Console

@Suite struct GridTests {
    @Test func putClipsToTheGridAndToTheRegion() {
        var grid = Grid(Size(width: 10, height: 2))
        grid.put("hello, world", x: 2, y: 0)
        grid.put("abcdef", x: 1, y: 1, clip: Rect(x: 0, y: 1, width: 4, height: 1))
        #expect(grid.lines == ["  hello, w", " abc      "])
    }

    @Test func wideCharactersTakeTwoColumnsAndAreNeverHalved() {
        var grid = Grid(Size(width: 6, height: 1))
        let end = grid.put("日本語", x: 0, y: 0)
        #expect(end == 6)
        #expect(grid.lines == ["日本語"])
        var narrow = Grid(Size(width: 5, height: 1))
        narrow.put("日本語", x: 0, y: 0)
        #expect(narrow.lines == ["日本 "])
    }

    @Test func framesCarryTheirTitleInUnicodeOrASCII() {
        var grid = Grid(Size(width: 12, height: 3))
        grid.frame(grid.area, title: "Runbook", borders: .unicode)
        #expect(grid.lines == ["┌ Runbook ─┐", "│          │", "└──────────┘"])
        var ascii = Grid(Size(width: 8, height: 3))
        ascii.frame(ascii.area, title: "Tables", borders: .ascii)
        #expect(ascii.lines == ["+ Tab… +", "|      |", "+------+"])
    }

    @Test func barsFillByFraction() {
        var grid = Grid(Size(width: 10, height: 1))
        grid.bar(0.35, x: 0, y: 0, width: 10, borders: .ascii)
        #expect(grid.lines == ["###......."])
    }

    @Test func textCutsWithAnEllipsisAndPads() {
        #expect("staging_events".fitted(to: 8) == "staging…")
        #expect("abc".padded(to: 5) == "abc  ")
        #expect("42".leftPadded(to: 5) == "   42")
        #expect("Beyoncé".padded(to: 8) == "Beyoncé ")
    }

    @Test func memoryScreenReplaysKeysAndResizes() {
        let screen = MemoryScreen(size: Size(width: 80, height: 24), keys: [.character("1")])
        #expect(screen.nextKey(timeoutMilliseconds: 0) == .character("1"))
        #expect(screen.nextKey(timeoutMilliseconds: 0) == nil)
        screen.resize(to: Size(width: 200, height: 60))
        #expect(screen.nextKey(timeoutMilliseconds: 0) == .resize)
        #expect(screen.size == Size(width: 200, height: 60))
    }
}
