import Foundation

/// The SQL prompt's statements, kept in the state directory between runs (pgcli's history file): one
/// statement per line, its newlines and backslashes escaped. The last 500 are read back.
enum SQLHistoryFile {
    static let kept = 500

    static func read(_ path: String) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").suffix(kept).map { decode(String($0)) }
    }

    /// Appends `statement`; a failure to write only loses the history, never the statement's run.
    static func append(_ statement: String, to path: String) {
        let line = Data((encode(statement) + "\n").utf8)
        if !FileManager.default.fileExists(atPath: path) {
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                     withIntermediateDirectories: true)
            // Statements may name data: readable by the owner only.
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        handle.seekToEndOfFile()
        handle.write(line)
        try? handle.close()
    }

    static func encode(_ statement: String) -> String {
        statement.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func decode(_ line: String) -> String {
        var out = "", escaped = false
        for character in line {
            if escaped {
                out.append(character == "n" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}
