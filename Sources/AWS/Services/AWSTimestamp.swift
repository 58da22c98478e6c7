import Foundation

/// ISO-8601 timestamps as Query APIs write them: `2019-12-23T23:21:27.977Z`, moto's
/// `2026-11-24T16:49:30.096403Z` (microseconds) or no fraction at all.
enum AWSTimestamp {
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var whole = Substring(trimmed)
        var fraction = 0.0
        if let dot = trimmed.firstIndex(of: ".") {
            let digits = trimmed[trimmed.index(after: dot)...].prefix { $0.isNumber }
            fraction = Double("0." + digits) ?? 0
            whole = trimmed[..<dot] + trimmed[trimmed.index(after: dot)...].drop { $0.isNumber }
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: String(whole)).map { $0.addingTimeInterval(fraction) }
    }

    /// `2019-12-23T23:21:27Z`: for status lines and JSON.
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
