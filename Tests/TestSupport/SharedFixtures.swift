import Foundation
import Testing

/// `../shared` next to the package root (env SPARKIFY_SHARED overrides): the official SigV4 suite and
/// the sample data. A clone without it records a failure under CI and otherwise skips with a note.
public enum SharedFixtures {
    public static var root: URL {
        if let path = ProcessInfo.processInfo.environment["SPARKIFY_SHARED"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        // This file is Tests/TestSupport/SharedFixtures.swift: three levels up is the package root.
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// The directory `relative` under the shared root, or nil (after recording or printing why).
    public static func directory(_ relative: String) -> URL? {
        let url = root.appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return url
        }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            Issue.record("shared fixture \(url.path) is missing (set SPARKIFY_SHARED)")
        } else {
            print("note: \(url.path) not found; skipping the tests that need it")
        }
        return nil
    }
}
