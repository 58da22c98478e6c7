@testable import Console
import Testing
import TestSupport

/// Whole screens as snapshot files (`Snapshots/NAME`, re-recorded with `SPARKIFY_RECORD=1`): the grid's
/// text inside a ruler, so trailing blanks and the size show. The files are what the operator will see.
enum ScreenSnapshot {
    static func check(_ grid: Grid, named name: String, filePath: String = #filePath,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        Snapshot.check(framed(grid) + "\n", named: name, filePath: filePath, sourceLocation: sourceLocation)
    }

    static func framed(_ grid: Grid) -> String {
        let edge = "+" + String(repeating: "-", count: grid.size.width) + "+"
        return ([edge] + grid.lines.map { "|" + $0 + "|" } + [edge]).joined(separator: "\n")
    }
}
