import Foundation

/// Unique directories under the system temp directory (short paths: Unix sockets live in them).
public enum TemporaryDirectory {
    /// Creates `…/sparkify-test-<label>-<random>` and returns its path. The caller removes it.
    public static func make(_ label: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.path
            + "/sparkify-test-\(label)-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
