import Foundation

/// Times of day as the panels and events show them: UTC, to the second, the same on every machine.
enum ClockTime {
    /// "18:22:07"
    static func utc(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        return String(format: "%02d:%02d:%02d", day / 3600, day % 3600 / 60, day % 60)
    }
}
