import Foundation
import Runbook

/// Number and time texts the panels share; written here rather than with a formatter so they are the
/// same on every machine and locale.
enum PanelText {
    /// "8,056", "1,234,567", "-12"
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// A change since the last count: "+8,056", "±0", "-12".
    static func change(_ value: Int) -> String {
        value == 0 ? "±0" : (value > 0 ? "+" : "") + grouped(value)
    }

    /// "18:22:07": times of day in UTC, as the engine's events and the headless output show them, so
    /// the console agrees with them and with itself on every machine.
    static func clock(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        return String(format: "%02d:%02d:%02d", day / 3600, day % 3600 / 60, day % 60)
    }

    /// "5 s", "1m05s", "2h03m": durations as the ETL progress line writes them.
    static func duration(_ seconds: Double) -> String { StageReport.durationText(seconds) }
}
