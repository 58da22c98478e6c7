import Foundation
import Testing
@testable import Console

/// Whole screens live in `Snapshots/NAME` next to this folder's tests. `SPARKIFY_RECORD=1 swift test
/// --filter ConsoleTests` rewrites them from the current output (look at the diff before committing:
/// the files are what the operator will see).
enum Snapshot {
    static var recording: Bool { ProcessInfo.processInfo.environment["SPARKIFY_RECORD"] == "1" }

    static func check(_ actual: String, named name: String, filePath: String = #filePath,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        let tests = folder.lastPathComponent == "Support" ? folder.deletingLastPathComponent() : folder
        let path = tests.appendingPathComponent("Snapshots/" + name).path
        if recording {
            do { try (actual + "\n").write(toFile: path, atomically: true, encoding: .utf8) } catch {
                Issue.record("cannot write \(path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("no snapshot at \(path): run SPARKIFY_RECORD=1 swift test --filter ConsoleTests to write it",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(actual + "\n" == expected, "differs from \(path); if the change is intended, re-record with SPARKIFY_RECORD=1",
                sourceLocation: sourceLocation)
    }

    /// A grid as a snapshot file: its text inside a ruler, so trailing blanks and the size show.
    static func check(_ grid: Grid, named name: String, filePath: String = #filePath,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        check(framed(grid), named: name, filePath: filePath, sourceLocation: sourceLocation)
    }

    static func framed(_ grid: Grid) -> String {
        let edge = "+" + String(repeating: "-", count: grid.size.width) + "+"
        return ([edge] + grid.lines.map { "|" + $0 + "|" } + [edge]).joined(separator: "\n")
    }
}
