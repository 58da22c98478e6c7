import Foundation

/// `--json` output: one object per line on stdout, snake_case keys, sorted, so scripts can parse line by
/// line and diff runs.
enum JSONLine {
    static func print<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value) else { return }
        Swift.print(String(decoding: data, as: UTF8.self))
    }
}
