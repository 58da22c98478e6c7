import Foundation

/// Reading servers' log files for error messages.
enum LogFile {
    /// The last `lines` lines of the file at `path` ("" when it cannot be read).
    static func tail(_ path: String, lines: Int = 15) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
        return lastLines(text, lines)
    }

    /// The last `lines` lines written after the file was `offset` bytes long: what one start wrote to
    /// a log that earlier starts append to.
    static func tail(_ path: String, since offset: UInt64, lines: Int = 15) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd() else { return "" }
        return lastLines(String(decoding: data, as: UTF8.self), lines)
    }

    /// The file's length now (0 when it does not exist).
    static func size(_ path: String) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.uint64Value ?? 0
    }

    /// Whether a server's start failed because its port was taken (moto's and PostgreSQL's wording).
    static func saysAddressInUse(_ log: String) -> Bool {
        log.contains("Address already in use")
    }

    private static func lastLines(_ text: String, _ lines: Int) -> String {
        text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}
