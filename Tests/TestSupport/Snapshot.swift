import Foundation
import Testing

/// Large expected outputs live in `Snapshots/NAME` next to the test file that checks them.
/// `SPARKIFY_RECORD=1 swift test` rewrites them from the current output (review the diff before committing).
public enum Snapshot {
    public static var recording: Bool { ProcessInfo.processInfo.environment["SPARKIFY_RECORD"] == "1" }

    public static func check(_ actual: String, named name: String, filePath: String = #filePath,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let path = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/" + name).path
        if recording {
            do { try actual.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                Issue.record("cannot write \(path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("no snapshot at \(path): run SPARKIFY_RECORD=1 swift test --filter <this test> to write it",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "differs from \(path); if the change is intended, re-record with SPARKIFY_RECORD=1",
                 sourceLocation: sourceLocation)
    }
}
