import Foundation

/// The expiry times of temporary credentials: STS writes `2026-12-01T22:00:00Z`, a credential_process
/// may write any ISO 8601 form (`+00:00`, fractional seconds).
enum ExpirationTime {
    static func parse(_ text: String) -> Date? {
        if text.hasSuffix("Z"), let date = S3Timestamp.iso8601(text) { return date }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
