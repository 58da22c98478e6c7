import Foundation

/// Server logs, read back for error messages.
enum LogFile {
    /// The last `lines` lines of the file at `path` ("" when it cannot be read).
    static func tail(_ path: String, lines: Int = 15) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}
